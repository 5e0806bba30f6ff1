package dev.jwt.binary.code;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.List;

/**
 * A visitor that ignores every instruction: the base class for visitors interested in a few
 * shapes only, and on its own the way to check that a body decodes ({@link #INSTANCE}).
 */
public class NoOpVisitor implements InstructionVisitor {
    /** A shared instance; it has no state. */
    public static final NoOpVisitor INSTANCE = new NoOpVisitor();

    @Override public void visitSimple(Opcode op) {}
    @Override public void visitBlock(Opcode op, BlockType type) {}
    @Override public void visitIndex(Opcode op, int index) {}
    @Override public void visitIndexPair(Opcode op, int first, int second) {}
    @Override public void visitBrTable(int[] labels, int defaultLabel) {}
    @Override public void visitMemory(Opcode op, int align, int memory, long offset) {}
    @Override public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {}
    @Override public void visitI32Const(int value) {}
    @Override public void visitI64Const(long value) {}
    @Override public void visitF32Const(int bits) {}
    @Override public void visitF64Const(long bits) {}
    @Override public void visitV128Const(long low, long high) {}
    @Override public void visitShuffle(byte[] lanes) {}
    @Override public void visitSelectTyped(List<ValType> types) {}
    @Override public void visitHeapType(Opcode op, HeapType type) {}
    @Override public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {}
    @Override public void visitTryTable(BlockType type, List<Catch> catches) {}
    @Override public void visitAtomicFence() {}
    // stack-switching
    @Override public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {}
    // shared-everything-threads
    @Override public void visitOrderedIndex(Opcode op, Ordering ordering, int index) {}
    @Override public void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex) {}
}
