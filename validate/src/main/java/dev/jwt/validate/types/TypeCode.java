package dev.jwt.validate.types;

import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.NumType;

/**
 * Value types as ints, the validator's hot-path representation: no object per operand.
 *
 * <p>Numbers and vectors are small constants. A reference sets {@link #REF}, {@link #NULLABLE}
 * when it admits null, and carries its heap type in the low bits: an {@link AbsHeapType} ordinal,
 * {@link #BOT} (the bottom heap type the algorithm uses for unknown operands in unreachable code), or
 * {@link #CONCRETE} plus the module's type index. A shared abstract heap type
 * (shared-everything-threads) is its ordinal with {@link #SHARED} set. {@link #UNKNOWN} is the spec
 * algorithm's "Unknown" operand type, a subtype of everything.
 */
public final class TypeCode {
    private TypeCode() {}

    public static final int UNKNOWN = 0;
    public static final int I32 = 1;
    public static final int I64 = 2;
    public static final int F32 = 3;
    public static final int F64 = 4;
    public static final int V128 = 5;

    public static final int REF = 1 << 30;
    public static final int NULLABLE = 1 << 29;
    public static final int CONCRETE = 1 << 28;
    /**
     * custom-descriptors: with {@link #CONCRETE}, the exact heap type {@code (exact x)}, which
     * excludes x's subtypes. Part of the heap bits: an exact and an inexact heap type differ.
     */
    public static final int EXACT = 1 << 27;
    /** Bits that name a heap type: concrete flag plus index or abstract ordinal. */
    public static final int HEAP_MASK = CONCRETE | (CONCRETE - 1);
    /** The bottom heap type, below every other. */
    public static final int BOT = 0xFFFF;
    /** Marks an abstract heap type as shared: {@code (shared any)} is {@code SHARED | ANY}. */
    public static final int SHARED = 1 << 16;
    /**
     * Marks an abstract heap type whose sharedness is unknown: what converting an unknown operand
     * (unreachable code) gives, a non-null reference that matches the shared and the unshared type.
     */
    public static final int MAYBE_SHARED = 1 << 17;

    public static final int ANY = AbsHeapType.ANY.ordinal();
    public static final int EQ = AbsHeapType.EQ.ordinal();
    public static final int I31 = AbsHeapType.I31.ordinal();
    public static final int STRUCT = AbsHeapType.STRUCT.ordinal();
    public static final int ARRAY = AbsHeapType.ARRAY.ordinal();
    public static final int NONE = AbsHeapType.NONE.ordinal();
    public static final int FUNC = AbsHeapType.FUNC.ordinal();
    public static final int NOFUNC = AbsHeapType.NOFUNC.ordinal();
    public static final int EXTERN = AbsHeapType.EXTERN.ordinal();
    public static final int NOEXTERN = AbsHeapType.NOEXTERN.ordinal();
    public static final int EXN = AbsHeapType.EXN.ordinal();
    public static final int NOEXN = AbsHeapType.NOEXN.ordinal();
    public static final int CONT = AbsHeapType.CONT.ordinal();
    public static final int NOCONT = AbsHeapType.NOCONT.ordinal();

    public static final int FUNCREF = ref(true, FUNC);
    public static final int EXTERNREF = ref(true, EXTERN);
    public static final int EXNREF = ref(true, EXN);

    public static int ref(boolean nullable, int heap) {
        return REF | (nullable ? NULLABLE : 0) | heap;
    }

    public static boolean isRef(int t) {
        return (t & REF) != 0;
    }

    public static boolean isNullable(int t) {
        return (t & NULLABLE) != 0;
    }

    public static int heap(int t) {
        return t & HEAP_MASK;
    }

    public static boolean isConcrete(int heap) {
        return (heap & CONCRETE) != 0 && heap != BOT;
    }

    public static int typeIndex(int heap) {
        return heap & (EXACT - 1);
    }

    public static int concrete(int typeIndex) {
        return CONCRETE | typeIndex;
    }

    /** True for a shared abstract heap type (shared-everything-threads). */
    public static boolean isSharedAbstract(int heap) {
        return (heap & (CONCRETE | SHARED)) == SHARED;
    }

    /** True for an abstract heap type of unknown sharedness ({@link #MAYBE_SHARED}). */
    public static boolean isMaybeShared(int heap) {
        return (heap & (CONCRETE | MAYBE_SHARED)) == MAYBE_SHARED;
    }

    /** An abstract heap type's code without its sharedness flags: the {@link AbsHeapType} ordinal. */
    public static int abstractOrdinal(int heap) {
        return heap & ~(SHARED | MAYBE_SHARED);
    }

    /** The abstract heap type {@code ordinal}, shared or not. */
    public static int abstractHeap(int ordinal, boolean shared) {
        return shared ? SHARED | ordinal : ordinal;
    }

    /** custom-descriptors: the exact heap type of {@code typeIndex}. */
    public static int exact(int typeIndex) {
        return CONCRETE | EXACT | typeIndex;
    }

    /** Whether a heap code is an exact concrete heap type. */
    public static boolean isExact(int heap) {
        return isConcrete(heap) && (heap & EXACT) != 0;
    }

    /** The heap code without exactness. */
    public static int inexact(int heap) {
        return isConcrete(heap) ? heap & ~EXACT : heap;
    }

    public static int of(NumType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
        };
    }

    /** A value that a default initialises: numbers, vectors and nullable references. */
    public static boolean isDefaultable(int t) {
        return !isRef(t) || isNullable(t);
    }

    /** The text form, as wasm-tools prints types in messages. */
    public static String name(int t) {
        switch (t) {
            case UNKNOWN: return "unknown";
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            default: break;
        }
        int h = heap(t);
        boolean nullable = isNullable(t);
        String heapName;
        if (h == BOT) {
            // wasm-tools' word for an unknown reference operand.
            return "heap type";
        } else if (isMaybeShared(h)) {
            heapName = AbsHeapType.values()[abstractOrdinal(h)].text();
        } else if (isExact(h)) {
            heapName = "(exact " + typeIndex(h) + ")";
        } else if (isConcrete(h)) {
            heapName = Integer.toString(typeIndex(h));
        } else if (isSharedAbstract(h)) {
            // wasm-tools' words: (shared anyref), (ref (shared any)).
            AbsHeapType a = AbsHeapType.values()[abstractOrdinal(h)];
            if (nullable) {
                return "(shared " + a.text() + "ref)";
            }
            heapName = "(shared " + a.text() + ")";
        } else {
            AbsHeapType a = AbsHeapType.values()[h];
            if (nullable) {
                return a.text() + "ref";
            }
            heapName = a.text();
        }
        return nullable ? "(ref null " + heapName + ")" : "(ref " + heapName + ")";
    }
}
