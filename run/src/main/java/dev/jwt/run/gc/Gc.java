package dev.jwt.run.gc;

import dev.jwt.run.Trap;
import dev.jwt.run.WasmFunction;
import java.util.Arrays;

/**
 * What compiled code calls for the GC instructions (struct.*, array.*, i31, casts). Values cross
 * boxed, as in {@link WasmFunction#call}; packed fields as Integers of their low bits.
 */
public final class Gc {
    private Gc() {}

    // Abstract heap types, as ref.test, ref.cast and br_on_cast name them.
    public static final int ANY = 0;
    public static final int EQ = 1;
    public static final int I31_TYPE = 2;
    public static final int STRUCT = 3;
    public static final int ARRAY = 4;
    public static final int NONE = 5;
    public static final int FUNC = 6;
    public static final int NOFUNC = 7;
    public static final int EXTERN = 8;
    public static final int NOEXTERN = 9;
    public static final int EXN = 10;
    public static final int NOEXN = 11;
    /** A concrete type: the GcType argument says which. */
    public static final int CONCRETE = 12;

    /** The default value of field (or element) {@code i} of {@code type}: zero or null. */
    public static Object defaultValue(GcType type, int i) {
        return switch (type.storage(i)) {
            case 'b', 's', 'i' -> 0;
            case 'I' -> 0L;
            case 'f' -> 0f;
            case 'F' -> 0d;
            case 'v' -> dev.jwt.run.V128.ZERO;
            default -> null;
        };
    }

    // ---------------------------------------------------------------- structs

    public static Object structNew(Object[] fields, GcType type) {
        for (int i = 0; i < fields.length; i++) {
            fields[i] = type.pack(i, fields[i]);
        }
        return new GcStruct(type, fields);
    }

    private static GcStruct struct(Object ref) {
        if (ref == null) {
            throw new Trap("null structure reference");
        }
        return (GcStruct) ref;
    }

    public static Object structGet(Object ref, int field) {
        return struct(ref).fields[field];
    }

    public static int structGetS(Object ref, int field) {
        GcStruct s = struct(ref);
        return signExtend(s.type.storage(field), (Integer) s.fields[field]);
    }

    public static int structGetU(Object ref, int field) {
        return (Integer) struct(ref).fields[field];
    }

    public static void structSet(Object ref, Object value, int field) {
        GcStruct s = struct(ref);
        s.fields[field] = s.type.pack(field, value);
    }

    private static int signExtend(char storage, int v) {
        return storage == 'b' ? (byte) v : storage == 's' ? (short) v : v;
    }

    // ---------------------------------------------------------------- arrays

    public static Object arrayNew(Object value, int length, GcType type) {
        Object[] elements = allocate(length, type);
        Arrays.fill(elements, type.pack(0, value));
        return new GcArray(type, elements);
    }

    /** The trap of an array too large for the engine (the spec leaves the limit to it). */
    static final String ALLOCATION_TOO_LARGE = "allocation size too large";

    /**
     * The element array of a new array of {@code length} (unsigned) elements: the engine's limit is
     * that of a memory, 2^31 - 1 bytes of element data (8 bytes a reference, 16 a v128), and the
     * JVM heap's.
     */
    private static Object[] allocate(int length, GcType type) {
        char storage = type.storage(0);
        long bytes = switch (storage) {
            case 'b' -> 1;
            case 's' -> 2;
            case 'i', 'f' -> 4;
            case 'v' -> 16;
            default -> 8;
        };
        if (length < 0 || length * bytes > Integer.MAX_VALUE) {
            throw new Trap(ALLOCATION_TOO_LARGE);
        }
        try {
            return new Object[length];
        } catch (OutOfMemoryError e) {
            throw new Trap(ALLOCATION_TOO_LARGE);
        }
    }

    public static Object arrayNewFixed(Object[] values, GcType type) {
        for (int i = 0; i < values.length; i++) {
            values[i] = type.pack(0, values[i]);
        }
        return new GcArray(type, values);
    }

    private static GcArray array(Object ref) {
        if (ref == null) {
            throw new Trap("null array reference");
        }
        return (GcArray) ref;
    }

