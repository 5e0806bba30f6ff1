package dev.jwt.run;

import dev.jwt.run.gc.Gc;
import dev.jwt.run.gc.GcType;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.module.ConstExpr;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Evaluates constant expressions (global initialisers, segment offsets and items) at
 * instantiation: constants, {@code ref.null}, {@code ref.func}, {@code global.get} and the
 * extended-const arithmetic. Values are boxed as everywhere in the Java API.
 */
final class ConstantEvaluator implements InstructionVisitor {
    private final Instance instance;
    private final Deque<Object> stack = new ArrayDeque<>();

    private ConstantEvaluator(Instance instance) {
        this.instance = instance;
    }

    /** The value of {@code expr}, whose {@code global.get}s and {@code ref.func}s refer to {@code instance}. */
    static Object evaluate(ConstExpr expr, Instance instance) {
        ConstantEvaluator e = new ConstantEvaluator(instance);
        new InstructionReader(expr.code(), expr.offset()).readBody(e);
        return e.result();
    }

    private static final Object NULL = new Object();

    private void push(Object v) {
        stack.push(v == null ? NULL : v);
    }

    private Object pop() {
        Object v = stack.pop();
        return v == NULL ? null : v;
    }

    @Override
    public void visitSimple(Opcode op) {
        switch (op) {
            case END -> { }
            case I32_ADD -> { int b = (Integer) pop(); int a = (Integer) pop(); push(a + b); }
            case I32_SUB -> { int b = (Integer) pop(); int a = (Integer) pop(); push(a - b); }
            case I32_MUL -> { int b = (Integer) pop(); int a = (Integer) pop(); push(a * b); }
            case I64_ADD -> { long b = (Long) pop(); long a = (Long) pop(); push(a + b); }
            case I64_SUB -> { long b = (Long) pop(); long a = (Long) pop(); push(a - b); }
            case I64_MUL -> { long b = (Long) pop(); long a = (Long) pop(); push(a * b); }
            case REF_I31 -> push(Gc.refI31((Integer) pop()));
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { }
            default -> throw new UnsupportedOperationException(op.mnemonic() + " in a constant expression");
        }
    }

    @Override
    public void visitI32Const(int value) { push(value); }

    @Override
    public void visitI64Const(long value) { push(value); }

    @Override
    public void visitF32Const(int bits) { push(Float.intBitsToFloat(bits)); }

    @Override
    public void visitF64Const(long bits) { push(Double.longBitsToDouble(bits)); }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        if (op != Opcode.REF_NULL) {
            throw new UnsupportedOperationException(op.mnemonic() + " in a constant expression");
        }
        push(null);
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        switch (op) {
            case GLOBAL_GET -> push(instance.globals[index].get());
            case REF_FUNC -> push(instance.function(index));
            case STRUCT_NEW, STRUCT_NEW_DEFAULT -> {
                GcType type = instance.gcTypes[index];
                Object[] fields = new Object[type.size()];
                for (int i = fields.length - 1; i >= 0; i--) {
                    fields[i] = op == Opcode.STRUCT_NEW ? pop() : Gc.defaultValue(type, i);
                }
                push(Gc.structNew(fields, type));
            }
            case ARRAY_NEW, ARRAY_NEW_DEFAULT -> {
                GcType type = instance.gcTypes[index];
                int length = (Integer) pop();
                Object value = op == Opcode.ARRAY_NEW ? pop() : Gc.defaultValue(type, 0);
                push(Gc.arrayNew(value, length, type));
            }
            default -> throw new UnsupportedOperationException(op.mnemonic() + " in a constant expression");
        }
    }

    /** The value left by the expression; null stands for a null reference. */
    Object result() {
        return stack.isEmpty() ? null : stack.peek() == NULL ? null : stack.peek();
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " in a constant expression");
    }

    @Override public void visitBlock(Opcode op, BlockType type) { throw unsupported(op.mnemonic()); }
    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        if (op != Opcode.ARRAY_NEW_FIXED) {
            throw unsupported(op.mnemonic());
        }
        Object[] values = new Object[second];
        for (int i = second - 1; i >= 0; i--) {
            values[i] = pop();
        }
        push(Gc.arrayNewFixed(values, instance.gcTypes[first]));
    }
    @Override public void visitBrTable(int[] labels, int defaultLabel) { throw unsupported("br_table"); }
    @Override public void visitMemory(Opcode op, int align, int memory, long offset) { throw unsupported(op.mnemonic()); }
    @Override public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) { throw unsupported(op.mnemonic()); }
    @Override public void visitV128Const(long low, long high) { push(new V128(low, high)); }
    @Override public void visitShuffle(byte[] lanes) { throw unsupported("i8x16.shuffle"); }
    @Override public void visitSelectTyped(List<ValType> types) { throw unsupported("select"); }
    @Override public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) { throw unsupported(op.mnemonic()); }
    @Override public void visitTryTable(BlockType type, List<Catch> catches) { throw unsupported("try_table"); }
    @Override public void visitAtomicFence() { throw unsupported("atomic.fence"); }
    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<dev.jwt.binary.code.Handler> handlers) {
        throw unsupported(op.mnemonic());
    }
    // shared-everything-threads
    @Override public void visitOrderedIndex(Opcode op, dev.jwt.binary.code.Ordering ordering, int index) {
        throw unsupported(op.mnemonic());
    }
    @Override public void visitOrderedIndexPair(Opcode op, dev.jwt.binary.code.Ordering ordering, int typeIndex, int fieldIndex) {
        throw unsupported(op.mnemonic());
    }
}
