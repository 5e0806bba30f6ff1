package dev.jwt.binary.io;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.SharedAbsHeapType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The binary encoding of value, heap, reference, storage and block types: the one place that
 * knows their type codes, shared by the instruction and module readers and writers.
 *
 * <p>Reference types are written in the short form ({@code funcref} as 0x70) whenever one exists,
 * as wasm-tools does.
 */
public final class TypeCodec {
    private TypeCodec() {}

    /** Code 0x63: {@code (ref null ht)}. */
    public static final int REF_NULL = 0x63;
    /** Code 0x64: {@code (ref ht)}. */
    public static final int REF = 0x64;
    /** Code 0x40: the empty block type. */
    public static final int EMPTY_BLOCK = 0x40;

    private static final AbsHeapType[] ABS = new AbsHeapType[0x80];
    private static final RefType[] SHORTHAND = new RefType[0x80];
    private static final BlockType[] VALUE_BLOCKS = new BlockType[0x80];

    static {
        for (AbsHeapType t : AbsHeapType.values()) {
            ABS[t.code()] = t;
            SHORTHAND[t.code()] = new RefType(true, t);
            VALUE_BLOCKS[t.code()] = new BlockType.Value(SHORTHAND[t.code()]);
        }
        for (NumType t : NumType.values()) {
            VALUE_BLOCKS[t.code()] = new BlockType.Value(t);
        }
        VALUE_BLOCKS[VecType.V128.code()] = new BlockType.Value(VecType.V128);
    }

    /** The abstract heap type of code {@code b} (0x00-0x7F), or null. */
    public static AbsHeapType absHeapType(int b) {
        return b >= 0 && b < 0x80 ? ABS[b] : null;
    }

    // ---- reading ----

    public static ValType valType(BinaryReader r) {
        int at = r.position();
        int b = r.u8();
        switch (b) {
            case 0x7F: return NumType.I32;
            case 0x7E: return NumType.I64;
            case 0x7D: return NumType.F32;
            case 0x7C: return NumType.F64;
            case 0x7B: return VecType.V128;
            case REF_NULL: return new RefType(true, heapType(r));
            case REF: return new RefType(false, heapType(r));
            case SharedAbsHeapType.PREFIX: return new RefType(true, sharedAbsHeapType(r, at));
            default:
                if (b < 0x80 && SHORTHAND[b] != null) {
                    return SHORTHAND[b];
                }
                throw new MalformedException("malformed value type", r.offsetOf(at));
        }
    }

    public static RefType refType(BinaryReader r) {
        int at = r.position();
        int b = r.u8();
        switch (b) {
            case REF_NULL: return new RefType(true, heapType(r));
            case REF: return new RefType(false, heapType(r));
            case SharedAbsHeapType.PREFIX: return new RefType(true, sharedAbsHeapType(r, at));
            default:
                if (b < 0x80 && SHORTHAND[b] != null) {
                    return SHORTHAND[b];
                }
                throw new MalformedException("malformed reference type", r.offsetOf(at));
        }
    }

    /** A heap type: an abstract one by its code, or a type index as a non-negative s33. */
    public static HeapType heapType(BinaryReader r) {
        int at = r.position();
        if (r.peek() == EXACT) {
            r.u8();
            int indexAt = r.position();
            int index = r.u32();
            if (index < 0) {
                throw new MalformedException("type index too large", r.offsetOf(indexAt));
            }
            return new ConcreteHeapType(index, true);
        }
        long v = r.s33();
        if (v >= 0) {
            if (v > Integer.MAX_VALUE) {
                throw new MalformedException("type index too large", r.offsetOf(at));
            }
            return new ConcreteHeapType((int) v);
        }
        int code = (int) (v & 0x7F);
        if (v >= -64 && ABS[code] != null) {
            return ABS[code];
        }
        if (code == SharedAbsHeapType.PREFIX && v >= -64) {
            return sharedAbsHeapType(r, at);
        }
        throw new MalformedException("malformed heap type", r.offsetOf(at));
    }

    /** After the 0x65 prefix (read at {@code at}): the abstract heap type that is shared. */
    private static SharedAbsHeapType sharedAbsHeapType(BinaryReader r, int at) {
        int b = r.u8();
        AbsHeapType a = b < 0x80 ? ABS[b] : null;
        if (a == null) {
            throw new MalformedException("malformed heap type", r.offsetOf(at));
        }
        return new SharedAbsHeapType(a);
    }

