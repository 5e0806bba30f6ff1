package dev.jwt.run.compile;

import static org.objectweb.asm.Opcodes.*;

import dev.jwt.binary.Opcode;
import java.util.Map;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The bytecode of the vector (SIMD) instructions: each is a call of its {@link dev.jwt.run.Simd}
 * method, named after the mnemonic in camel case, whose descriptor follows from the opcode table's
 * signature (plus the immediates the instruction carries). {@link FunctionCompiler} keeps the
 * operand-stack mirror; this class only emits.
 */
final class SimdCompiler {
    private SimdCompiler() {}

    static final String SIMD = "dev/jwt/run/Simd";
    static final String V128 = "dev/jwt/run/V128";
    static final String V128_DESC = "L" + V128 + ";";

    /** True for the 0xFD-prefixed (vector) opcodes. */
    static boolean isVector(Opcode op) {
        return op.prefix() == 0xFD;
    }

    /** The operands' descriptors of {@code op}, from its signature, without parentheses or result. */
    private static String operands(Type[] params) {
        StringBuilder sb = new StringBuilder();
        for (Type t : params) {
            sb.append(t.getDescriptor());
        }
        return sb.toString();
    }

    private static String result(Type[] results) {
        return results.length == 0 ? "V" : results[0].getDescriptor();
    }

    /** An instruction without immediates; its operands are on the stack. */
    static void emitSimple(MethodVisitor mv, Opcode op, Type[][] sig) {
        mv.visitMethodInsn(INVOKESTATIC, SIMD, HelperNames.of(op), "(" + operands(sig[0]) + ")" + result(sig[1]), false);
    }

    /** extract_lane / replace_lane: the lane index follows the operands. */
    static void emitLane(MethodVisitor mv, Opcode op, Type[][] sig, int lane) {
        pushInt(mv, lane);
        mv.visitMethodInsn(INVOKESTATIC, SIMD, HelperNames.of(op), "(" + operands(sig[0]) + "I)" + result(sig[1]), false);
    }

    /** A load or store with the offset and memory bytes already pushed after the operands. */
    static void emitMemory(MethodVisitor mv, Opcode op, Type[][] sig) {
        mv.visitMethodInsn(INVOKESTATIC, SIMD, HelperNames.of(op), "(" + operands(sig[0]) + "I[B)" + result(sig[1]), false);
    }

    /** A lane load or store with the lane, offset and memory bytes already pushed after the operands. */
    static void emitMemoryLane(MethodVisitor mv, Opcode op, Type[][] sig) {
        mv.visitMethodInsn(INVOKESTATIC, SIMD, HelperNames.of(op), "(" + operands(sig[0]) + "II[B)" + result(sig[1]), false);
    }

    private static final Handle CONSTANT = new Handle(H_INVOKESTATIC, V128, "constant",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;JJ)" + V128_DESC, false);

    /** v128.const: a dynamic constant (see {@link dev.jwt.run.V128#constant}). */
    static void emitConst(MethodVisitor mv, long low, long high) {
        if (low == 0 && high == 0) {
            mv.visitFieldInsn(GETSTATIC, V128, "ZERO", V128_DESC);
            return;
        }
        mv.visitLdcInsn(new ConstantDynamic("v128", V128_DESC, CONSTANT, low, high));
    }

    /**
     * i8x16.shuffle, specialised to its constant lane indices: each half of the result is an OR of
     * the source halves (a.low, a.high, b.low, b.high) shifted into place and masked, one term per
     * distinct (source half, shift) pair: usually a handful of terms, where a generic shuffle would
     * move sixteen bytes one by one. Operands a and b go through the two scratch locals given.
     */
    static void emitShuffle(MethodVisitor mv, byte[] lanes, int slotA, int slotB) {
        mv.visitVarInsn(ASTORE, slotB);
        mv.visitVarInsn(ASTORE, slotA);
        mv.visitTypeInsn(NEW, V128);
        mv.visitInsn(DUP);
        for (int half = 0; half < 2; half++) {
            // key: source half (0-3) * 128 + shift + 64; value: the mask of the result bytes it fills
            Map<Integer, Long> terms = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 8; i++) {
                int sel = lanes[half * 8 + i] & 0x1F;
                int shift = 8 * i - 8 * (sel & 7);
                terms.merge((sel >> 3) * 128 + shift + 64, 0xFFL << (8 * i), (x, y) -> x | y);
            }
            boolean first = true;
            for (Map.Entry<Integer, Long> t : terms.entrySet()) {
                int source = t.getKey() / 128;
                int shift = t.getKey() % 128 - 64;
                mv.visitVarInsn(ALOAD, source < 2 ? slotA : slotB);
                mv.visitFieldInsn(GETFIELD, V128, source % 2 == 0 ? "low" : "high", "J");
                if (shift > 0) {
                    pushInt(mv, shift);
                    mv.visitInsn(LSHL);
                } else if (shift < 0) {
                    pushInt(mv, -shift);
                    mv.visitInsn(LUSHR);
                }
                if (t.getValue() != -1L) {
                    pushLong(mv, t.getValue());
                    mv.visitInsn(LAND);
                }
                if (!first) {
                    mv.visitInsn(LOR);
                }
                first = false;
            }
        }
        mv.visitMethodInsn(INVOKESPECIAL, V128, "<init>", "(JJ)V", false);
    }

    /** Pops a V128 into the two long locals at {@code slot} (low) and {@code slot + 2} (high). */
    static void emitStoreHalves(MethodVisitor mv, int slot) {
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, V128, "low", "J");
        mv.visitVarInsn(LSTORE, slot);
        mv.visitFieldInsn(GETFIELD, V128, "high", "J");
        mv.visitVarInsn(LSTORE, slot + 2);
    }

    /** Pushes a V128 made of the two long locals at {@code slot} (low) and {@code slot + 2} (high). */
    static void emitLoadHalves(MethodVisitor mv, int slot) {
        mv.visitTypeInsn(NEW, V128);
        mv.visitInsn(DUP);
        mv.visitVarInsn(LLOAD, slot);
        mv.visitVarInsn(LLOAD, slot + 2);
        mv.visitMethodInsn(INVOKESPECIAL, V128, "<init>", "(JJ)V", false);
    }

    /** The zero value of v128 (for locals). */
    static void emitZero(MethodVisitor mv) {
        mv.visitFieldInsn(GETSTATIC, V128, "ZERO", V128_DESC);
    }

    private static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else {
            mv.visitIntInsn(BIPUSH, v);
        }
    }
}
