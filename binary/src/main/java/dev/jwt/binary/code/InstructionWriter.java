package dev.jwt.binary.code;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.List;

/**
 * An {@link InstructionVisitor} that encodes every instruction it is shown, canonically (shortest
 * LEB128, memory index written only when it is not 0). Feeding it an {@link InstructionReader}'s
 * output re-encodes a canonical body byte for byte.
 */
public final class InstructionWriter implements InstructionVisitor {
    private final BinaryWriter w;

    public InstructionWriter() {
        this(new BinaryWriter());
    }

    /** A writer appending to {@code sink}. */
    public InstructionWriter(BinaryWriter sink) {
        this.w = sink;
    }

    public BinaryWriter sink() {
        return w;
    }

    public byte[] toByteArray() {
        return w.toByteArray();
    }

    public Bytes toBytes() {
        return w.toBytes();
    }

    /** Writes {@code op}'s opcode bytes (prefix and u32 code for prefixed ones). */
    public void opcode(Opcode op) {
        if (op.prefix() == 0) {
            w.u8(op.code());
        } else {
            w.u8(op.prefix());
            w.u32(op.code());
        }
    }

    @Override
    public void visitSimple(Opcode op) {
        opcode(op);
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        opcode(op);
        TypeCodec.blockType(w, type);
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        opcode(op);
        if (op.immediate() == dev.jwt.binary.Immediate.LANE) {
            w.u8(index);
        } else {
            w.u32(index);
        }
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        opcode(op);
        w.u32(first);
        w.u32(second);
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        opcode(Opcode.BR_TABLE);
        w.u32(labels.length);
        for (int l : labels) {
            w.u32(l);
        }
        w.u32(defaultLabel);
    }

    private void memarg(int align, int memory, long offset) {
        if (memory != 0) {
            w.u32(align | 0x40);
            w.u32(memory);
        } else {
            w.u32(align);
        }
        w.u64(offset);
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        opcode(op);
        memarg(align, memory, offset);
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        opcode(op);
        memarg(align, memory, offset);
        w.u8(lane);
    }

    @Override
    public void visitI32Const(int value) {
        w.u8(Opcode.I32_CONST.code());
        w.s32(value);
    }

    @Override
    public void visitI64Const(long value) {
        w.u8(Opcode.I64_CONST.code());
        w.s64(value);
    }

    @Override
    public void visitF32Const(int bits) {
        w.u8(Opcode.F32_CONST.code());
        w.f32Bits(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        w.u8(Opcode.F64_CONST.code());
        w.f64Bits(bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        opcode(Opcode.V128_CONST);
        w.f64Bits(low);
        w.f64Bits(high);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        opcode(Opcode.I8X16_SHUFFLE);
        w.bytes(lanes);
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        opcode(Opcode.SELECT_TYPED);
        w.u32(types.size());
        for (ValType t : types) {
            TypeCodec.valType(w, t);
        }
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        opcode(op);
        TypeCodec.heapType(w, type);
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        opcode(op);
        w.u8((from.nullable() ? 1 : 0) | (to.nullable() ? 2 : 0));
        w.u32(label);
        TypeCodec.heapType(w, from.heapType());
        TypeCodec.heapType(w, to.heapType());
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        opcode(Opcode.TRY_TABLE);
        TypeCodec.blockType(w, type);
        w.u32(catches.size());
        for (Catch c : catches) {
            w.u8(c.kind().ordinal());
            if (c.kind() == Catch.Kind.CATCH || c.kind() == Catch.Kind.CATCH_REF) {
                w.u32(c.tag());
            }
            w.u32(c.label());
        }
    }

    @Override
    public void visitAtomicFence() {
        opcode(Opcode.ATOMIC_FENCE);
        w.u8(0);
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {
        opcode(op);
        w.u32(type);
        if (op.immediate() == dev.jwt.binary.Immediate.RESUME_THROW) {
            w.u32(tag);
        }
        w.u32(handlers.size());
        for (Handler h : handlers) {
            w.u8(h.isSwitch() ? 1 : 0);
            w.u32(h.tag());
            if (!h.isSwitch()) {
                w.u32(h.label());
            }
        }
    }

    // shared-everything-threads

    @Override
    public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {
        opcode(op);
        w.u8(ordering.code());
        w.u32(index);
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {
        opcode(op);
        w.u8(ordering.code());
        w.u32(typeIndex);
        w.u32(fieldIndex);
    }
}
