package dev.jwt.run.compile;

import static org.objectweb.asm.Opcodes.*;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The compile-time half of {@link dev.jwt.run.TailCall}: which functions make tail calls, and the
 * method {@code f<i>} that calls such a function's body {@code f<i>$tc} and then the tail calls it
 * leaves pending.
 */
final class TailCalls {
    private TailCalls() {}

    private static final String TAIL_CALL = "dev/jwt/run/TailCall";

    /** Whether {@code body} contains return_call, return_call_indirect or return_call_ref. */
    static boolean makesTailCalls(FuncBody body) {
        // Cheap filter first: none of the opcode bytes, no tail call.
        boolean maybe = false;
        for (int i = 0; i < body.instructions().length() && !maybe; i++) {
            int b = body.instructions().get(i) & 0xFF;
            maybe = b == 0x12 || b == 0x13 || b == 0x15;
        }
        if (!maybe) {
            return false;
        }
        Scan scan = new Scan();
        new InstructionReader(body.instructions(), body.offset()).readBody(scan);
        return scan.found;
    }

    /** {@code f<i>}: calls the body, then the pending tail calls if it left one. */
    static void emitEntry(ClassWriter cw, String owner, int function, FuncType type, String instanceClass) {
        String desc = JvmTypes.functionDescriptor(type, instanceClass);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + function, desc, null, null);
        mv.visitCode();
        int slot = 0;
        for (ValType p : type.params()) {
            Type t = JvmTypes.of(p);
            mv.visitVarInsn(t.getOpcode(ILOAD), slot);
            slot += t.getSize();
        }
        mv.visitVarInsn(ALOAD, slot);
        mv.visitMethodInsn(INVOKESTATIC, owner, "f" + function + "$tc", desc, false);
        Type result = JvmTypes.returnType(type.results());
        mv.visitMethodInsn(INVOKESTATIC, TAIL_CALL, "pending", "()Z", false);
        Label pending = new Label();
        mv.visitJumpInsn(IFNE, pending);
        mv.visitInsn(result.getOpcode(IRETURN));
        mv.visitLabel(pending);
        if (result.getSize() > 0) {
            mv.visitInsn(result.getSize() == 2 ? POP2 : POP);
        }
        mv.visitMethodInsn(INVOKESTATIC, TAIL_CALL, "finish", "()Ljava/lang/Object;", false);
        if (result.getSort() == Type.VOID) {
            mv.visitInsn(POP);
        } else if (JvmTypes.unboxMethod(result) != null) {
            mv.visitMethodInsn(INVOKESTATIC, "dev/jwt/run/Numerics", JvmTypes.unboxMethod(result),
                    "(Ljava/lang/Object;)" + result.getDescriptor(), false);
        } else if (!result.equals(JvmTypes.OBJECT)) {
            mv.visitTypeInsn(CHECKCAST, result.getInternalName());
        }
        mv.visitInsn(result.getOpcode(IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static final class Scan implements InstructionVisitor {
        boolean found;

        @Override
        public void visitSimple(Opcode op) {}

        @Override
        public void visitBlock(Opcode op, BlockType type) {}

        @Override
        public void visitIndex(Opcode op, int index) {
            found |= op == Opcode.RETURN_CALL || op == Opcode.RETURN_CALL_REF;
        }

        @Override
        public void visitIndexPair(Opcode op, int first, int second) {
            found |= op == Opcode.RETURN_CALL_INDIRECT;
        }

        @Override
        public void visitBrTable(int[] labels, int defaultLabel) {}

        @Override
        public void visitMemory(Opcode op, int align, int memory, long offset) {}

        @Override
        public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {}

        @Override
        public void visitI32Const(int value) {}

        @Override
        public void visitI64Const(long value) {}

        @Override
        public void visitF32Const(int bits) {}

        @Override
        public void visitF64Const(long bits) {}

        @Override
        public void visitV128Const(long low, long high) {}

        @Override
        public void visitShuffle(byte[] lanes) {}

        @Override
        public void visitSelectTyped(List<ValType> types) {}

        @Override
        public void visitHeapType(Opcode op, HeapType type) {}

        @Override
        public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {}

        @Override
        public void visitTryTable(BlockType type, List<Catch> catches) {}

        @Override
        public void visitAtomicFence() {}

        // stack-switching
        @Override
        public void visitResume(Opcode op, int type, int tag, List<dev.jwt.binary.code.Handler> handlers) {}

        // shared-everything-threads
        @Override
        public void visitOrderedIndex(Opcode op, dev.jwt.binary.code.Ordering ordering, int index) {}

        @Override
        public void visitOrderedIndexPair(Opcode op, dev.jwt.binary.code.Ordering ordering, int typeIndex, int fieldIndex) {}
    }
}