    public static StorageType storageType(BinaryReader r) {
        int b = r.peek();
        if (b == PackedType.I8.code()) {
            r.u8();
            return PackedType.I8;
        }
        if (b == PackedType.I16.code()) {
            r.u8();
            return PackedType.I16;
        }
        int at = r.position();
        try {
            return valType(r);
        } catch (MalformedException e) {
            if (e.bareMessage().equals("malformed value type") && e.offset() == r.offsetOf(at)) {
                throw new MalformedException("malformed storage type", e.offset());
            }
            throw e;
        }
    }

    /** A block type: 0x40, a value type, or a type index as a non-negative s33. */
    public static BlockType blockType(BinaryReader r) {
        int b = r.peek();
        if (b == EMPTY_BLOCK) {
            r.u8();
            return BlockType.EMPTY;
        }
        if (b < 0x80 && VALUE_BLOCKS[b] != null) {
            r.u8();
            return VALUE_BLOCKS[b];
        }
        if (b == REF_NULL || b == REF || b == SharedAbsHeapType.PREFIX) {
            return new BlockType.Value(valType(r));
        }
        int at = r.position();
        long v = r.s33();
        if (v < 0) {
            throw new MalformedException("malformed block type", r.offsetOf(at));
        }
        if (v > Integer.MAX_VALUE) {
            throw new MalformedException("type index too large", r.offsetOf(at));
        }
        return new BlockType.Indexed((int) v);
    }

    // ---- writing ----

    public static void valType(BinaryWriter w, ValType t) {
        if (t instanceof NumType n) {
            w.u8(n.code());
        } else if (t instanceof VecType v) {
            w.u8(v.code());
        } else {
            refType(w, (RefType) t);
        }
    }

    public static void refType(BinaryWriter w, RefType t) {
        if (t.nullable() && t.heapType() instanceof AbsHeapType a) {
            w.u8(a.code());
            return;
        }
        if (t.nullable() && t.heapType() instanceof SharedAbsHeapType s) {
            // The short form of (ref null (shared ht)) is 0x65 ht, as wasm-tools writes it.
            w.u8(SharedAbsHeapType.PREFIX);
            w.u8(s.type().code());
            return;
        }
        w.u8(t.nullable() ? REF_NULL : REF);
        heapType(w, t.heapType());
    }

    public static void heapType(BinaryWriter w, HeapType t) {
        if (t instanceof AbsHeapType a) {
            w.u8(a.code());
        } else if (t instanceof SharedAbsHeapType s) {
            w.u8(SharedAbsHeapType.PREFIX);
            w.u8(s.type().code());
        } else {
            ConcreteHeapType c = (ConcreteHeapType) t;
            if (c.exact()) {
                w.u8(EXACT);
                w.u32(c.typeIndex());
            } else {
                w.s33(c.typeIndex() & 0xFFFFFFFFL);
            }
        }
    }

    public static void storageType(BinaryWriter w, StorageType t) {
        if (t instanceof PackedType p) {
            w.u8(p.code());
        } else {
            valType(w, (ValType) t);
        }
    }

    public static void blockType(BinaryWriter w, BlockType t) {
        if (t instanceof BlockType.Empty) {
            w.u8(EMPTY_BLOCK);
        } else if (t instanceof BlockType.Value v) {
            valType(w, v.type());
        } else {
            w.s33(((BlockType.Indexed) t).typeIndex() & 0xFFFFFFFFL);
        }
    }

