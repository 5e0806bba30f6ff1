package dev.jwt.run.compile;

import static org.objectweb.asm.Opcodes.*;

import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles one function body to the body of a static JVM method (DESIGN decision 5), streaming
 * its instructions. Wasm locals are JVM locals, the wasm operand stack is the JVM operand stack;
 * the compiler mirrors the stack's types ({@link #stack}) because it needs them to pick JVM
 * instructions and to drop values a branch leaves behind.
 *
 * <p>Memory 0's byte array is kept in a local and re-read after every call and memory.grow (the
 * only points where it can be replaced). Code after an unconditional branch is not emitted: the
 * compiler only counts the blocks it opens until the enclosing block ends.
 */
final class FunctionCompiler implements InstructionVisitor {
    private static final String NUMERICS = "dev/jwt/run/Numerics";
    private static final String MEMORY = "dev/jwt/run/Memory";
    private static final String TABLE = "dev/jwt/run/Table";
    private static final String GLOBAL = "dev/jwt/run/Global";
    private static final String INSTANCE = "dev/jwt/run/Instance";
    private static final String TRAP = "dev/jwt/run/Trap";
    private static final String THROWN = "dev/jwt/run/ThrownException";
    private static final String GC = "dev/jwt/run/gc/Gc";
    private static final String GC_TYPE = "dev/jwt/run/gc/GcType";

    private final ModuleCompiler module;
    private final MethodVisitor mv;
    private final String instanceClass;

    private final Type[] results;
    private final Type[] localTypes;
    private final int[] localSlots;
    /**
     * For each v128 local of an unsplit function, the first of the two long locals (four slots)
     * holding its low and high halves, else -1. Kept as longs rather than as a V128 reference so
     * that a v128 carried around a loop is no allocation: the JIT's escape analysis removes the
     * objects between a local.get and the vector instructions that consume them, but not an object
     * that flows through a loop's back edge. (A v128 parameter arrives as a V128 and is unpacked.)
     */
    private final int[] v128Slots;
    private final int instSlot;
    private final int memSlot;
    private int nextSlot;
    private final Map<String, Integer> scratch = new HashMap<>();
    /**
     * Set when the function is compiled as several methods ({@link SplitFunction}): its locals
     * then live in the frame arrays in slots {@link #longsSlot} and {@link #refsSlot}.
     */
    private final SplitFunction split;
    private final int longsSlot;
    private final int refsSlot;
    /** Whether this method is a region of a split function, and whether the region has ended. */
    private final boolean region;
    private boolean regionFinished;
    /** The exit codes this region's method returns (see {@link SplitFunction}). */
    private final java.util.TreeSet<Integer> exits = new java.util.TreeSet<>();

    private Type[] stack = new Type[32];
    private int sp;
    private final ArrayList<Frame> frames = new ArrayList<>();
    private boolean unreachable;
    private int deadDepth;
    /**
     * A comparison not emitted yet: when a br_if or if follows, the two become one JVM conditional
     * jump (smaller code, less for the JIT to inline); anything else emits it as a value first.
     */
    private Opcode pendingCompare;

    /** A block, loop, if, or the function body itself (the outermost). */
    private static final class Frame {
        Opcode kind;
        int height;
        Type[] params;
        Type[] results;
        Label start;
        Label end = new Label();
        Label elseLabel;
        boolean endReached;
        /** In a region of a split function: the block is the caller's, reached by an exit. */
        boolean outside;
        /** A try_table's: its handler's range and catch clauses, and where the values below it are kept. */
        Label tryStart;
        List<Catch> catches;
        Type[] savedTypes;
        int[] savedSlots;

        Type[] labelTypes() {
            return kind == Opcode.LOOP ? params : results;
        }
    }

    FunctionCompiler(ModuleCompiler module, MethodVisitor mv, FuncType type, List<ValType> locals) {
        this(module, mv, type, locals, null);
    }

    /** With {@code split} non-null: the function's own method when it is compiled as several. */
    FunctionCompiler(ModuleCompiler module, MethodVisitor mv, FuncType type, List<ValType> locals, SplitFunction split) {
        this.module = module;
        this.mv = mv;
        this.instanceClass = module.instanceClass();
        this.split = split;
        this.region = false;
        int n = type.params().size() + locals.size();
        localTypes = new Type[n];
        localSlots = new int[n];
        int slot = 0;
        for (int i = 0; i < type.params().size(); i++) {
            localTypes[i] = JvmTypes.of(type.params().get(i));
            localSlots[i] = slot;
            slot += localTypes[i].getSize();
        }
        instSlot = slot++;
        for (int i = type.params().size(); i < n; i++) {
            localTypes[i] = JvmTypes.of(locals.get(i - type.params().size()));
            if (split == null) {
                localSlots[i] = slot;
                slot += localTypes[i].getSize();
            }
        }
        v128Slots = new int[n];
        Arrays.fill(v128Slots, -1);
        if (split == null) {
            for (int i = 0; i < n; i++) {
                if (localTypes[i].equals(JvmTypes.V128)) {
                    v128Slots[i] = slot;
                    slot += 4;
                }
            }
        }
        memSlot = module.memoryCount() > 0 ? slot++ : -1;
        longsSlot = split != null ? slot++ : -1;
        refsSlot = split != null ? slot++ : -1;
        nextSlot = slot;

        mv.visitCode();
        if (split == null) {
            for (int i = 0; i < n; i++) {
                if (v128Slots[i] >= 0) {
                    if (i < type.params().size()) {
                        mv.visitVarInsn(ALOAD, localSlots[i]);
                    } else {
                        SimdCompiler.emitZero(mv);
                    }
                    SimdCompiler.emitStoreHalves(mv, v128Slots[i]);
                } else if (i >= type.params().size()) {
                    pushZero(localTypes[i]);
                    mv.visitVarInsn(localTypes[i].getOpcode(ISTORE), localSlots[i]);
                }
            }
        } else {
            // The frame starts zeroed, as declared locals must; the parameters move into it.
            split.pushFrameSize(mv);
            mv.visitIntInsn(NEWARRAY, T_LONG);
            mv.visitVarInsn(ASTORE, longsSlot);
            split.pushFrameSize(mv);
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            mv.visitVarInsn(ASTORE, refsSlot);
            for (int i = 0; i < type.params().size(); i++) {
                mv.visitVarInsn(localTypes[i].getOpcode(ILOAD), localSlots[i]);
                SplitFunction.store(mv, localTypes[i], longsSlot, refsSlot, i);
            }
        }
        reloadMemory();
        consumeFuel();

        Frame body = new Frame();
        body.kind = Opcode.BLOCK;
        body.height = 0;
        body.params = new Type[0];
        body.results = JvmTypes.of(type.results());
        results = body.results;
        frames.add(body);
    }

    /**
     * A compiler for a region of this split function's method, cut here (see {@link #atCutPoint}):
     * its code continues this method's innermost block, whose end (or else) ends the region.
     */
    FunctionCompiler region(MethodVisitor regionMethod) {
        return new FunctionCompiler(this, regionMethod);
    }

    private FunctionCompiler(FunctionCompiler caller, MethodVisitor mv) {
        this.module = caller.module;
        this.mv = mv;
        this.instanceClass = caller.instanceClass;
        this.split = caller.split;
        this.region = true;
        this.results = caller.results;
        this.localTypes = caller.localTypes;
        this.localSlots = null;
        this.v128Slots = null;
        longsSlot = 0;
        refsSlot = 1;
        instSlot = 2;
        memSlot = module.memoryCount() > 0 ? 3 : -1;
        nextSlot = 4;
        for (Frame f : caller.frames) {
            Frame copy = new Frame();
            copy.kind = f.kind;
            copy.params = f.params;
            copy.results = f.results;
            copy.outside = true;
            frames.add(copy);
        }
        frames.get(frames.size() - 1).height = 0;
        mv.visitCode();
        reloadMemory();
    }

    String instanceClassName() {
        return instanceClass;
    }

    /** Whether the code so far may continue in a region: reachable, and the innermost block's stack empty. */
    boolean atCutPoint() {
        return !unreachable && pendingCompare == null && sp == frames.get(frames.size() - 1).height;
    }

    boolean regionFinished() {
        return regionFinished;
    }

    /** Ends a region at the end (or else) of the block it continues: its results go to the caller. */
    private void endRegion() {
        Frame f = frames.get(frames.size() - 1);
        if (!unreachable) {
            split.storeTransfer(mv, f.results, longsSlot, refsSlot);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
            exits.add(0);
        }
        regionFinished = true;
        finish();
    }

    /** The depth of the label {@code depth} from this region's (outside) innermost block, plus one: the exit code. */
    private int exitCode(int depth) {
        int regionBlock = 0;
        while (!frames.get(frames.size() - 1 - regionBlock).outside) {
            regionBlock++;
        }
        return depth - regionBlock + 1;
    }

    /** Leaves a region for the caller's label {@code depth}, taking the label's values (mirror unchanged). */
    private void exitTo(int depth) {
        int code = exitCode(depth);
        Type[] types = target(depth).labelTypes();
        // The JVM stack's values go; the mirror keeps them for the code after a conditional exit.
        split.storeTransfer(mv, types, longsSlot, refsSlot);
        pushInt(code);
        mv.visitInsn(IRETURN);
        exits.add(code);
    }

