package dev.jwt.binary.code;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.List;

/**
 * Receives a function body's instructions as they stream out of an {@code InstructionReader}
 * (DESIGN decision 2). There is one method per {@link dev.jwt.binary.Immediate immediate shape},
 * not per opcode, so a visitor switches on the opcode it is handed. Immediates arrive as
 * primitives: no object is made per instruction except where the immediate is itself a list.
 *
 * <p>Validator, printer and compiler implement it. {@code end}, {@code else} and the legacy
 * {@code catch_all} arrive through {@link #visitSimple}.
 */
public interface InstructionVisitor {
    /** Immediate.NONE. */
    void visitSimple(Opcode op);

    /** Immediate.BLOCK_TYPE: block, loop, if, try. */
    void visitBlock(Opcode op, BlockType type);

    /**
     * One index: LABEL, FUNC, TYPE, LOCAL, GLOBAL, TABLE, MEMORY, TAG, ELEM, DATA, and LANE
     * (the lane byte).
     */
    void visitIndex(Opcode op, int index);

    /**
     * Two indices, in binary order: CALL_INDIRECT (type, table), TYPE_FIELD, TYPE_TYPE, TYPE_DATA,
     * TYPE_ELEM, TYPE_COUNT, TYPE_TAG, DATA_MEMORY (data, memory), ELEM_TABLE (elem, table), TABLE_TABLE and
     * MEMORY_MEMORY (destination, source).
     */
    void visitIndexPair(Opcode op, int first, int second);

    void visitBrTable(int[] labels, int defaultLabel);

    /** MEMARG: {@code align} is the log2 alignment without the memory-index flag bit. */
    void visitMemory(Opcode op, int align, int memory, long offset);

    /** MEMARG_LANE. */
    void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane);

    void visitI32Const(int value);

    void visitI64Const(long value);

    /** The raw IEEE bits: NaN payloads survive. */
    void visitF32Const(int bits);

    /** The raw IEEE bits: NaN payloads survive. */
    void visitF64Const(long bits);

    /** Bytes 0-7 little endian in {@code low}, bytes 8-15 in {@code high}. */
    void visitV128Const(long low, long high);

    /** SHUFFLE: sixteen lane indices. */
    void visitShuffle(byte[] lanes);

    /** {@code select t*}. */
    void visitSelectTyped(List<ValType> types);

    /** HEAP_TYPE: ref.null, ref.test, ref.cast (the opcode tells nullability for test and cast). */
    void visitHeapType(Opcode op, HeapType type);

    /** br_on_cast / br_on_cast_fail, with the nullabilities from the flags byte already applied. */
    void visitBrOnCast(Opcode op, int label, RefType from, RefType to);

    void visitTryTable(BlockType type, List<Catch> catches);

    /** atomic.fence. */
    void visitAtomicFence();

    // stack-switching
    /**
     * RESUME and RESUME_THROW: resume, resume_throw_ref ({@code tag} is -1) and resume_throw, with
     * their continuation type index and handlers. switch (TYPE_TAG) arrives through
     * {@link #visitIndexPair} as (type, tag).
     */
    void visitResume(Opcode op, int type, int tag, List<Handler> handlers);

    // shared-everything-threads

    /** ORDERING_GLOBAL, ORDERING_TABLE, ORDERING_TYPE: an ordering, then the index. */
    void visitOrderedIndex(Opcode op, Ordering ordering, int index);

    /** ORDERING_TYPE_FIELD: an ordering, the struct type index and the field index. */
    void visitOrderedIndexPair(Opcode op, Ordering ordering, int typeIndex, int fieldIndex);
}
