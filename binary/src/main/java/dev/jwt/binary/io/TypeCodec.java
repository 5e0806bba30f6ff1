package dev.jwt.binary.io;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;

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
        throw new MalformedException("malformed heap type", r.offsetOf(at));
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
        if (b == REF_NULL || b == REF) {
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
        w.u8(t.nullable() ? REF_NULL : REF);
        heapType(w, t.heapType());
    }

    public static void heapType(BinaryWriter w, HeapType t) {
        if (t instanceof AbsHeapType a) {
            w.u8(a.code());
        } else {
            w.s33(((ConcreteHeapType) t).typeIndex() & 0xFFFFFFFFL);
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
}
