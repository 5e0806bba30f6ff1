package dev.jwt.run.compile;

import static org.objectweb.asm.Opcodes.*;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayDeque;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles one function that is too large for one JVM method (64 KiB of bytecode) as several
 * methods (DESIGN decision 5: every valid function runs).
 *
 * <p>The scheme: the function's locals live in a <em>frame</em> of two arrays, {@code long[]} for
 * numbers (as their bits) and {@code Object[]} for references, that every method of the function
 * shares. While compiling, whenever the current method has grown past a threshold and the
 * compiler stands at a <em>cut point</em> (reachable code, the innermost block's operand stack
 * empty), the rest of that block becomes a <em>region</em>: a separate static method
 * {@code f<i>$r<k>(long[], Object[], instance) -> int} that the enclosing method calls at the cut
 * point. Regions nest and may cut again. A region ends where its block ends (or reaches
 * {@code else}); it reports how it was left with its int result:
 * <ul>
 *   <li>{@code 0}: it reached the end of the block (or the {@code else}), whose results follow;
 *   <li>{@code d + 1}: a branch to the label {@code d} levels out from the region's block;
 *   <li>{@code -1}: a return from the function.
 * </ul>
 * The values that travel with the exit (block results, label arguments, function results) are
 * passed in the frame's <em>transfer</em> slots, just above the locals. The caller switches on the
 * code and continues as the same branch, return or fall-through in its own code would.
 *
 * <p>Splitting only happens for functions that need it, so ordinary functions keep their locals
 * in JVM locals.
 */
final class SplitFunction implements InstructionVisitor {
    static final String FRAME_DESC_PREFIX = "([J[Ljava/lang/Object;";

    private final ClassWriter cw;
    private final String owner;
    private final int function;
    private final int threshold;
    private final int localCount;
    private int transferSize;
    private int regionCount;
    /** The compilers of the methods being written, innermost first, with their methods' sizes. */
    private final ArrayDeque<Method> active = new ArrayDeque<>();

    private record Method(FunctionCompiler compiler, SizeCounter size, String name) {}

    /**
     * @param threshold the estimated bytecode size of a method past which it is cut at the next cut point
     */
    SplitFunction(ClassWriter cw, String owner, int function, int localCount, int threshold) {
        this.cw = cw;
        this.owner = owner;
        this.function = function;
        this.localCount = localCount;
        this.threshold = threshold;
    }

    /** Wraps the function's own method visitor; call once, before creating its compiler. */
    MethodVisitor wrapTop(MethodVisitor mv) {
        return new SizeCounter(mv);
    }

    /** Starts with the function's own method, whose compiler was created over {@link #wrapTop}'s visitor. */
    void start(FunctionCompiler top, MethodVisitor wrapped) {
        active.push(new Method(top, (SizeCounter) wrapped, "f" + function));
    }