    /** A type section entry: a {@code (rec ...)} group or a lone subtype. */
    public static RecGroup recGroup(BinaryReader s) {
        if (s.peek() == 0x4E) {
            s.u8();
            int n = s.u32Count();
            List<SubType> members = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                members.add(subType(s));
            }
            return new RecGroup(true, members);
        }
        return RecGroup.single(subType(s));
    }

    public static SubType subType(BinaryReader s) {
        int b = s.peek();
        if (b == 0x50 || b == 0x4F) {
            s.u8();
            int n = s.u32Count();
            List<Integer> supers = new ArrayList<>(Math.min(n, 8));
            for (int i = 0; i < n; i++) {
                supers.add(s.u32());
            }
            return describedType(s, b == 0x4F, supers);
        }
        return describedType(s, true, List.of());
    }

    /** Code 0x4C: the {@code describes} clause of a subtype (custom-descriptors). */
    public static final int DESCRIBES = 0x4C;
    /** Code 0x4D: the {@code descriptor} clause of a subtype (custom-descriptors). */
    public static final int DESCRIPTOR = 0x4D;
    /** Code 0x62: the prefix of an exact heap type (custom-descriptors). */
    public static final int EXACT = 0x62;

    /**
     * The part of a subtype after its supertypes: an optional 0x65 shared prefix
     * (shared-everything-threads), an optional describes clause, then an optional descriptor clause
     * (custom-descriptors), then the composite type. Any other order or a repeated clause reaches
     * {@link #compositeType} and is a malformed definition type.
     */
    public static SubType describedType(BinaryReader s, boolean isFinal, List<Integer> supers) {
        boolean shared = false;
        if (s.peek() == SharedAbsHeapType.PREFIX) {
            s.u8();
            shared = true;
        }
        OptionalInt describes = OptionalInt.empty();
        OptionalInt descriptor = OptionalInt.empty();
        if (s.peek() == DESCRIBES) {
            s.u8();
            describes = OptionalInt.of(s.u32());
        }
        if (s.peek() == DESCRIPTOR) {
            s.u8();
            descriptor = OptionalInt.of(s.u32());
        }
        return new SubType(isFinal, supers, describes, descriptor, compositeType(s), shared);
    }

    public static CompositeType compositeType(BinaryReader s) {
        long at = s.offset();
        int b = s.u8();
        switch (b) {
            case 0x60 -> {
                List<ValType> params = valTypes(s);
                List<ValType> results = valTypes(s);
                return new FuncType(params, results);
            }
            case 0x5F -> {
                int n = s.u32Count();
                List<FieldType> fields = new ArrayList<>(Math.min(n, 64));
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType(s));
                }
                return new StructType(fields);
            }
            case 0x5E -> {
                return new ArrayType(fieldType(s));
            }
            case 0x5D -> {
                return new ContType(s.u32());
            }
            default -> throw new MalformedException("malformed definition type", at);
        }
    }

    private static List<ValType> valTypes(BinaryReader s) {
        int n = s.u32Count();
        List<ValType> out = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            out.add(TypeCodec.valType(s));
        }
        return out;
    }

    public static FieldType fieldType(BinaryReader s) {
        var storage = TypeCodec.storageType(s);
        return new FieldType(storage, mutability(s) == 1);
    }

    private static int mutability(BinaryReader s) {
        long at = s.offset();
        int m = s.u8();
        if (m > 1) {
            throw new MalformedException("malformed mutability", at);
        }
        return m;
    }

    public static GlobalType globalType(BinaryReader s) {
        ValType t = TypeCodec.valType(s);
        long at = s.offset();
        int m = s.u8();
        // Bit 1 marks a shared global (shared-everything-threads).
        if (m > 3) {
            throw new MalformedException("malformed mutability", at);
        }
        return new GlobalType(t, (m & 1) != 0, (m & 2) != 0);
    }

    /**
     * Limits: flags (bit 0 maximum present, bit 1 shared, bit 2 64-bit addresses, bit 3 custom
     * page size, memories only), minimum, maximum, page size exponent.
     */
    public static Limits limits(BinaryReader s, boolean memory) {
        long at = s.offset();
        int flags = s.u8();
        if (flags > (memory ? 0x0F : 0x07)) {
            throw new MalformedException("malformed limits flags", at);
        }
        boolean is64 = (flags & 4) != 0;
        long min = bound(s, is64);
        OptionalLong max = OptionalLong.empty();
        if ((flags & 1) != 0) {
            max = OptionalLong.of(bound(s, is64));
        }
        int pageSizeLog2 = -1;
        if ((flags & 8) != 0) {
            long pat = s.offset();
            int log2 = s.u32();
            if (log2 < 0 || log2 >= 64) {
                throw new MalformedException("invalid custom page size", pat);
            }
            pageSizeLog2 = log2;
        }
        return new Limits(min, max, is64, (flags & 2) != 0, pageSizeLog2);
    }

    /** A limit: a u64, which must fit 32 bits for 32-bit addresses (the reference decoder's order of checks). */
    private static long bound(BinaryReader s, boolean is64) {
        long at = s.offset();
        long v = s.u64();
        if (!is64 && (v >>> 32) != 0) {
            throw new MalformedException("integer too large", at);
        }
        return v;
    }

    public static TableType tableType(BinaryReader s) {
        RefType element = TypeCodec.refType(s);
        return new TableType(element, limits(s, false));
    }
}