    /**
     * At the point where {@code region} was cut from this method: calls it and continues as it
     * ended, by the same fall-through, branch or return here.
     */
    void callRegion(String name, FunctionCompiler region) {
        mv.visitVarInsn(ALOAD, longsSlot);
        mv.visitVarInsn(ALOAD, refsSlot);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, split.owner(), name,
                SplitFunction.FRAME_DESC_PREFIX + "L" + instanceClass + ";)I", false);
        reloadMemory();
        Frame block = frames.get(frames.size() - 1);
        int base = sp;
        java.util.TreeSet<Integer> codes = region.exits;
        if (codes.isEmpty()) {
            // The region never returns (it traps or loops forever): tell the verifier.
            mv.visitInsn(POP);
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ATHROW);
        } else if (codes.equals(java.util.Set.of(0))) {
            mv.visitInsn(POP);
        } else {
            int[] keys = codes.stream().mapToInt(Integer::intValue).toArray();
            Label[] labels = new Label[keys.length];
            for (int i = 0; i < keys.length; i++) {
                labels[i] = new Label();
            }
            Label fallThrough = codes.contains(0) ? labels[codes.headSet(0).size()] : labels[0];
            mv.visitLookupSwitchInsn(fallThrough, keys, labels);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == 0) {
                    continue;
                }
                mv.visitLabel(labels[i]);
                sp = base;
                if (keys[i] == -1) {
                    if (this.region) {
                        // The results are in the transfer slots already.
                        mv.visitInsn(ICONST_M1);
                        mv.visitInsn(IRETURN);
                        exits.add(-1);
                    } else {
                        split.loadTransfer(mv, results, longsSlot, refsSlot);
                        for (Type t : results) {
                            push(t);
                        }
                        emitReturn();
                    }
                } else {
                    int depth = keys[i] - 1;
                    Type[] types = target(depth).labelTypes();
                    split.loadTransfer(mv, types, longsSlot, refsSlot);
                    for (Type t : types) {
                        push(t);
                    }
                    branch(depth);
                }
            }
            if (codes.contains(0)) {
                mv.visitLabel(fallThrough);
            }
        }
        sp = base;
        if (codes.contains(0)) {
            split.loadTransfer(mv, block.results, longsSlot, refsSlot);
            for (Type t : block.results) {
                push(t);
            }
        } else {
            unreachable = true;
        }
    }

    /** Emits the function's epilogue after the final end. */
    void finish() {
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // ---------------------------------------------------------------- stack mirror

    private void push(Type t) {
        if (sp == stack.length) {
            stack = Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = t;
    }

    private Type pop() {
        return stack[--sp];
    }

    private Type peek(int depthFromTop) {
        return stack[sp - 1 - depthFromTop];
    }

    private int scratchSlot(Type t, int position) {
        String key = t.getDescriptor() + position;
        Integer s = scratch.get(key);
        if (s == null) {
            s = nextSlot;
            nextSlot += t.getSize();
            scratch.put(key, s);
        }
        return s;
    }

    private void pushZero(Type t) {
        switch (t.getSort()) {
            case Type.INT -> mv.visitInsn(ICONST_0);
            case Type.LONG -> mv.visitInsn(LCONST_0);
            case Type.FLOAT -> mv.visitInsn(FCONST_0);
            case Type.DOUBLE -> mv.visitInsn(DCONST_0);
            default -> {
                if (t.equals(JvmTypes.V128)) {
                    SimdCompiler.emitZero(mv);
                } else {
                    mv.visitInsn(ACONST_NULL);
                }
            }
        }
    }

    private void popValue(Type t) {
        mv.visitInsn(t.getSize() == 2 ? POP2 : POP);
    }

    /**
     * Emits code that removes the values between {@code height} and the top {@code keep} values
     * of the JVM stack, as a branch must; the mirror is left unchanged (the caller decides what
     * the stack is afterwards).
     */
    private void dropBetween(int height, int keep) {
        int excess = sp - keep - height;
        if (excess <= 0) {
            return;
        }
        for (int i = 0; i < keep; i++) {
            Type t = peek(i);
            mv.visitVarInsn(t.getOpcode(ISTORE), scratchSlot(t, i));
        }
        for (int i = keep; i < keep + excess; i++) {
            popValue(peek(i));
        }
        for (int i = keep - 1; i >= 0; i--) {
            Type t = peek(i);
            mv.visitVarInsn(t.getOpcode(ILOAD), scratchSlot(t, i));
        }
    }

    private boolean needsDrop(Frame target) {
        return sp - target.labelTypes().length - target.height > 0;
    }

    private void reloadMemory() {
        if (memSlot >= 0) {
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitFieldInsn(GETFIELD, instanceClass, "m0", "Ldev/jwt/run/Memory;");
            mv.visitFieldInsn(GETFIELD, MEMORY, "bytes", "[B");
            mv.visitVarInsn(ASTORE, memSlot);
        }
    }

    private void loadMemoryBytes(int memory) {
        if (memory == 0) {
            mv.visitVarInsn(ALOAD, memSlot);
        } else {
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitFieldInsn(GETFIELD, instanceClass, "m" + memory, "Ldev/jwt/run/Memory;");
            mv.visitFieldInsn(GETFIELD, MEMORY, "bytes", "[B");
        }
    }

    private void loadMemoryObject(int memory) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, instanceClass, "m" + memory, "Ldev/jwt/run/Memory;");
    }

    private void loadTable(int table) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, instanceClass, "t" + table, "Ldev/jwt/run/Table;");
    }

    private void numerics(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, NUMERICS, name, desc, false);
    }

    private void unsupported(Opcode op) {
        throw new UnsupportedOperationException("the engine does not support " + op.mnemonic()
                + " (" + op.feature().flagName() + ") yet");
    }

    /**
     * custom-descriptors is not compiled yet: its exact heap types would be compiled as inexact
     * casts, so they are refused rather than run wrongly.
     */
    private static void rejectExact(HeapType type) {
        if (type instanceof dev.jwt.binary.types.ConcreteHeapType c && c.exact()) {
            throw new UnsupportedOperationException("the engine does not support exact reference types ("
                    + dev.jwt.binary.Feature.CUSTOM_DESCRIPTORS.flagName() + ") yet");
        }
    }

    /** stack-switching: the engine has no continuations; a function that uses them does not compile. */
    private void stackSwitching(Opcode op) {
        throw new UnsupportedOperationException("the engine does not support stack switching ("
                + op.mnemonic() + ") yet");
    }

    // ---------------------------------------------------------------- fused comparisons

    private static final java.util.Set<Opcode> COMPARES = java.util.EnumSet.of(
            Opcode.I32_EQZ, Opcode.I32_EQ, Opcode.I32_NE, Opcode.I32_LT_S, Opcode.I32_LT_U, Opcode.I32_GT_S,
            Opcode.I32_GT_U, Opcode.I32_LE_S, Opcode.I32_LE_U, Opcode.I32_GE_S, Opcode.I32_GE_U,
            Opcode.I64_EQZ, Opcode.I64_EQ, Opcode.I64_NE, Opcode.I64_LT_S, Opcode.I64_LT_U, Opcode.I64_GT_S,
            Opcode.I64_GT_U, Opcode.I64_LE_S, Opcode.I64_LE_U, Opcode.I64_GE_S, Opcode.I64_GE_U,
            Opcode.F32_EQ, Opcode.F32_NE, Opcode.F32_LT, Opcode.F32_GT, Opcode.F32_LE, Opcode.F32_GE,
            Opcode.F64_EQ, Opcode.F64_NE, Opcode.F64_LT, Opcode.F64_GT, Opcode.F64_LE, Opcode.F64_GE);

    private void flushCompare() {
        if (pendingCompare != null) {
            Opcode op = pendingCompare;
            pendingCompare = null;
            emitFixed(op);
        }
    }

    /** Emits a jump to {@code target} taken when the condition on the stack is {@code when}. */
    private void jumpIf(boolean when, Label target) {
        Opcode cmp = pendingCompare;
        pendingCompare = null;
        int jump;
        if (cmp == null) {
            jump = IFNE;
        } else {
            jump = switch (cmp) {
                case I32_EQZ -> IFEQ;
                case I32_EQ -> IF_ICMPEQ;
                case I32_NE -> IF_ICMPNE;
                case I32_LT_S -> IF_ICMPLT;
                case I32_GT_S -> IF_ICMPGT;
                case I32_LE_S -> IF_ICMPLE;
                case I32_GE_S -> IF_ICMPGE;
                case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U -> {
                    biasIntOperands();
                    yield switch (cmp) {
                        case I32_LT_U -> IF_ICMPLT;
                        case I32_GT_U -> IF_ICMPGT;
                        case I32_LE_U -> IF_ICMPLE;
                        default -> IF_ICMPGE;
                    };
                }
                case I64_EQZ -> {
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    yield IFEQ;
                }
                case I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S -> {
                    mv.visitInsn(LCMP);
                    yield signTest(cmp);
                }
                case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> {
                    biasLongOperands();
                    mv.visitInsn(LCMP);
                    yield signTest(cmp);
                }
                // NaN must make <, <=, >, >= and == false: the comparison's NaN result is chosen so.
                case F32_LT, F32_LE -> {
                    mv.visitInsn(FCMPG);
                    yield signTest(cmp);
                }
                case F32_GT, F32_GE, F32_EQ, F32_NE -> {
                    mv.visitInsn(FCMPL);
                    yield signTest(cmp);
                }
                case F64_LT, F64_LE -> {
                    mv.visitInsn(DCMPG);
                    yield signTest(cmp);
                }
                case F64_GT, F64_GE, F64_EQ, F64_NE -> {
                    mv.visitInsn(DCMPL);
                    yield signTest(cmp);
                }
                default -> throw new IllegalStateException(cmp.toString());
            };
        }
        mv.visitJumpInsn(when ? jump : negate(jump), target);
    }

    /*
     * Unsigned comparisons, and the other small operations below, are emitted in place rather than
     * as calls (of Integer.compareUnsigned, Numerics...): C2 inlines a call only when its callee
     * has run often enough by the time the caller is compiled, so a big function compiled while
     * some of its code was still cold keeps real calls there for good.
     */

    /** With two i32 operands on the stack, adds 2^31 to both: signed order of the results is unsigned order of the operands. */
    private void biasIntOperands() {
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IADD);
        mv.visitInsn(SWAP);
        mv.visitLdcInsn(Integer.MIN_VALUE);
        mv.visitInsn(IADD);
        mv.visitInsn(SWAP);
    }

    /** {@link #biasIntOperands} for two i64 operands. */
    private void biasLongOperands() {
        int slot = scratchSlot(Type.LONG_TYPE, -2);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, slot);
        mv.visitLdcInsn(Long.MIN_VALUE);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LLOAD, slot);
    }

    /** A comparison as an i32 value (0 or 1): the jump {@link #jumpIf} would make, then the constant. */
    private void compareValue(Opcode cmp) {
        Label yes = new Label();
        Label done = new Label();
        pendingCompare = cmp;
        jumpIf(true, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
    }

    /** The test of a three-way comparison result that means {@code cmp}. */
    private static int signTest(Opcode cmp) {
        String m = cmp.mnemonic();
        String rel = m.substring(m.indexOf('.') + 1).replace("_s", "").replace("_u", "");
        return switch (rel) {
            case "eq" -> IFEQ;
            case "ne" -> IFNE;
            case "lt" -> IFLT;
            case "gt" -> IFGT;
            case "le" -> IFLE;
            case "ge" -> IFGE;
            default -> throw new IllegalStateException(m);
        };
    }

    private static int negate(int jump) {
        return switch (jump) {
            case IFEQ -> IFNE;
            case IFNE -> IFEQ;
            case IFLT -> IFGE;
            case IFGE -> IFLT;
            case IFGT -> IFLE;
            case IFLE -> IFGT;
            case IF_ICMPEQ -> IF_ICMPNE;
            case IF_ICMPNE -> IF_ICMPEQ;
            case IF_ICMPLT -> IF_ICMPGE;
            case IF_ICMPGE -> IF_ICMPLT;
            case IF_ICMPGT -> IF_ICMPLE;
            case IF_ICMPLE -> IF_ICMPGT;
            default -> throw new IllegalStateException(String.valueOf(jump));
        };
    }

    // ---------------------------------------------------------------- returns and results

    /** Returns the top values of the stack as the function's results. */
    private void emitReturn() {
        if (region) {
            split.storeTransfer(mv, results, longsSlot, refsSlot);
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
            exits.add(-1);
            return;
        }
        switch (results.length) {
            case 0 -> mv.visitInsn(RETURN);
            case 1 -> mv.visitInsn(results[0].getOpcode(IRETURN));
            default -> {
                boxTop(results.length);
                mv.visitInsn(ARETURN);
            }
        }
    }

    /** Replaces the top {@code n} values of the JVM stack by an Object[] of them boxed (mirror untouched). */
    private void boxTop(int n) {
        for (int i = 0; i < n; i++) {
            Type t = peek(i);
            mv.visitVarInsn(t.getOpcode(ISTORE), scratchSlot(t, i));
        }
        pushInt(n);
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int k = 0; k < n; k++) {
            int i = n - 1 - k;
            Type t = peek(i);
            mv.visitInsn(DUP);
            pushInt(k);
            mv.visitVarInsn(t.getOpcode(ILOAD), scratchSlot(t, i));
            String[] box = JvmTypes.boxMethod(t);
            if (box != null) {
                mv.visitMethodInsn(INVOKESTATIC, box[0], "valueOf", box[1], false);
            }
            mv.visitInsn(AASTORE);
        }
    }

    /** After a call returning Object[] for several results: unpacks it onto the stack and mirror. */
    private void unpackResults(Type[] results) {
        int arraySlot = scratchSlot(JvmTypes.OBJECT_ARRAY, 0);
        mv.visitVarInsn(ASTORE, arraySlot);
        for (int i = 0; i < results.length; i++) {
            mv.visitVarInsn(ALOAD, arraySlot);
            pushInt(i);
            mv.visitInsn(AALOAD);
            String unbox = JvmTypes.unboxMethod(results[i]);
            if (unbox != null) {
                numerics(unbox, "(Ljava/lang/Object;)" + results[i].getDescriptor());
            }
            JvmTypes.castFromObject(mv, results[i]);
            push(results[i]);
        }
    }

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    // ---------------------------------------------------------------- control

    private Type[][] blockSignature(BlockType type) {
        if (type instanceof BlockType.Empty) {
            return new Type[][] {new Type[0], new Type[0]};
        }
        if (type instanceof BlockType.Value v) {
            return new Type[][] {new Type[0], new Type[] {JvmTypes.of(v.type())}};
        }
        FuncType f = module.funcType(((BlockType.Indexed) type).typeIndex());
        return new Type[][] {JvmTypes.of(f.params()), JvmTypes.of(f.results())};
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        if (unreachable) {
            deadDepth++;
            return;
        }
        if (op != Opcode.IF) {
            flushCompare();
        }
        Type[][] sig = blockSignature(type);
        Frame f = new Frame();
        f.kind = op;
        f.params = sig[0];
        f.results = sig[1];
        switch (op) {
            case BLOCK -> f.height = sp - f.params.length;
            case LOOP -> {
                f.height = sp - f.params.length;
                f.start = new Label();
                mv.visitLabel(f.start);
                consumeFuel();
            }
            case IF -> {
                pop();
                f.height = sp - f.params.length;
                f.elseLabel = new Label();
                jumpIf(false, f.elseLabel);
            }
            default -> unsupported(op);
        }
        frames.add(f);
    }

    private void visitElse() {
        if (unreachable && deadDepth > 0) {
            return;
        }
        if (frames.get(frames.size() - 1).outside) {
            endRegion();
            return;
        }
        Frame f = frames.get(frames.size() - 1);
        if (!unreachable) {
            mv.visitJumpInsn(GOTO, f.end);
            f.endReached = true;
        }
        mv.visitLabel(f.elseLabel);
        f.elseLabel = null;
        sp = f.height;
        for (Type t : f.params) {
            push(t);
        }
        unreachable = false;
    }

    private void visitEnd() {
        if (unreachable && deadDepth > 0) {
            deadDepth--;
            return;
        }
        if (frames.get(frames.size() - 1).outside) {
            endRegion();
            return;
        }
        if (frames.get(frames.size() - 1).kind == Opcode.TRY_TABLE) {
            emitHandler(frames.get(frames.size() - 1));
        }
        Frame f = frames.remove(frames.size() - 1);
        if (!unreachable) {
            f.endReached = true;
        }
        if (f.elseLabel != null) {
            // An if without else: the false path carries the parameters through as the results.
            mv.visitLabel(f.elseLabel);
            f.endReached = true;
        }
        if (f.endReached) {
            mv.visitLabel(f.end);
        }
        sp = f.height;
        for (Type t : f.results) {
            push(t);
        }
        unreachable = !f.endReached;
        if (frames.isEmpty() && !unreachable) {
            emitReturn();
        }
    }

    private Frame target(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    /** Jumps to label {@code depth}, dropping what the branch leaves behind. */
    private void branch(int depth) {
        Frame f = target(depth);
        if (depth == frames.size() - 1) {
            emitReturn();
            return;
        }
        if (f.outside) {
            exitTo(depth);
            return;
        }
        dropBetween(f.height, f.labelTypes().length);
        if (f.kind == Opcode.LOOP) {
            mv.visitJumpInsn(GOTO, f.start);
        } else {
            f.endReached = true;
            mv.visitJumpInsn(GOTO, f.end);
        }
    }

    private Label directTarget(int depth) {
        Frame f = target(depth);
        if (depth == frames.size() - 1 || f.outside || needsDrop(f)) {
            return null;
        }
        if (f.kind == Opcode.LOOP) {
            return f.start;
        }
        f.endReached = true;
        return f.end;
    }

    private void brIf(int depth) {
        pop();
        Label direct = directTarget(depth);
        if (direct != null) {
            jumpIf(true, direct);
        } else {
            Label skip = new Label();
            jumpIf(false, skip);
            branch(depth);
            mv.visitLabel(skip);
        }
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        if (unreachable) {
            return;
        }
        flushCompare();
        pop();
        Map<Integer, Label> byDepth = new HashMap<>();
        List<Integer> stubs = new ArrayList<>();
        Label[] targets = new Label[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = tableTarget(labels[i], byDepth, stubs);
        }
        Label dflt = tableTarget(defaultLabel, byDepth, stubs);
        if (labels.length > LARGE_BR_TABLE) {
            largeBrTable(labels, targets, dflt);
        } else if (labels.length == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else {
            mv.visitTableSwitchInsn(0, labels.length - 1, dflt, targets);
        }
        for (int depth : stubs) {
            mv.visitLabel(byDepth.get(depth));
            branch(depth);
        }
        unreachable = true;
    }

    /** A br_table with more labels than this maps its index through a string constant (see {@link #largeBrTable}). */
    private static final int LARGE_BR_TABLE = 4096;
    private static final int CHARS_PER_CONSTANT = 20000;

    /**
     * A br_table too large for a tableswitch of its own in one JVM method: its labels name few
     * distinct targets, so the index selects a target number from string constants (one char per
     * label, 1 + the number, so that no char is 0), and a small tableswitch on that number jumps.
     */
    private void largeBrTable(int[] labels, Label[] targets, Label dflt) {
        List<Label> distinct = new ArrayList<>();
        Map<Label, Integer> number = new HashMap<>();
        StringBuilder chars = new StringBuilder();
        for (Label l : targets) {
            Integer n = number.get(l);
            if (n == null) {
                n = distinct.size();
                number.put(l, n);
                distinct.add(l);
            }
            chars.append((char) (n + 1));
        }
        int index = scratchSlot(Type.INT_TYPE, 950);
        mv.visitVarInsn(ISTORE, index);
        mv.visitVarInsn(ILOAD, index);
        pushInt(labels.length);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
        mv.visitJumpInsn(IFGE, dflt);
        int constants = (labels.length + CHARS_PER_CONSTANT - 1) / CHARS_PER_CONSTANT;
        Label join = new Label();
        Label[] pieces = new Label[constants];
        for (int c = 0; c < constants; c++) {
            pieces[c] = new Label();
        }
        mv.visitVarInsn(ILOAD, index);
        pushInt(CHARS_PER_CONSTANT);
        mv.visitInsn(IDIV);
        mv.visitTableSwitchInsn(0, constants - 1, pieces[constants - 1], pieces);
        for (int c = 0; c < constants; c++) {
            mv.visitLabel(pieces[c]);
            mv.visitLdcInsn(chars.substring(c * CHARS_PER_CONSTANT, Math.min(chars.length(), (c + 1) * CHARS_PER_CONSTANT)));
            mv.visitVarInsn(ILOAD, index);
            pushInt(c * CHARS_PER_CONSTANT);
            mv.visitInsn(ISUB);
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            mv.visitJumpInsn(GOTO, join);
        }
        mv.visitLabel(join);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitTableSwitchInsn(0, distinct.size() - 1, dflt, distinct.toArray(new Label[0]));
    }

    private Label tableTarget(int depth, Map<Integer, Label> byDepth, List<Integer> stubs) {
        Label l = byDepth.get(depth);
        if (l == null) {
            l = directTarget(depth);
            if (l == null) {
                l = new Label();
                stubs.add(depth);
            }
            byDepth.put(depth, l);
        }
        return l;
    }

    // ---------------------------------------------------------------- simple instructions

    @Override
    public void visitSimple(Opcode op) {
        if (unreachable) {
            switch (op) {
                case ELSE -> visitElse();
                case END -> visitEnd();
                default -> { }
            }
            return;
        }
        flushCompare();
        if (gcInstruction(op, 0, 0)) {
            return;
        }
        if (op.signature() != null) {
            if (COMPARES.contains(op)) {
                pendingCompare = op;
            } else {
                emitFixed(op);
            }
            applySignature(op);
            return;
        }
        switch (op) {
            case UNREACHABLE -> {
                mv.visitMethodInsn(INVOKESTATIC, TRAP, "unreachable", "()Ldev/jwt/run/Trap;", false);
                mv.visitInsn(ATHROW);
                unreachable = true;
            }
            case NOP -> { }
            case ELSE -> visitElse();
            case END -> visitEnd();
            case RETURN -> {
                emitReturn();
                unreachable = true;
            }
            case THROW_REF -> {
                pop();
                mv.visitMethodInsn(INVOKESTATIC, THROWN, "rethrow", "(Ljava/lang/Object;)L" + THROWN + ";", false);
                mv.visitInsn(ATHROW);
                unreachable = true;
            }
            case DROP -> popValue(pop());
            case SELECT -> {
                pop();
                Type t = pop();
                pop();
                select(t);
            }
            case REF_IS_NULL -> {
                pop();
                numerics("isNull", "(Ljava/lang/Object;)I");
                push(Type.INT_TYPE);
            }
            case REF_EQ -> {
                pop();
                pop();
                numerics("refEq", "(Ljava/lang/Object;Ljava/lang/Object;)I");
                push(Type.INT_TYPE);
            }
            case REF_AS_NON_NULL -> {
                mv.visitInsn(DUP);
                Label ok = new Label();
                mv.visitJumpInsn(IFNONNULL, ok);
                mv.visitTypeInsn(NEW, TRAP);
                mv.visitInsn(DUP);
                mv.visitLdcInsn("null reference");
                mv.visitMethodInsn(INVOKESPECIAL, TRAP, "<init>", "(Ljava/lang/String;)V", false);
                mv.visitInsn(ATHROW);
                mv.visitLabel(ok);
            }
            default -> unsupported(op);
        }
    }

    /** select: with {@code a b c} on the stack, keeps a when c is not 0, else b (no call, see {@link #biasIntOperands}). */
    private void select(Type t) {
        Label second = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFEQ, second);
        mv.visitInsn(t.getSize() == 2 ? POP2 : POP);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(second);
        if (t.getSize() == 2) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitLabel(done);
        JvmTypes.castFromObject(mv, t);
        push(t);
    }

    /** i32/i64 rotl and rotr: the shift pair the JIT turns into one rotate instruction. */
    private void rotate(Type t, boolean left) {
        boolean wide = t.getSort() == Type.LONG;
        int count = scratchSlot(Type.INT_TYPE, -3);
        int value = scratchSlot(t, -4);
        if (wide) {
            mv.visitInsn(L2I);
        }
        mv.visitVarInsn(ISTORE, count);
        mv.visitVarInsn(t.getOpcode(ISTORE), value);
        mv.visitVarInsn(t.getOpcode(ILOAD), value);
        mv.visitVarInsn(ILOAD, count);
        mv.visitInsn(left ? t.getOpcode(ISHL) : t.getOpcode(IUSHR));
        mv.visitVarInsn(t.getOpcode(ILOAD), value);
        mv.visitVarInsn(ILOAD, count);
        mv.visitInsn(INEG);
        mv.visitInsn(left ? t.getOpcode(IUSHR) : t.getOpcode(ISHL));
        mv.visitInsn(t.getOpcode(IOR));
    }

    @Override
    public void visitSelectTyped(List<ValType> types) {
        if (unreachable) {
            return;
        }
        flushCompare();
        pop();
        pop();
        pop();
        select(JvmTypes.of(types.get(0)));
    }

    // Signatures of the fixed-signature opcodes, parsed once from the opcode table.
    private static final Map<Opcode, Type[][]> SIGNATURES = new EnumMap<>(Opcode.class);

    private static Type[][] signature(Opcode op) {
        return SIGNATURES.computeIfAbsent(op, o -> {
            String s = o.signature();
            int gt = s.indexOf('>');
            return new Type[][] {letters(s.substring(0, gt)), letters(s.substring(gt + 1))};
        });
    }

    private static Type[] letters(String s) {
        Type[] r = new Type[s.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (s.charAt(i)) {
                case 'i', 'a' -> Type.INT_TYPE;
                case 'I' -> Type.LONG_TYPE;
                case 'f' -> Type.FLOAT_TYPE;
                case 'F' -> Type.DOUBLE_TYPE;
                case 'v' -> JvmTypes.V128;
                default -> throw new IllegalStateException("signature letter " + s.charAt(i));
            };
        }
        return r;
    }

    private void applySignature(Opcode op) {
        Type[][] sig = signature(op);
        sp -= sig[0].length;
        for (Type t : sig[1]) {
            push(t);
        }
    }

    /** The JVM code of a fixed-signature (numeric) instruction; the mirror is updated by the caller. */
    private void emitFixed(Opcode op) {
        if (COMPARES.contains(op)) {
            compareValue(op);
            return;
        }
        switch (op) {
            case I32_EQZ -> numerics("eqz", "(I)I");
            case I32_EQ -> numerics("eq", "(II)I");
            case I32_NE -> numerics("ne", "(II)I");
            case I32_LT_S -> numerics("ltS", "(II)I");
            case I32_LT_U -> numerics("ltU", "(II)I");
            case I32_GT_S -> numerics("gtS", "(II)I");
            case I32_GT_U -> numerics("gtU", "(II)I");
            case I32_LE_S -> numerics("leS", "(II)I");
            case I32_LE_U -> numerics("leU", "(II)I");
            case I32_GE_S -> numerics("geS", "(II)I");
            case I32_GE_U -> numerics("geU", "(II)I");
            case I64_EQZ -> numerics("eqz", "(J)I");
            case I64_EQ -> numerics("eq", "(JJ)I");
            case I64_NE -> numerics("ne", "(JJ)I");
            case I64_LT_S -> numerics("ltS", "(JJ)I");
            case I64_LT_U -> numerics("ltU", "(JJ)I");
            case I64_GT_S -> numerics("gtS", "(JJ)I");
            case I64_GT_U -> numerics("gtU", "(JJ)I");
            case I64_LE_S -> numerics("leS", "(JJ)I");
            case I64_LE_U -> numerics("leU", "(JJ)I");
            case I64_GE_S -> numerics("geS", "(JJ)I");
            case I64_GE_U -> numerics("geU", "(JJ)I");
            case F32_EQ -> numerics("eq", "(FF)I");
            case F32_NE -> numerics("ne", "(FF)I");
            case F32_LT -> numerics("lt", "(FF)I");
            case F32_GT -> numerics("gt", "(FF)I");
            case F32_LE -> numerics("le", "(FF)I");
            case F32_GE -> numerics("ge", "(FF)I");
            case F64_EQ -> numerics("eq", "(DD)I");
            case F64_NE -> numerics("ne", "(DD)I");
            case F64_LT -> numerics("lt", "(DD)I");
            case F64_GT -> numerics("gt", "(DD)I");
            case F64_LE -> numerics("le", "(DD)I");
            case F64_GE -> numerics("ge", "(DD)I");

            case I32_CLZ -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false);
            case I32_CTZ -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfTrailingZeros", "(I)I", false);
            case I32_POPCNT -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false);
            case I32_ADD -> mv.visitInsn(IADD);
            case I32_SUB -> mv.visitInsn(ISUB);
            case I32_MUL -> mv.visitInsn(IMUL);
            case I32_DIV_S -> numerics("divS", "(II)I");
            case I32_DIV_U -> numerics("divU", "(II)I");
            case I32_REM_S -> numerics("remS", "(II)I");
            case I32_REM_U -> numerics("remU", "(II)I");
            case I32_AND -> mv.visitInsn(IAND);
            case I32_OR -> mv.visitInsn(IOR);
            case I32_XOR -> mv.visitInsn(IXOR);
            case I32_SHL -> mv.visitInsn(ISHL);
            case I32_SHR_S -> mv.visitInsn(ISHR);
            case I32_SHR_U -> mv.visitInsn(IUSHR);
            case I32_ROTL, I32_ROTR -> rotate(Type.INT_TYPE, op == Opcode.I32_ROTL);

            case I64_CLZ -> numerics("clz", "(J)J");
            case I64_CTZ -> numerics("ctz", "(J)J");
            case I64_POPCNT -> numerics("popcnt", "(J)J");
            case I64_ADD -> mv.visitInsn(LADD);
            case I64_SUB -> mv.visitInsn(LSUB);
            case I64_MUL -> mv.visitInsn(LMUL);
            case I64_DIV_S -> numerics("divS", "(JJ)J");
            case I64_DIV_U -> numerics("divU", "(JJ)J");
            case I64_REM_S -> numerics("remS", "(JJ)J");
            case I64_REM_U -> numerics("remU", "(JJ)J");
            case I64_AND -> mv.visitInsn(LAND);
            case I64_OR -> mv.visitInsn(LOR);
            case I64_XOR -> mv.visitInsn(LXOR);
            case I64_SHL -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHL);
            }
            case I64_SHR_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LSHR);
            }
            case I64_SHR_U -> {
                mv.visitInsn(L2I);
                mv.visitInsn(LUSHR);
            }
            case I64_ROTL, I64_ROTR -> rotate(Type.LONG_TYPE, op == Opcode.I64_ROTL);

            case F32_ABS -> numerics("abs", "(F)F");
            case F32_NEG -> numerics("neg", "(F)F");
            case F32_CEIL -> numerics("ceil", "(F)F");
            case F32_FLOOR -> numerics("floor", "(F)F");
            case F32_TRUNC -> numerics("trunc", "(F)F");
            case F32_NEAREST -> numerics("nearest", "(F)F");
            case F32_SQRT -> numerics("sqrt", "(F)F");
            case F32_ADD -> mv.visitInsn(FADD);
            case F32_SUB -> mv.visitInsn(FSUB);
            case F32_MUL -> mv.visitInsn(FMUL);
            case F32_DIV -> mv.visitInsn(FDIV);
            case F32_MIN -> numerics("min", "(FF)F");
            case F32_MAX -> numerics("max", "(FF)F");
            case F32_COPYSIGN -> numerics("copysign", "(FF)F");
            case F64_ABS -> numerics("abs", "(D)D");
            case F64_NEG -> numerics("neg", "(D)D");
            case F64_CEIL -> numerics("ceil", "(D)D");
            case F64_FLOOR -> numerics("floor", "(D)D");
            case F64_TRUNC -> numerics("trunc", "(D)D");
            case F64_NEAREST -> numerics("nearest", "(D)D");
            case F64_SQRT -> numerics("sqrt", "(D)D");
            case F64_ADD -> mv.visitInsn(DADD);
            case F64_SUB -> mv.visitInsn(DSUB);
            case F64_MUL -> mv.visitInsn(DMUL);
            case F64_DIV -> mv.visitInsn(DDIV);
            case F64_MIN -> numerics("min", "(DD)D");
            case F64_MAX -> numerics("max", "(DD)D");
            case F64_COPYSIGN -> numerics("copysign", "(DD)D");

            case I32_WRAP_I64 -> mv.visitInsn(L2I);
            case I32_TRUNC_F32_S -> numerics("i32TruncF32S", "(F)I");
            case I32_TRUNC_F32_U -> numerics("i32TruncF32U", "(F)I");
            case I32_TRUNC_F64_S -> numerics("i32TruncF64S", "(D)I");
            case I32_TRUNC_F64_U -> numerics("i32TruncF64U", "(D)I");
            case I64_EXTEND_I32_S -> mv.visitInsn(I2L);
            case I64_EXTEND_I32_U -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            case I64_TRUNC_F32_S -> numerics("i64TruncF32S", "(F)J");
            case I64_TRUNC_F32_U -> numerics("i64TruncF32U", "(F)J");
            case I64_TRUNC_F64_S -> numerics("i64TruncF64S", "(D)J");
            case I64_TRUNC_F64_U -> numerics("i64TruncF64U", "(D)J");
            case F32_CONVERT_I32_S -> mv.visitInsn(I2F);
            case F32_CONVERT_I32_U -> numerics("f32ConvertI32U", "(I)F");
            case F32_CONVERT_I64_S -> mv.visitInsn(L2F);
            case F32_CONVERT_I64_U -> numerics("f32ConvertI64U", "(J)F");
            case F32_DEMOTE_F64 -> mv.visitInsn(D2F);
            case F64_CONVERT_I32_S -> mv.visitInsn(I2D);
            case F64_CONVERT_I32_U -> numerics("f64ConvertI32U", "(I)D");
            case F64_CONVERT_I64_S -> mv.visitInsn(L2D);
            case F64_CONVERT_I64_U -> numerics("f64ConvertI64U", "(J)D");
            case F64_PROMOTE_F32 -> mv.visitInsn(F2D);
            case I32_REINTERPRET_F32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
            case I64_REINTERPRET_F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            case F32_REINTERPRET_I32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            case F64_REINTERPRET_I64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);

            case I32_EXTEND8_S -> mv.visitInsn(I2B);
            case I32_EXTEND16_S -> mv.visitInsn(I2S);
            case I64_EXTEND8_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2B);
                mv.visitInsn(I2L);
            }
            case I64_EXTEND16_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitInsn(I2L);
            }
            case I64_EXTEND32_S -> {
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }

            // The JVM's float-to-int casts saturate and map NaN to 0: the signed forms exactly.
            case I32_TRUNC_SAT_F32_S -> mv.visitInsn(F2I);
            case I32_TRUNC_SAT_F32_U -> numerics("i32TruncSatF32U", "(F)I");
            case I32_TRUNC_SAT_F64_S -> mv.visitInsn(D2I);
            case I32_TRUNC_SAT_F64_U -> numerics("i32TruncSatF64U", "(D)I");
            case I64_TRUNC_SAT_F32_S -> mv.visitInsn(F2L);
            case I64_TRUNC_SAT_F32_U -> numerics("i64TruncSatF32U", "(F)J");
            case I64_TRUNC_SAT_F64_S -> mv.visitInsn(D2L);
            case I64_TRUNC_SAT_F64_U -> numerics("i64TruncSatF64U", "(D)J");

            // Wide arithmetic: two i64 results, the low half computed here, the high one by Numerics.
            case I64_ADD128, I64_SUB128 -> {
                int[] slots = spillLongs(4);
                mv.visitVarInsn(LLOAD, slots[0]);
                mv.visitVarInsn(LLOAD, slots[2]);
                mv.visitInsn(op == Opcode.I64_ADD128 ? LADD : LSUB);
                for (int slot : slots) {
                    mv.visitVarInsn(LLOAD, slot);
                }
                numerics(op == Opcode.I64_ADD128 ? "add128High" : "sub128High", "(JJJJ)J");
            }
            case I64_MUL_WIDE_S, I64_MUL_WIDE_U -> {
                int[] slots = spillLongs(2);
                mv.visitVarInsn(LLOAD, slots[0]);
                mv.visitVarInsn(LLOAD, slots[1]);
                mv.visitInsn(LMUL);
                mv.visitVarInsn(LLOAD, slots[0]);
                mv.visitVarInsn(LLOAD, slots[1]);
                if (op == Opcode.I64_MUL_WIDE_S) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false);
                } else {
                    numerics("unsignedMultiplyHigh", "(JJ)J");
                }
            }

            default -> {
                if (SimdCompiler.isVector(op)) {
                    SimdCompiler.emitSimple(mv, op, signature(op));
                } else {
                    unsupported(op);
                }
            }
        }
    }

    /** Stores the top {@code count} i64 operands in scratch locals: their slots, deepest operand first. */
    private int[] spillLongs(int count) {
        int[] slots = new int[count];
        for (int i = count - 1; i >= 0; i--) {
            slots[i] = scratchSlot(Type.LONG_TYPE, 940 + i);
            mv.visitVarInsn(LSTORE, slots[i]);
        }
        return slots;
    }

    // ---------------------------------------------------------------- constants

    @Override
    public void visitI32Const(int value) {
        if (unreachable) {
            return;
        }
        flushCompare();
        pushInt(value);
        push(Type.INT_TYPE);
    }

    @Override
    public void visitI64Const(long value) {
        if (unreachable) {
            return;
        }
        flushCompare();
        if (value == 0 || value == 1) {
            mv.visitInsn(LCONST_0 + (int) value);
        } else {
            mv.visitLdcInsn(value);
        }
        push(Type.LONG_TYPE);
    }

    @Override
    public void visitF32Const(int bits) {
        if (unreachable) {
            return;
        }
        flushCompare();
        float f = Float.intBitsToFloat(bits);
        if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else if (Float.isNaN(f)) {
            // Through the bits, so that the exact NaN payload survives the constant pool.
            pushInt(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else {
            mv.visitLdcInsn(f);
        }
        push(Type.FLOAT_TYPE);
    }

    @Override
    public void visitF64Const(long bits) {
        if (unreachable) {
            return;
        }
        flushCompare();
        double d = Double.longBitsToDouble(bits);
        if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (Double.isNaN(d)) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else {
            mv.visitLdcInsn(d);
        }
        push(Type.DOUBLE_TYPE);
    }

    @Override
    public void visitV128Const(long low, long high) {
        if (unreachable) {
            return;
        }
        flushCompare();
        SimdCompiler.emitConst(mv, low, high);
        push(JvmTypes.V128);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        if (unreachable) {
            return;
        }
        flushCompare();
        SimdCompiler.emitShuffle(mv, lanes, scratchSlot(JvmTypes.V128, 0), scratchSlot(JvmTypes.V128, 1));
        applySignature(Opcode.I8X16_SHUFFLE);
    }

    // ---------------------------------------------------------------- indexed instructions

    @Override
    public void visitIndex(Opcode op, int index) {
        if (unreachable) {
            return;
        }
        if (op.feature() == dev.jwt.binary.Feature.STACK_SWITCHING) {
            stackSwitching(op);
        }
        if (op != Opcode.BR_IF) {
            flushCompare();
        }
        if (gcInstruction(op, index, 0)) {
            return;
        }
        boolean widen = index64(op, index);
        switch (op) {
            case BR -> {
                branch(index);
                unreachable = true;
            }
            case BR_IF -> brIf(index);
            case LOCAL_GET -> {
                Type t = localTypes[index];
                if (split == null && v128Slots[index] >= 0) {
                    SimdCompiler.emitLoadHalves(mv, v128Slots[index]);
                } else if (split == null) {
                    mv.visitVarInsn(t.getOpcode(ILOAD), localSlots[index]);
                } else {
                    SplitFunction.load(mv, t, longsSlot, refsSlot, index);
                }
                push(t);
            }
            case LOCAL_SET -> {
                Type t = pop();
                storeLocal(t, index);
            }
            case LOCAL_TEE -> {
                Type t = peek(0);
                mv.visitInsn(t.getSize() == 2 ? DUP2 : DUP);
                storeLocal(t, index);
            }
            case GLOBAL_GET -> globalGet(index);
            case GLOBAL_SET -> globalSet(index);
            case CALL -> call(index);
            case THROW -> {
                int n = module.tagType(index).params().size();
                boxTop(n);
                sp -= n;
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "tags", "[Ldev/jwt/run/Tag;");
                pushInt(index);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, THROWN, "create", "([Ljava/lang/Object;Ldev/jwt/run/Tag;)L" + THROWN + ";", false);
                mv.visitInsn(ATHROW);
                unreachable = true;
            }
            case CALL_REF -> {
                pop();
                mv.visitVarInsn(ALOAD, instSlot);
                String desc = JvmTypes.functionDescriptor(module.funcType(index), instanceClass)
                        .replace("L" + instanceClass + ";)", "Ljava/lang/Object;L" + instanceClass + ";)");
                mv.visitMethodInsn(INVOKESTATIC, instanceClass, module.refDispatcher(index), desc, false);
                afterCall(module.funcType(index));
            }
            case RETURN_CALL -> {
                FuncType type = module.functionType(index);
                boxTop(type.params().size());
                sp -= type.params().size();
                mv.visitVarInsn(ALOAD, instSlot);
                pushInt(index);
                mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "function", "(I)Ldev/jwt/run/WasmFunction;", false);
                returnForTailCall();
            }
            case RETURN_CALL_REF -> {
                FuncType type = module.funcType(index);
                int refSlot = scratchSlot(JvmTypes.OBJECT, 920);
                mv.visitVarInsn(ASTORE, refSlot);
                pop();
                boxTop(type.params().size());
                sp -= type.params().size();
                mv.visitVarInsn(ALOAD, refSlot);
                mv.visitMethodInsn(INVOKESTATIC, "dev/jwt/run/TailCall", "callee", "(Ljava/lang/Object;)Ldev/jwt/run/WasmFunction;", false);
                returnForTailCall();
            }
            case BR_ON_NULL -> {
                Type ref = pop();
                mv.visitInsn(DUP);
                Label nonNull = new Label();
                mv.visitJumpInsn(IFNONNULL, nonNull);
                mv.visitInsn(POP);
                branch(index);
                mv.visitLabel(nonNull);
                push(ref);
            }
            case BR_ON_NON_NULL -> {
                mv.visitInsn(DUP);
                Label isNull = new Label();
                mv.visitJumpInsn(IFNULL, isNull);
                branch(index);
                mv.visitLabel(isNull);
                mv.visitInsn(POP);
                pop();
            }
            case REF_FUNC -> {
                mv.visitVarInsn(ALOAD, instSlot);
                pushInt(index);
                mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "function", "(I)Ldev/jwt/run/WasmFunction;", false);
                push(JvmTypes.OBJECT);
            }
            case MEMORY_SIZE -> {
                loadMemoryBytes(index);
                mv.visitInsn(ARRAYLENGTH);
                pushInt(module.pageSizeLog2(index));
                mv.visitInsn(IUSHR);
                push(Type.INT_TYPE);
            }
            case MEMORY_GROW -> {
                loadMemoryObject(index);
                mv.visitInsn(SWAP);
                mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "grow", "(I)I", false);
                reloadMemory();
            }
            case MEMORY_FILL -> {
                sp -= 3;
                loadMemoryBytes(index);
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "fill", "(III[B)V", false);
            }
            case DATA_DROP -> {
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "dataSegments", "[[B");
                pushInt(index);
                mv.visitInsn(ICONST_0);
                mv.visitIntInsn(NEWARRAY, T_BYTE);
                mv.visitInsn(AASTORE);
            }
            case ELEM_DROP -> {
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "elementSegments", "[[Ljava/lang/Object;");
                pushInt(index);
                mv.visitInsn(ICONST_0);
                mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
                mv.visitInsn(AASTORE);
            }
            case TABLE_GET -> {
                pop();
                loadTable(index);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "get", "(ILdev/jwt/run/Table;)Ljava/lang/Object;", false);
                push(JvmTypes.OBJECT);
            }
            case TABLE_SET -> {
                sp -= 2;
                loadTable(index);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "set", "(ILjava/lang/Object;Ldev/jwt/run/Table;)V", false);
            }
            case TABLE_SIZE -> {
                loadTable(index);
                mv.visitFieldInsn(GETFIELD, TABLE, "elements", "[Ljava/lang/Object;");
                mv.visitInsn(ARRAYLENGTH);
                push(Type.INT_TYPE);
            }
            case TABLE_GROW -> {
                sp -= 2;
                loadTable(index);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "grow", "(Ljava/lang/Object;ILdev/jwt/run/Table;)I", false);
                push(Type.INT_TYPE);
            }
            case TABLE_FILL -> {
                sp -= 3;
                loadTable(index);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "fill", "(ILjava/lang/Object;ILdev/jwt/run/Table;)V", false);
            }
            default -> {
                if (SimdCompiler.isVector(op)) {
                    SimdCompiler.emitLane(mv, op, signature(op), index);
                    applySignature(op);
                } else {
                    unsupported(op);
                }
            }
        }
        if (widen) {
            mv.visitInsn(I2L);
            pop();
            push(Type.LONG_TYPE);
        }
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        if (unreachable) {
            return;
        }
        if (op.feature() == dev.jwt.binary.Feature.STACK_SWITCHING) {
            stackSwitching(op);
        }
        flushCompare();
        if (gcInstruction(op, first, second)) {
            return;
        }
        switch (op) {
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> narrowIndexes64(module.table64(second) ? 1 : 0);
            case MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> narrowIndexes64(3);
            default -> { }
        }
        switch (op) {
            case CALL_INDIRECT -> callIndirect(first, second);
            case RETURN_CALL_INDIRECT -> {
                FuncType type = module.funcType(first);
                pop();
                int indexSlot = scratchSlot(Type.INT_TYPE, 921);
                mv.visitVarInsn(ISTORE, indexSlot);
                boxTop(type.params().size());
                sp -= type.params().size();
                loadTable(second);
                mv.visitVarInsn(ILOAD, indexSlot);
                mv.visitLdcInsn(module.canonicalTypeId(first));
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "functionForCall",
                        "(Ldev/jwt/run/Table;II)Ldev/jwt/run/WasmFunction;", false);
                returnForTailCall();
            }
            case MEMORY_INIT -> {
                sp -= 3;
                loadMemoryBytes(second);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "dataSegments", "[[B");
                pushInt(first);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "init", "(III[B[B)V", false);
            }
            case MEMORY_COPY -> {
                sp -= 3;
                loadMemoryBytes(first);
                loadMemoryBytes(second);
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "copy", "(III[B[B)V", false);
            }
            case TABLE_INIT -> {
                sp -= 3;
                loadTable(second);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "elementSegments", "[[Ljava/lang/Object;");
                pushInt(first);
                mv.visitInsn(AALOAD);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "init", "(IIILdev/jwt/run/Table;[Ljava/lang/Object;)V", false);
            }
            case TABLE_COPY -> {
                sp -= 3;
                loadTable(first);
                loadTable(second);
                mv.visitMethodInsn(INVOKESTATIC, TABLE, "copy", "(IIILdev/jwt/run/Table;Ldev/jwt/run/Table;)V", false);
            }
            default -> unsupported(op);
        }
    }

    private void storeLocal(Type t, int index) {
        if (split == null && v128Slots[index] >= 0) {
            SimdCompiler.emitStoreHalves(mv, v128Slots[index]);
        } else if (split == null) {
            mv.visitVarInsn(t.getOpcode(ISTORE), localSlots[index]);
        } else {
            SplitFunction.store(mv, t, longsSlot, refsSlot, index);
        }
    }

    private void call(int function) {
        FuncType type = module.functionType(function);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, module.functionOwner(function), "f" + function,
                JvmTypes.functionDescriptor(type, instanceClass), false);
        afterCall(type);
    }

    /**
     * With the boxed arguments and the callee on the JVM stack: records the tail call and returns
     * (placeholder results) to the trampoline that makes it (see {@link dev.jwt.run.TailCall}).
     */
    private void returnForTailCall() {
        mv.visitMethodInsn(INVOKESTATIC, "dev/jwt/run/TailCall", "set",
                "([Ljava/lang/Object;Ldev/jwt/run/WasmFunction;)V", false);
        for (Type t : results) {
            pushZero(t);
            push(t);
        }
        emitReturn();
        unreachable = true;
    }

    private void callIndirect(int typeIndex, int table) {
        FuncType type = module.funcType(typeIndex);
        pop();
        mv.visitVarInsn(ALOAD, instSlot);
        String desc = JvmTypes.functionDescriptor(type, instanceClass);
        desc = desc.replace("L" + instanceClass + ";)", "IL" + instanceClass + ";)");
        mv.visitMethodInsn(INVOKESTATIC, instanceClass, module.indirectDispatcher(typeIndex, table), desc, false);
        afterCall(type);
    }

    private void afterCall(FuncType type) {
        sp -= type.params().size();
        Type[] results = JvmTypes.of(type.results());
        if (results.length == 1) {
            push(results[0]);
        } else if (results.length > 1) {
            unpackResults(results);
        }
        reloadMemory();
    }

    private void globalGet(int index) {
        GlobalType g = module.globalType(index);
        Type t = JvmTypes.of(g.type());
        mv.visitVarInsn(ALOAD, instSlot);
        if (!module.globalBoxed(index)) {
            mv.visitFieldInsn(GETFIELD, instanceClass, "g" + index, t.getDescriptor());
        } else {
            mv.visitFieldInsn(GETFIELD, instanceClass, "g" + index, "Ldev/jwt/run/Global;");
            switch (t.getSort()) {
                case Type.INT -> {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "bits", "J");
                    mv.visitInsn(L2I);
                }
                case Type.LONG -> mv.visitFieldInsn(GETFIELD, GLOBAL, "bits", "J");
                case Type.FLOAT -> {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "bits", "J");
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                }
                case Type.DOUBLE -> {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "bits", "J");
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                }
                default -> {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
                    JvmTypes.castFromObject(mv, t);
                }
            }
        }
        push(t);
    }

    private void globalSet(int index) {
        Type t = pop();
        if (!module.globalBoxed(index)) {
            mv.visitVarInsn(ALOAD, instSlot);
            swapUnder(t);
            mv.visitFieldInsn(PUTFIELD, instanceClass, "g" + index, t.getDescriptor());
            return;
        }
        switch (t.getSort()) {
            case Type.INT -> {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFFFFFFL);
                mv.visitInsn(LAND);
            }
            case Type.FLOAT -> {
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFFFFFFL);
                mv.visitInsn(LAND);
            }
            case Type.DOUBLE -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
            default -> { }
        }
        Type stored = t.getSort() == Type.OBJECT ? JvmTypes.OBJECT : Type.LONG_TYPE;
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, instanceClass, "g" + index, "Ldev/jwt/run/Global;");
        swapUnder(stored);
        if (stored == JvmTypes.OBJECT) {
            mv.visitFieldInsn(PUTFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
        } else {
            mv.visitFieldInsn(PUTFIELD, GLOBAL, "bits", "J");
        }
    }

    /** Stack [value, ref] to [ref, value]. */
    private void swapUnder(Type value) {
        if (value.getSize() == 2) {
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
        } else {
            mv.visitInsn(SWAP);
        }
    }

    // ---------------------------------------------------------------- memory

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        if (unreachable) {
            return;
        }
        flushCompare();
        if (op.prefix() == 0xFE) {
            atomic(op, memory, offset);
            return;
        }
        boolean vector = SimdCompiler.isVector(op);
        if (op.signature() == null || op.accessBytes() == 0 || (op.prefix() != 0 && !vector)) {
            unsupported(op);
        }
        Type[][] sig = signature(op);
        boolean store = sig[1].length == 0;
        if (module.memory64(memory)) {
            address64(store ? sig[0][1] : null, offset);
            offset = 0;
        }
        if (offset >= 0x8000_0000L) {
            // No 32-bit memory reaches this far: trap, after the operands are evaluated.
            if (store) {
                popValue(sig[0][1]);
            }
            mv.visitMethodInsn(INVOKESTATIC, TRAP, "memoryOutOfBounds", "(I)I", false);
            if (store) {
                pushZero(sig[0][1]);
            }
            offset = 0;
        }
        if (vector || module.compactAccesses()) {
            pushInt((int) offset);
            loadMemoryBytes(memory);
            if (vector) {
                SimdCompiler.emitMemory(mv, op, sig);
            } else {
                StringBuilder desc = new StringBuilder("(");
                for (Type t : sig[0]) {
                    desc.append(t.getDescriptor());
                }
                desc.append("I[B)").append(store ? "V" : sig[1][0].getDescriptor());
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, HelperNames.of(op), desc.toString(), false);
            }
        } else if (store) {
            Type value = sig[0][1];
            int slot = scratchSlot(value, -1);
            mv.visitVarInsn(value.getOpcode(ISTORE), slot);
            effectiveAddress((int) offset);
            emitStore(op, memory, value, slot);
        } else {
            effectiveAddress((int) offset);
            emitLoad(op, memory);
        }
        applySignature(op);
    }

    /*
     * Loads and stores are emitted in place rather than as calls of small Memory helpers (except in
     * very big functions, see ModuleCompiler.compactAccesses): C2 only
     * inlines a static call whose callee has run often enough when the caller is compiled, and a
     * big function compiled while one of its loops was still cold kept real calls (with the
     * VarHandle behind them) after that loop turned hot. A VarHandle invoked directly is always
     * inlined (its guards are force-inlined); byte accesses are plain array instructions.
     */

    /**
     * With an i32 address on the stack, leaves Memory.ea(address, offset): address + offset, or a
     * negative index (out of bounds) when the unsigned sum reaches 2^31. With offset 0 the address
     * itself is that: at 2^31 or more (unsigned) it is negative.
     */
    private void effectiveAddress(int offset) {
        if (offset == 0) {
            return;
        }
        mv.visitInsn(DUP);
        pushInt(offset);
        mv.visitInsn(IADD);
        mv.visitInsn(SWAP);
        mv.visitIntInsn(BIPUSH, 31);
        mv.visitInsn(ISHR);
        mv.visitInsn(IOR);
    }

    /** The little-endian view of memory for an access of {@code bytes} (2, 4 or 8). */
    private void viewHandle(int bytes) {
        mv.visitFieldInsn(GETSTATIC, MEMORY, bytes == 2 ? "I16" : bytes == 4 ? "I32" : "I64", "Ljava/lang/invoke/VarHandle;");
    }

    /** With the effective address on the stack, loads as {@code op} does. */
    private void emitLoad(Opcode op, int memory) {
        int bytes = op.accessBytes();
        if (bytes == 1) {
            loadMemoryBytes(memory);
            mv.visitInsn(SWAP);
            mv.visitInsn(BALOAD);
        } else {
            viewHandle(bytes);
            mv.visitInsn(SWAP);
            loadMemoryBytes(memory);
            mv.visitInsn(SWAP);
            String result = bytes == 2 ? "S" : bytes == 4 ? "I" : "J";
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "get", "([BI)" + result, false);
        }
        boolean unsigned = op.mnemonic().endsWith("_u");
        switch (op) {
            case I32_LOAD8_U -> {
                mv.visitIntInsn(SIPUSH, 0xFF);
                mv.visitInsn(IAND);
            }
            case I32_LOAD16_U -> {
                mv.visitLdcInsn(0xFFFF);
                mv.visitInsn(IAND);
            }
            case I64_LOAD8_S, I64_LOAD8_U, I64_LOAD16_S, I64_LOAD16_U, I64_LOAD32_S, I64_LOAD32_U -> {
                mv.visitInsn(I2L);
                if (unsigned) {
                    mv.visitLdcInsn(bytes == 1 ? 0xFFL : bytes == 2 ? 0xFFFFL : 0xFFFF_FFFFL);
                    mv.visitInsn(LAND);
                }
            }
            case F32_LOAD -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            case F64_LOAD -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
            default -> {
                // i32.load8_s, i32.load16_s, i32.load, i64.load: the value as read.
            }
        }
    }

    /** With the effective address on the stack and the value in {@code slot}, stores as {@code op} does. */
    private void emitStore(Opcode op, int memory, Type value, int slot) {
        int bytes = op.accessBytes();
        if (bytes == 1) {
            loadMemoryBytes(memory);
            mv.visitInsn(SWAP);
        } else {
            viewHandle(bytes);
            mv.visitInsn(SWAP);
            loadMemoryBytes(memory);
            mv.visitInsn(SWAP);
        }
        mv.visitVarInsn(value.getOpcode(ILOAD), slot);
        if (value.getSort() == Type.LONG && bytes < 8) {
            mv.visitInsn(L2I);
        } else if (value.getSort() == Type.FLOAT) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        } else if (value.getSort() == Type.DOUBLE) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        }
        switch (bytes) {
            case 1 -> mv.visitInsn(BASTORE);
            case 2 -> {
                mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", "([BIS)V", false);
            }
            case 4 -> mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", "([BII)V", false);
            default -> mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", "([BIJ)V", false);
        }
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        if (unreachable) {
            return;
        }
        flushCompare();
        Type[][] sig = signature(op);
        if (module.memory64(memory)) {
            address64(sig[0][1], offset);
            offset = 0;
        }
        if (offset >= 0x8000_0000L) {
            // As in visitMemory: no 32-bit memory reaches this far.
            mv.visitInsn(POP);
            mv.visitMethodInsn(INVOKESTATIC, TRAP, "memoryOutOfBounds", "(I)I", false);
            SimdCompiler.emitZero(mv);
            offset = 0;
        }
        pushInt(lane);
        pushInt((int) offset);
        loadMemoryBytes(memory);
        SimdCompiler.emitMemoryLane(mv, op, sig);
        applySignature(op);
    }

    // ---------------------------------------------------------------- references and the rest

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        if (unreachable) {
            return;
        }
        flushCompare();
        if (op == Opcode.REF_NULL) {
            mv.visitInsn(ACONST_NULL);
            push(JvmTypes.OBJECT);
            return;
        }
        rejectExact(type);
        if (op == Opcode.REF_TEST || op == Opcode.REF_TEST_NULLABLE) {
            pop();
            emitTest(op == Opcode.REF_TEST_NULLABLE, type);
            push(Type.INT_TYPE);
            return;
        }
        if (op == Opcode.REF_CAST || op == Opcode.REF_CAST_NULLABLE) {
            pop();
            pushHeapType(op == Opcode.REF_CAST_NULLABLE, type);
            mv.visitMethodInsn(INVOKESTATIC, GC, "cast", "(Ljava/lang/Object;IIL" + GC_TYPE + ";)Ljava/lang/Object;", false);
            push(JvmTypes.OBJECT);
            return;
        }
        unsupported(op);
    }

    @Override
    public void visitBrOnCast(Opcode op, int label, RefType from, RefType to) {
        if (unreachable) {
            return;
        }
        flushCompare();
        if (op != Opcode.BR_ON_CAST && op != Opcode.BR_ON_CAST_FAIL) {
            unsupported(op); // br_on_cast_desc_eq(_fail), custom-descriptors
        }
        rejectExact(to.heapType());
        mv.visitInsn(DUP);
        emitTest(to.nullable(), to.heapType());
        Label skip = new Label();
        mv.visitJumpInsn(op == Opcode.BR_ON_CAST ? IFEQ : IFNE, skip);
        branch(label);
        mv.visitLabel(skip);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        if (unreachable) {
            deadDepth++;
            return;
        }
        flushCompare();
        Type[][] sig = blockSignature(type);
        Frame f = new Frame();
        f.kind = Opcode.TRY_TABLE;
        f.params = sig[0];
        f.results = sig[1];
        f.height = sp - f.params.length;
        f.catches = catches;
        // A JVM handler starts with an empty operand stack: keep copies of the values below the
        // block in locals, for the handler to restore before it branches.
        f.savedTypes = Arrays.copyOf(stack, f.height);
        f.savedSlots = new int[f.height];
        for (int i = 0; i < f.height; i++) {
            f.savedSlots[i] = nextSlot;
            nextSlot += f.savedTypes[i].getSize();
        }
        Type[] all = Arrays.copyOf(stack, sp);
        int[] tmp = new int[sp];
        for (int i = sp - 1; i >= f.height; i--) {
            tmp[i] = scratchSlot(all[i], 930 + i);
            mv.visitVarInsn(all[i].getOpcode(ISTORE), tmp[i]);
        }
        for (int i = f.height - 1; i >= 0; i--) {
            mv.visitVarInsn(all[i].getOpcode(ISTORE), f.savedSlots[i]);
        }
        for (int i = 0; i < sp; i++) {
            mv.visitVarInsn(all[i].getOpcode(ILOAD), i < f.height ? f.savedSlots[i] : tmp[i]);
        }
        f.tryStart = new Label();
        mv.visitLabel(f.tryStart);
        mv.visitInsn(NOP); // the JVM refuses an empty handler range
        frames.add(f);
    }

    /**
     * At a try_table's end, before the block's end proper: ends the handler's range and emits the
     * handler, which tries the catch clauses in order and rethrows when none matches.
     */
    private void emitHandler(Frame f) {
        Label tryEnd = new Label();
        mv.visitLabel(tryEnd);
        if (!unreachable) {
            mv.visitJumpInsn(GOTO, f.end);
            f.endReached = true;
        }
        Label handler = new Label();
        mv.visitLabel(handler);
        // After the inner try_tables' (they ended first), so the JVM tries the innermost handler first.
        mv.visitTryCatchBlock(f.tryStart, tryEnd, handler, THROWN);
        frames.remove(frames.size() - 1);
        int exnSlot = scratchSlot(JvmTypes.OBJECT, 929);
        mv.visitVarInsn(ASTORE, exnSlot);
        reloadMemory();
        for (Catch c : f.catches) {
            Label next = new Label();
            boolean all = c.kind() == Catch.Kind.CATCH_ALL || c.kind() == Catch.Kind.CATCH_ALL_REF;
            if (!all) {
                mv.visitVarInsn(ALOAD, exnSlot);
                mv.visitTypeInsn(CHECKCAST, THROWN);
                mv.visitMethodInsn(INVOKEVIRTUAL, THROWN, "tag", "()Ldev/jwt/run/Tag;", false);
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INSTANCE, "tags", "[Ldev/jwt/run/Tag;");
                pushInt(c.tag());
                mv.visitInsn(AALOAD);
                mv.visitJumpInsn(IF_ACMPNE, next);
            }
            sp = 0;
            for (int i = 0; i < f.savedTypes.length; i++) {
                mv.visitVarInsn(f.savedTypes[i].getOpcode(ILOAD), f.savedSlots[i]);
                push(f.savedTypes[i]);
            }
            if (!all) {
                Type[] payload = JvmTypes.of(module.tagType(c.tag()).params());
                for (int i = 0; i < payload.length; i++) {
                    mv.visitVarInsn(ALOAD, exnSlot);
                    mv.visitTypeInsn(CHECKCAST, THROWN);
                    pushInt(i);
                    mv.visitMethodInsn(INVOKESTATIC, THROWN, "value", "(L" + THROWN + ";I)Ljava/lang/Object;", false);
                    String unbox = JvmTypes.unboxMethod(payload[i]);
                    if (unbox != null) {
                        numerics(unbox, "(Ljava/lang/Object;)" + payload[i].getDescriptor());
                    } else if (!payload[i].equals(JvmTypes.OBJECT)) {
                        mv.visitTypeInsn(CHECKCAST, payload[i].getInternalName());
                    }
                    push(payload[i]);
                }
            }
            if (c.kind() == Catch.Kind.CATCH_REF || c.kind() == Catch.Kind.CATCH_ALL_REF) {
                mv.visitVarInsn(ALOAD, exnSlot);
                push(JvmTypes.OBJECT);
            }
            branch(c.label());
            mv.visitLabel(next);
        }
        mv.visitVarInsn(ALOAD, exnSlot);
        mv.visitTypeInsn(CHECKCAST, THROWN);
        mv.visitInsn(ATHROW);
        frames.add(f);
        unreachable = true;
    }

    @Override
    public void visitAtomicFence() {
        if (!unreachable) {
            flushCompare();
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/VarHandle", "fullFence", "()V", false);
        }
    }

    // ---------------------------------------------------------------- threads: atomic accesses

    private static final String ATOMICS = "dev/jwt/run/Atomics";

    /**
     * An atomic load, store, read-modify-write, compare-exchange, wait or notify: a call to
     * {@link dev.jwt.run.Atomics} with the i32 address, the operands, the offset and the memory's
     * bytes (its object for wait and notify). The narrow forms of i64 instructions work on ints:
     * their operands are wrapped first and their results zero-extended after.
     */
    private void atomic(Opcode op, int memory, long offset) {
        Type[][] sig = signature(op);
        int n = op.accessBytes();
        if (module.memory64(memory) || offset >= 0x8000_0000L) {
            // The 33- or 65-bit effective address: its alignment is checked before it is narrowed.
            int above = sig[0].length - 1;
            for (int i = 0; i < above; i++) {
                Type t = sig[0][sig[0].length - 1 - i];
                mv.visitVarInsn(t.getOpcode(ISTORE), scratchSlot(t, 920 + i));
            }
            if (!module.memory64(memory)) {
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
            mv.visitLdcInsn(offset);
            pushInt(n);
            mv.visitMethodInsn(INVOKESTATIC, ATOMICS, "address", "(JJI)I", false);
            for (int i = above - 1; i >= 0; i--) {
                Type t = sig[0][sig[0].length - 1 - i];
                mv.visitVarInsn(t.getOpcode(ILOAD), scratchSlot(t, 920 + i));
            }
            offset = 0;
        }
        String memoryDesc = "Ldev/jwt/run/Memory;";
        switch (op) {
            case MEMORY_ATOMIC_NOTIFY, MEMORY_ATOMIC_WAIT32, MEMORY_ATOMIC_WAIT64 -> {
                pushInt((int) offset);
                loadMemoryObject(memory);
                String name = op == Opcode.MEMORY_ATOMIC_NOTIFY ? "notify" : op == Opcode.MEMORY_ATOMIC_WAIT32 ? "wait32" : "wait64";
                StringBuilder desc = new StringBuilder("(");
                for (Type t : sig[0]) {
                    desc.append(t.getDescriptor());
                }
                desc.append('I').append(memoryDesc).append(")I");
                mv.visitMethodInsn(INVOKESTATIC, ATOMICS, name, desc.toString(), false);
                applySignature(op);
                return;
            }
            default -> { }
        }
        String m = op.mnemonic();
        boolean wide = m.startsWith("i64");
        int bits = n * 8;
        // "i64.atomic.rmw16.add_u" -> "add": the operation after the access kind.
        String[] parts = m.split("\\.");
        String kind = parts[2].replaceAll("[0-9]", "").replace("_u", "");
        boolean narrowed = wide && bits < 64;
        String value = bits == 64 ? "J" : "I";
        switch (kind) {
            case "load" -> {
                pushInt((int) offset);
                loadMemoryBytes(memory);
                mv.visitMethodInsn(INVOKESTATIC, ATOMICS, "load" + bits, "(II[B)" + value, false);
            }
            case "store" -> {
                if (narrowed) {
                    mv.visitInsn(L2I);
                }
                pushInt((int) offset);
                loadMemoryBytes(memory);
                mv.visitMethodInsn(INVOKESTATIC, ATOMICS, "store" + bits, "(I" + value + "I[B)V", false);
            }
            default -> {
                String operation = parts[3].replace("_u", "");
                if (operation.equals("cmpxchg")) {
                    if (narrowed) {
                        int slot = scratchSlot(Type.LONG_TYPE, 930);
                        mv.visitVarInsn(LSTORE, slot);
                        mv.visitInsn(L2I);
                        mv.visitVarInsn(LLOAD, slot);
                        mv.visitInsn(L2I);
                    }
                    pushInt((int) offset);
                    loadMemoryBytes(memory);
                    mv.visitMethodInsn(INVOKESTATIC, ATOMICS, "cmpxchg" + bits,
                            "(I" + value + value + "I[B)" + value, false);
                } else {
                    if (narrowed) {
                        mv.visitInsn(L2I);
                    }
                    pushInt((int) offset);
                    loadMemoryBytes(memory);
                    pushInt(switch (operation) {
                        case "add" -> dev.jwt.run.Atomics.ADD;
                        case "sub" -> dev.jwt.run.Atomics.SUB;
                        case "and" -> dev.jwt.run.Atomics.AND;
                        case "or" -> dev.jwt.run.Atomics.OR;
                        case "xor" -> dev.jwt.run.Atomics.XOR;
                        case "xchg" -> dev.jwt.run.Atomics.XCHG;
                        default -> throw new IllegalStateException(m);
                    });
                    mv.visitMethodInsn(INVOKESTATIC, ATOMICS, "rmw" + bits, "(I" + value + "I[BI)" + value, false);
                }
            }
        }
        if (narrowed && !kind.equals("store")) {
            mv.visitInsn(I2L);
            if (bits == 32) {
                mv.visitLdcInsn(0xFFFF_FFFFL);
                mv.visitInsn(LAND);
            }
        }
        applySignature(op);
    }

    // stack-switching
    @Override
    public void visitResume(Opcode op, int type, int tag, List<dev.jwt.binary.code.Handler> handlers) {
        if (!unreachable) {
            stackSwitching(op);
        }
    }

    // shared-everything-threads: atomic global, table, struct and array accesses are not compiled yet.

    @Override
    public void visitOrderedIndex(Opcode op, dev.jwt.binary.code.Ordering ordering, int index) {
        if (!unreachable) {
            unsupportedProposal(op);
        }
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, dev.jwt.binary.code.Ordering ordering, int typeIndex, int fieldIndex) {
        if (!unreachable) {
            unsupportedProposal(op);
        }
    }

    private void unsupportedProposal(Opcode op) {
        throw new UnsupportedOperationException("the engine does not support " + op.mnemonic() + " ("
                + op.feature().flagName() + ") yet");
    }

    // ---------------------------------------------------------------- memory64 and table64

    /*
     * A 64-bit memory or table holds fewer than 2^31 bytes or elements, like any other: its i64
     * addresses and indexes are narrowed to i32 ones that are in bounds exactly when the original
     * is (Memory.index64, Memory.address64), and the code for 32-bit memories and tables does the rest.
     */

    /** For a load or store on a 64-bit memory: the i64 address and the offset become an i32 address (offset 0). */
    private void address64(Type storedValue, long offset) {
        int slot = -1;
        if (storedValue != null) {
            slot = scratchSlot(storedValue, 900);
            mv.visitVarInsn(storedValue.getOpcode(ISTORE), slot);
        }
        mv.visitLdcInsn(offset);
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "address64", "(JJ)I", false);
        if (storedValue != null) {
            mv.visitVarInsn(storedValue.getOpcode(ILOAD), slot);
        }
    }

    /**
     * Before an instruction with an index operand of a 64-bit memory or table: narrows its i64
     * operands; returns whether its result (a size or old size) must be widened to i64.
     */
    private boolean index64(Opcode op, int index) {
        switch (op) {
            case MEMORY_SIZE -> {
                return module.memory64(index);
            }
            case MEMORY_GROW -> {
                narrowIndexes64(1);
                return module.memory64(index);
            }
            case MEMORY_FILL, TABLE_FILL -> narrowIndexes64(3);
            case TABLE_GET -> narrowIndexes64(1);
            case TABLE_SET -> narrowIndexes64(2);
            case TABLE_SIZE -> {
                return module.table64(index);
            }
            case TABLE_GROW -> {
                narrowIndexes64(1);
                return module.table64(index);
            }
            default -> { }
        }
        return false;
    }

    /** Narrows the i64 values among the top {@code count} operands (only indexes can be i64 there). */
    private void narrowIndexes64(int count) {
        int deepest = -1;
        for (int i = 0; i < count; i++) {
            if (peek(i).getSort() == Type.LONG) {
                deepest = i;
            }
        }
        if (deepest < 0) {
            return;
        }
        for (int i = 0; i < deepest; i++) {
            Type t = peek(i);
            mv.visitVarInsn(t.getOpcode(ISTORE), scratchSlot(t, 910 + i));
        }
        mv.visitMethodInsn(INVOKESTATIC, MEMORY, "index64", "(J)I", false);
        for (int i = deepest - 1; i >= 0; i--) {
            Type t = peek(i);
            mv.visitVarInsn(t.getOpcode(ILOAD), scratchSlot(t, 910 + i));
            if (t.getSort() == Type.LONG) {
                mv.visitMethodInsn(INVOKESTATIC, MEMORY, "index64", "(J)I", false);
            }
        }
        for (int i = 0; i <= deepest; i++) {
            if (stack[sp - 1 - i].getSort() == Type.LONG) {
                stack[sp - 1 - i] = Type.INT_TYPE;
            }
        }
    }

    // ---------------------------------------------------------------- GC: structs, arrays, i31, casts

    /** With a reference on the JVM stack (mirror already popped): pushes ref.test's int. */
    private void emitTest(boolean nullable, HeapType type) {
        pushHeapType(nullable, type);
        mv.visitMethodInsn(INVOKESTATIC, GC, "test", "(Ljava/lang/Object;IIL" + GC_TYPE + ";)I", false);
    }

    /** The arguments of Gc.test and Gc.cast that name the heap type. */
    private void pushHeapType(boolean nullable, HeapType type) {
        pushInt(nullable ? 1 : 0);
        if (type instanceof dev.jwt.binary.types.ConcreteHeapType c) {
            pushInt(dev.jwt.run.gc.Gc.CONCRETE);
            loadGcType(c.typeIndex());
            return;
        }
        int kind = switch ((dev.jwt.binary.types.AbsHeapType) type) {
            case ANY -> dev.jwt.run.gc.Gc.ANY;
            case EQ -> dev.jwt.run.gc.Gc.EQ;
            case I31 -> dev.jwt.run.gc.Gc.I31_TYPE;
            case STRUCT -> dev.jwt.run.gc.Gc.STRUCT;
            case ARRAY -> dev.jwt.run.gc.Gc.ARRAY;
            case NONE -> dev.jwt.run.gc.Gc.NONE;
            case FUNC -> dev.jwt.run.gc.Gc.FUNC;
            case NOFUNC -> dev.jwt.run.gc.Gc.NOFUNC;
            case EXTERN -> dev.jwt.run.gc.Gc.EXTERN;
            case NOEXTERN -> dev.jwt.run.gc.Gc.NOEXTERN;
            case EXN -> dev.jwt.run.gc.Gc.EXN;
            case NOEXN -> dev.jwt.run.gc.Gc.NOEXN;
            default -> throw new UnsupportedOperationException("the engine does not support casts to " + type + " yet");
        };
        pushInt(kind);
        mv.visitInsn(ACONST_NULL);
    }

    private void loadGcType(int typeIndex) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "gcTypes", "[L" + GC_TYPE + ";");
        pushInt(typeIndex);
        mv.visitInsn(AALOAD);
    }

    private void gc(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, GC, name, desc, false);
    }

    /** The JVM type a field or element of this storage type is read as (packed ones as i32). */
    private static Type storageType(dev.jwt.binary.types.StorageType s) {
        return s instanceof ValType v ? JvmTypes.of(v) : Type.INT_TYPE;
    }

    private Type elementType(int typeIndex) {
        return storageType(((dev.jwt.binary.types.ArrayType) module.compositeType(typeIndex)).element().storage());
    }

    private List<dev.jwt.binary.types.FieldType> fields(int typeIndex) {
        return ((dev.jwt.binary.types.StructType) module.compositeType(typeIndex)).fields();
    }

    /** Boxes the top value (mirror untouched). */
    private void box(Type t) {
        String[] box = JvmTypes.boxMethod(t);
        if (box != null) {
            mv.visitMethodInsn(INVOKESTATIC, box[0], "valueOf", box[1], false);
        }
    }

    /** Unboxes the Object on top to {@code t}. */
    private void unbox(Type t) {
        String unbox = JvmTypes.unboxMethod(t);
        if (unbox != null) {
            numerics(unbox, "(Ljava/lang/Object;)" + t.getDescriptor());
        } else if (!t.equals(JvmTypes.OBJECT)) {
            mv.visitTypeInsn(CHECKCAST, t.getInternalName());
        }
    }

    private void loadSegment(boolean data, int index) {
        mv.visitVarInsn(ALOAD, instSlot);
        if (data) {
            mv.visitFieldInsn(GETFIELD, INSTANCE, "dataSegments", "[[B");
        } else {
            mv.visitFieldInsn(GETFIELD, INSTANCE, "elementSegments", "[[Ljava/lang/Object;");
        }
        pushInt(index);
        mv.visitInsn(AALOAD);
    }

    /** Emits a GC instruction ({@code a}, {@code b}: its immediates); false for any other. */
    private boolean gcInstruction(Opcode op, int a, int b) {
        String obj = "Ljava/lang/Object;";
        String gt = "L" + GC_TYPE + ";";
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DEFAULT -> {
                List<dev.jwt.binary.types.FieldType> fs = fields(a);
                if (op == Opcode.STRUCT_NEW_DEFAULT) {
                    for (dev.jwt.binary.types.FieldType f : fs) {
                        Type t = storageType(f.storage());
                        pushZero(t);
                        push(t);
                    }
                }
                boxTop(fs.size());
                sp -= fs.size();
                loadGcType(a);
                gc("structNew", "([Ljava/lang/Object;" + gt + ")" + obj);
                push(JvmTypes.OBJECT);
            }
            case STRUCT_GET -> {
                pop();
                pushInt(b);
                gc("structGet", "(" + obj + "I)" + obj);
                Type t = storageType(fields(a).get(b).storage());
                unbox(t);
                push(t);
            }
            case STRUCT_GET_S, STRUCT_GET_U -> {
                pop();
                pushInt(b);
                gc(op == Opcode.STRUCT_GET_S ? "structGetS" : "structGetU", "(" + obj + "I)I");
                push(Type.INT_TYPE);
            }
            case STRUCT_SET -> {
                box(pop());
                pop();
                pushInt(b);
                gc("structSet", "(" + obj + obj + "I)V");
            }
            case ARRAY_NEW, ARRAY_NEW_DEFAULT -> {
                pop();
                int len = scratchSlot(Type.INT_TYPE, 940);
                mv.visitVarInsn(ISTORE, len);
                Type t = elementType(a);
                if (op == Opcode.ARRAY_NEW_DEFAULT) {
                    pushZero(t);
                } else {
                    pop();
                }
                box(t);
                mv.visitVarInsn(ILOAD, len);
                loadGcType(a);
                gc("arrayNew", "(" + obj + "I" + gt + ")" + obj);
                push(JvmTypes.OBJECT);
            }
            case ARRAY_NEW_FIXED -> {
                boxTop(b);
                sp -= b;
                loadGcType(a);
                gc("arrayNewFixed", "([Ljava/lang/Object;" + gt + ")" + obj);
                push(JvmTypes.OBJECT);
            }
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                sp -= 2;
                boolean data = op == Opcode.ARRAY_NEW_DATA;
                loadSegment(data, b);
                loadGcType(a);
                gc(data ? "arrayNewData" : "arrayNewElem", "(II" + (data ? "[B" : "[Ljava/lang/Object;") + gt + ")" + obj);
                push(JvmTypes.OBJECT);
            }
            case ARRAY_GET -> {
                sp -= 2;
                gc("arrayGet", "(" + obj + "I)" + obj);
                Type t = elementType(a);
                unbox(t);
                push(t);
            }
            case ARRAY_GET_S, ARRAY_GET_U -> {
                sp -= 2;
                gc(op == Opcode.ARRAY_GET_S ? "arrayGetS" : "arrayGetU", "(" + obj + "I)I");
                push(Type.INT_TYPE);
            }
            case ARRAY_SET -> {
                box(pop());
                sp -= 2;
                gc("arraySet", "(" + obj + "I" + obj + ")V");
            }
            case ARRAY_LEN -> {
                pop();
                gc("arrayLen", "(" + obj + ")I");
                push(Type.INT_TYPE);
            }
            case ARRAY_FILL -> {
                pop();
                int n = scratchSlot(Type.INT_TYPE, 941);
                mv.visitVarInsn(ISTORE, n);
                box(pop());
                mv.visitVarInsn(ILOAD, n);
                sp -= 2;
                gc("arrayFill", "(" + obj + "I" + obj + "I)V");
            }
            case ARRAY_COPY -> {
                sp -= 5;
                gc("arrayCopy", "(" + obj + "I" + obj + "II)V");
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                sp -= 4;
                boolean data = op == Opcode.ARRAY_INIT_DATA;
                loadSegment(data, b);
                gc(data ? "arrayInitData" : "arrayInitElem", "(" + obj + "III" + (data ? "[B" : "[Ljava/lang/Object;") + ")V");
            }
            case REF_I31 -> {
                pop();
                gc("refI31", "(I)" + obj);
                push(JvmTypes.OBJECT);
            }
            case I31_GET_S, I31_GET_U -> {
                pop();
                gc(op == Opcode.I31_GET_S ? "i31GetS" : "i31GetU", "(" + obj + ")I");
                push(Type.INT_TYPE);
            }
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { }
            default -> {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- fuel

    /**
     * For a metered engine, at function entries and loop heads: takes one unit of the instance's
     * fuel, calling Instance.refuel (which traps or grants more) when it runs out.
     */
    private void consumeFuel() {
        if (!module.metered()) {
            return;
        }
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "fuel", "J");
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LSUB);
        mv.visitInsn(DUP2_X1);
        mv.visitFieldInsn(PUTFIELD, INSTANCE, "fuel", "J");
        mv.visitInsn(LCONST_0);
        mv.visitInsn(LCMP);
        Label ok = new Label();
        mv.visitJumpInsn(IFGE, ok);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "refuel", "()V", false);
        mv.visitLabel(ok);
    }
}