    private static void checkRange(int start, int n, int length, String message) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > length) {
            throw new Trap(message);
        }
    }

    public static Object arrayGet(Object ref, int index) {
        GcArray a = array(ref);
        checkRange(index, 1, a.elements.length, "out of bounds array access");
        return a.elements[index];
    }

    public static int arrayGetS(Object ref, int index) {
        GcArray a = array(ref);
        checkRange(index, 1, a.elements.length, "out of bounds array access");
        return signExtend(a.type.storage(0), (Integer) a.elements[index]);
    }

    public static int arrayGetU(Object ref, int index) {
        GcArray a = array(ref);
        checkRange(index, 1, a.elements.length, "out of bounds array access");
        return (Integer) a.elements[index];
    }

    public static void arraySet(Object ref, int index, Object value) {
        GcArray a = array(ref);
        checkRange(index, 1, a.elements.length, "out of bounds array access");
        a.elements[index] = a.type.pack(0, value);
    }

    public static int arrayLen(Object ref) {
        return array(ref).elements.length;
    }

    public static void arrayFill(Object ref, int index, Object value, int n) {
        GcArray a = array(ref);
        checkRange(index, n, a.elements.length, "out of bounds array access");
        Arrays.fill(a.elements, index, index + n, a.type.pack(0, value));
    }

    public static void arrayCopy(Object dst, int d, Object src, int s, int n) {
        GcArray to = array(dst);
        GcArray from = array(src);
        checkRange(d, n, to.elements.length, "out of bounds array access");
        checkRange(s, n, from.elements.length, "out of bounds array access");
        System.arraycopy(from.elements, s, to.elements, d, n);
    }

    private static int elementBytes(char storage) {
        return switch (storage) {
            case 'b' -> 1;
            case 's' -> 2;
            case 'i', 'f' -> 4;
            case 'I', 'F' -> 8;
            default -> throw new UnsupportedOperationException("array of v128 from a data segment is not supported yet");
        };
    }

    private static Object decode(char storage, byte[] data, int at) {
        long bits = 0;
        int size = elementBytes(storage);
        for (int k = size - 1; k >= 0; k--) {
            bits = (bits << 8) | (data[at + k] & 0xFF);
        }
        return switch (storage) {
            case 'b', 's', 'i' -> (int) bits;
            case 'I' -> bits;
            case 'f' -> Float.intBitsToFloat((int) bits);
            default -> Double.longBitsToDouble(bits);
        };
    }

    public static Object arrayNewData(int s, int n, byte[] segment, GcType type) {
        char storage = type.storage(0);
        int size = elementBytes(storage);
        checkRange(s, (int) Math.min((long) n * size, Integer.MAX_VALUE), segment.length, "out of bounds memory access");
        Object[] elements = allocate(n, type);
        for (int i = 0; i < n; i++) {
            elements[i] = decode(storage, segment, s + i * size);
        }
        return new GcArray(type, elements);
    }

    public static Object arrayNewElem(int s, int n, Object[] segment, GcType type) {
        checkRange(s, n, segment.length, "out of bounds table access");
        return new GcArray(type, Arrays.copyOfRange(segment, s, s + n));
    }

    public static void arrayInitData(Object ref, int d, int s, int n, byte[] segment) {
        GcArray a = array(ref);
        checkRange(d, n, a.elements.length, "out of bounds array access");
        char storage = a.type.storage(0);
        int size = elementBytes(storage);
        checkRange(s, (int) Math.min((long) n * size, Integer.MAX_VALUE), segment.length, "out of bounds memory access");
        for (int i = 0; i < n; i++) {
            a.elements[d + i] = decode(storage, segment, s + i * size);
        }
    }

    public static void arrayInitElem(Object ref, int d, int s, int n, Object[] segment) {
        GcArray a = array(ref);
        checkRange(d, n, a.elements.length, "out of bounds array access");
        checkRange(s, n, segment.length, "out of bounds table access");
        System.arraycopy(segment, s, a.elements, d, n);
    }

    // ---------------------------------------------------------------- i31

    public static Object refI31(int value) {
        return new I31(value & 0x7FFF_FFFF);
    }

    private static I31 i31(Object ref) {
        if (ref == null) {
            throw new Trap("null i31 reference");
        }
        return (I31) ref;
    }

    public static int i31GetS(Object ref) {
        return (i31(ref).value() << 1) >> 1;
    }

    public static int i31GetU(Object ref) {
        return i31(ref).value();
    }

    /** ref.eq: identity, except that i31 references compare their values. */
    public static int refEq(Object a, Object b) {
        return a == b || (a instanceof I31 x && x.equals(b)) ? 1 : 0;
    }

    // ---------------------------------------------------------------- casts

    /** ref.test: whether {@code ref} is of the heap type ({@code kind}, {@code type}), null included when {@code nullable}. */
    public static int test(Object ref, int nullable, int kind, GcType type) {
        if (ref == null) {
            return nullable;
        }
        boolean is = switch (kind) {
            case ANY, EXTERN, EXN -> true;
            case EQ -> ref instanceof GcObject || ref instanceof I31;
            case I31_TYPE -> ref instanceof I31;
            case STRUCT -> ref instanceof GcStruct;
            case ARRAY -> ref instanceof GcArray;
            case FUNC -> ref instanceof WasmFunction;
            case CONCRETE -> type.functionId >= 0
                    ? ref instanceof WasmFunction f && GcType.isFunctionSubtype(f.typeId(), type.canonicalId())
                    : ref instanceof GcObject o && o.type.isSubtypeOf(type);
            default -> false;
        };
        return is ? 1 : 0;
    }

    /** ref.cast: {@code ref} itself when {@link #test} holds; otherwise the trap. */
    public static Object cast(Object ref, int nullable, int kind, GcType type) {
        if (test(ref, nullable, kind, type) == 0) {
            throw new Trap("cast failure");
        }
        return ref;
    }
}