    /** Declares the frame size once every method is written. */
    void finish() {
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, frameSizeField(), "I", null, localCount + transferSize)
                .visitEnd();
    }

    private String frameSizeField() {
        return "f" + function + "$frame";
    }

    // ---------------------------------------------------------------- the frame, for the compilers

    /** Pushes the length of the frame arrays. */
    void pushFrameSize(MethodVisitor mv) {
        mv.visitFieldInsn(GETSTATIC, owner, frameSizeField(), "I");
    }

    String owner() {
        return owner;
    }

    /** Pushes frame slot {@code index} as a value of type {@code t}. */
    static void load(MethodVisitor mv, Type t, int longsSlot, int refsSlot, int index) {
        if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
            mv.visitVarInsn(ALOAD, refsSlot);
            pushIndex(mv, index);
            mv.visitInsn(AALOAD);
            if (!t.equals(JvmTypes.OBJECT)) {
                mv.visitTypeInsn(CHECKCAST, t.getInternalName());
            }
            return;
        }
        mv.visitVarInsn(ALOAD, longsSlot);
        pushIndex(mv, index);
        mv.visitInsn(LALOAD);
        switch (t.getSort()) {
            case Type.INT -> mv.visitInsn(L2I);
            case Type.FLOAT -> {
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            }
            case Type.DOUBLE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            default -> { }
        }
    }

    /** Pops a value of type {@code t} into frame slot {@code index}. */
    static void store(MethodVisitor mv, Type t, int longsSlot, int refsSlot, int index) {
        if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
            // [v] -> [v, refs, i] -> [refs, i, v, refs, i] -> [refs, i, v]
            mv.visitVarInsn(ALOAD, refsSlot);
            pushIndex(mv, index);
            mv.visitInsn(DUP2_X1);
            mv.visitInsn(POP2);
            mv.visitInsn(AASTORE);
            return;
        }
        switch (t.getSort()) {
            case Type.INT -> mv.visitInsn(I2L);
            case Type.FLOAT -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
            }
            case Type.DOUBLE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            default -> { }
        }
        // [J] -> [J, longs, i] -> [longs, i, J, longs, i] -> [longs, i, J]
        mv.visitVarInsn(ALOAD, longsSlot);
        pushIndex(mv, index);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        mv.visitInsn(LASTORE);
    }

    /** Pops the top {@code types.length} values into the transfer slots (the last type on top). */
    void storeTransfer(MethodVisitor mv, Type[] types, int longsSlot, int refsSlot) {
        transferSize = Math.max(transferSize, types.length);
        for (int i = types.length - 1; i >= 0; i--) {
            store(mv, types[i], longsSlot, refsSlot, localCount + i);
        }
    }

    /** Pushes the transfer slots as values of {@code types}. */
    void loadTransfer(MethodVisitor mv, Type[] types, int longsSlot, int refsSlot) {
        transferSize = Math.max(transferSize, types.length);
        for (int i = 0; i < types.length; i++) {
            load(mv, types[i], longsSlot, refsSlot, localCount + i);
        }
    }

    private static void pushIndex(MethodVisitor mv, int v) {
        if (v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    // ---------------------------------------------------------------- routing instructions

    /** Before an instruction other than end and else: cuts the current method if it is time to. */
    private FunctionCompiler current() {
        Method m = active.peek();
        if (m.size().bytes >= threshold && m.compiler().atCutPoint()) {
            String name = "f" + function + "$r" + regionCount++;
            SizeCounter mv = new SizeCounter(cw.visitMethod(ACC_PRIVATE | ACC_STATIC, name,
                    FRAME_DESC_PREFIX + "L" + m.compiler().instanceClassName() + ";)I", null, null));
            active.push(new Method(m.compiler().region(mv), mv, name));
        }
        return active.peek().compiler();
    }

    /** Delivers an end or else, finishing regions it closes and continuing in their callers. */
    private void closing(Opcode op) {
        active.peek().compiler().visitSimple(op);
        while (active.peek().compiler().regionFinished()) {
            Method region = active.pop();
            FunctionCompiler caller = active.peek().compiler();
            caller.callRegion(region.name(), region.compiler());
            caller.visitSimple(op);
        }
    }

    @Override
    public void visitSimple(Opcode op) {
        if (op == Opcode.END || op == Opcode.ELSE) {
            closing(op);
        } else {
            current().visitSimple(op);
        }
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        current().visitBlock(op, type);
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        current().visitIndex(op, index);
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        current().visitIndexPair(op, first, second);
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        current().visitBrTable(labels, defaultLabel);
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        current().visitMemory(op, align, memory, offset);
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        current().visitMemoryLane(op, align, memory, offset, lane);
    }

    @Override
    public void visitI32Const(int value) {
        current().visitI32Const(value);
    }

    @Override
    public void visitI64Const(long value) {
        current().visitI64Const(value);
    }

    @Override
    public void visitF32Const(int bits) {
        current().visitF32Const(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        current().visitF64Const(bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        current().visitV128Const(low, high);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        current().visitShuffle(lanes);
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        current().visitSelectTyped(types);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        current().visitHeapType(op, type);
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        current().visitBrOnCast(op, label, from, to);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        current().visitTryTable(type, catches);
    }

    @Override
    public void visitAtomicFence() {
        current().visitAtomicFence();
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<dev.jwt.binary.code.Handler> handlers) {
        current().visitResume(op, type, tag, handlers);
    }

    // shared-everything-threads

    @Override
    public void visitOrderedIndex(Opcode op, dev.jwt.binary.code.Ordering ordering, int index) {
        current().visitOrderedIndex(op, ordering, index);
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, dev.jwt.binary.code.Ordering ordering, int typeIndex, int fieldIndex) {
        current().visitOrderedIndexPair(op, ordering, typeIndex, fieldIndex);
    }

    // ---------------------------------------------------------------- method sizes

    /** Passes everything through and estimates the bytecode size written so far (an upper bound per instruction). */
    private static final class SizeCounter extends MethodVisitor {
        int bytes;

        SizeCounter(MethodVisitor mv) {
            super(ASM9, mv);
        }

        @Override
        public void visitInsn(int opcode) {
            bytes += 1;
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            bytes += 3;
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            bytes += var < 256 ? 2 : 4;
            super.visitVarInsn(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            bytes += 3;
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            bytes += 3;
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            bytes += 5;
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... bsmArgs) {
            bytes += 5;
            super.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            // Far jumps may become an inverted jump around a goto_w.
            bytes += 8;
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            bytes += 3;
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            bytes += 6;
            super.visitIincInsn(var, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            bytes += 16 + 4 * labels.length;
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            bytes += 12 + 8 * labels.length;
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            bytes += 4;
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
