package dev.jwt.text.wat;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import dev.jwt.binary.types.VecType;
import java.util.List;

/**
 * Encodes the instructions the parser streams to it into bytes. (Interim: to be replaced by the
 * binary module's InstructionWriter once it is published.)
 */
final class InstructionEncoder implements InstructionVisitor {
    final ByteSink out = new ByteSink();

    private void op(Opcode op) {
        if (op.prefix() != 0) {
            out.byte_(op.prefix());
            out.u32(op.code());
        } else {
            out.byte_(op.code());
        }
    }

    static void valType(ByteSink out, ValType t) {
        if (t instanceof NumType n) {
            out.byte_(n.code());
        } else if (t instanceof VecType v) {
            out.byte_(v.code());
        } else {
            refType(out, (RefType) t);
        }
    }

    static void refType(ByteSink out, RefType r) {
        if (r.nullable() && r.heapType() instanceof AbsHeapType a) {
            out.byte_(a.code());
            return;
        }
        out.byte_(r.nullable() ? 0x63 : 0x64);
        heapType(out, r.heapType());
    }

    static void heapType(ByteSink out, HeapType h) {
        if (h instanceof AbsHeapType a) {
            out.byte_(a.code());
        } else {
            out.s64(((ConcreteHeapType) h).typeIndex());
        }
    }

    private void blockType(BlockType type) {
        if (type instanceof BlockType.Empty) {
            out.byte_(0x40);
        } else if (type instanceof BlockType.Value v) {
            valType(out, v.type());
        } else {
            out.s64(((BlockType.Indexed) type).typeIndex());
        }
    }

    @Override
    public void visitSimple(Opcode op) { op(op); }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        op(op);
        blockType(type);
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        op(op);
        if (op.immediate() == dev.jwt.binary.Immediate.LANE) {
            out.byte_(index);
        } else {
            out.u32(index);
        }
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        op(op);
        out.u32(first);
        out.u32(second);
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        op(Opcode.BR_TABLE);
        out.u32(labels.length);
        for (int l : labels) {
            out.u32(l);
        }
        out.u32(defaultLabel);
    }

    private void memarg(int align, int memory, long offset) {
        if (memory != 0) {
            out.u32(align | 0x40);
            out.u32(memory);
        } else {
            out.u32(align);
        }
        out.u64(offset);
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        op(op);
        memarg(align, memory, offset);
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        op(op);
        memarg(align, memory, offset);
        out.byte_(lane);
    }

    @Override
    public void visitI32Const(int value) {
        op(Opcode.I32_CONST);
        out.s64(value);
    }

    @Override
    public void visitI64Const(long value) {
        op(Opcode.I64_CONST);
        out.s64(value);
    }

    @Override
    public void visitF32Const(int bits) {
        op(Opcode.F32_CONST);
        out.fixed32(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        op(Opcode.F64_CONST);
        out.fixed64(bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        op(Opcode.prefixed(0xFD, 12));
        out.fixed64(low);
        out.fixed64(high);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        op(Opcode.prefixed(0xFD, 13));
        out.bytes(lanes);
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        op(Opcode.SELECT_TYPED);
        out.u32(types.size());
        for (ValType t : types) {
            valType(out, t);
        }
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        op(op);
        heapType(out, type);
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        op(op);
        out.byte_((from.nullable() ? 1 : 0) | (to.nullable() ? 2 : 0));
        out.u32(label);
        heapType(out, from.heapType());
        heapType(out, to.heapType());
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        op(Opcode.TRY_TABLE);
        blockType(type);
        out.u32(catches.size());
        for (Catch c : catches) {
            out.byte_(c.kind().ordinal());
            if (c.kind() == Catch.Kind.CATCH || c.kind() == Catch.Kind.CATCH_REF) {
                out.u32(c.tag());
            }
            out.u32(c.label());
        }
    }

    @Override
    public void visitAtomicFence() {
        op(Opcode.ATOMIC_FENCE);
        out.byte_(0);
    }
}
