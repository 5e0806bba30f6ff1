package dev.jwt.validate.code;

import static dev.jwt.validate.types.TypeCode.*;

import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.Immediate;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.BlockType;
import dev.jwt.binary.code.Catch;
import dev.jwt.binary.code.Handler;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.InstructionVisitor;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FieldType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.ValType;
import dev.jwt.validate.ValidationException;
import dev.jwt.validate.types.TypeSpace;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Validates one function body (or constant expression) as its instructions stream by: the spec
 * appendix's algorithm, with an operand stack of {@link TypeCode} ints and a control stack of
 * parallel arrays, so the hot path makes no objects.
 *
 * <p>A function body is best validated with {@link #validateBody}, which reads the common
 * instructions itself and hands the rest to the {@link InstructionReader}: see there why.
 *
 * <p>One instance per thread; {@link #beginFunction} / {@link #beginConst} reset it.
 */
public final class FunctionValidator implements InstructionVisitor {
    private static final int[] NONE_TYPES = {};
    /** One-value result types of the number and vector types, shared. */
    private static final int[][] SINGLE = {{UNKNOWN}, {I32}, {I64}, {F32}, {F64}, {V128}};
    /** Fixed signatures from {@link Opcode#signature()}, by ordinal; {@link #ADDR} stands for 'a'. */
    private static final int[][] PARAMS = new int[Opcode.values().length][];
    private static final int[][] RESULTS = new int[Opcode.values().length][];
    private static final int ADDR = -1;

    static {
        for (Opcode op : Opcode.values()) {
            String sig = op.signature();
            if (sig == null) {
                continue;
            }
            int gt = sig.indexOf('>');
            PARAMS[op.ordinal()] = letters(sig.substring(0, gt));
            RESULTS[op.ordinal()] = letters(sig.substring(gt + 1));
        }
    }

    private static int[] letters(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (s.charAt(i)) {
                case 'i' -> I32;
                case 'I' -> I64;
                case 'f' -> F32;
                case 'F' -> F64;
                case 'v' -> V128;
                case 'a' -> ADDR;
                default -> throw new IllegalStateException("bad signature letter in " + s);
            };
        }
        return out;
    }

    /**
     * How {@link #validateBody} treats each single-byte opcode, by opcode byte, derived from the
     * opcode table: {@link #SLOW} goes through the reader and the visitor methods; the others are
     * read and, when the operands match exactly, checked in place.
     */
    private static final byte[] SHAPE = new byte[256];
    private static final byte SLOW = 0, F_UNARY = 1, F_BINARY = 2, F_LOCAL_GET = 3, F_LOCAL_SET = 4,
            F_LOCAL_TEE = 5, F_GLOBAL_GET = 6, F_GLOBAL_SET = 7, F_CALL = 8, F_BR = 9, F_BR_IF = 10,
            F_I32_CONST = 11, F_I64_CONST = 12, F_F32_CONST = 13, F_F64_CONST = 14, F_LOAD = 15, F_STORE = 16,
            F_DROP = 17, F_BLOCK = 18, F_END = 19;
    /** By opcode byte: the operand types of unary, binary and memory instructions and the result. */
    private static final int[] FIRST = new int[256], SECOND = new int[256], RESULT = new int[256];
    /** By opcode byte: the natural alignment of a load or store. */
    private static final int[] NATURAL = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            Opcode op = Opcode.single(b);
            if (op == null) {
                continue;
            }
            int[] ps = PARAMS[op.ordinal()];
            int[] rs = RESULTS[op.ordinal()];
            SHAPE[b] = switch (op) {
                case LOCAL_GET -> F_LOCAL_GET;
                case LOCAL_SET -> F_LOCAL_SET;
                case LOCAL_TEE -> F_LOCAL_TEE;
                case GLOBAL_GET -> F_GLOBAL_GET;
                case GLOBAL_SET -> F_GLOBAL_SET;
                case CALL -> F_CALL;
                case BR -> F_BR;
                case BR_IF -> F_BR_IF;
                case I32_CONST -> F_I32_CONST;
                case I64_CONST -> F_I64_CONST;
                case F32_CONST -> F_F32_CONST;
                case F64_CONST -> F_F64_CONST;
                case DROP -> F_DROP;
                case BLOCK, LOOP, IF -> F_BLOCK;
                case END -> F_END;
                default -> {
                    if (ps == null) {
                        yield SLOW;
                    }
                    if (op.immediate() == Immediate.MEMARG) {
                        NATURAL[b] = op.naturalAlignment();
                        // [a] -> [t] loads, [a t] -> [] stores.
                        if (ps.length == 1 && ps[0] == ADDR && rs.length == 1 && rs[0] != ADDR) {
                            RESULT[b] = rs[0];
                            yield F_LOAD;
                        }
                        if (ps.length == 2 && ps[0] == ADDR && ps[1] != ADDR && rs.length == 0) {
                            SECOND[b] = ps[1];
                            yield F_STORE;
                        }
                        yield SLOW;
                    }
                    if (op.immediate() != Immediate.NONE || rs.length != 1 || rs[0] == ADDR) {
                        yield SLOW;
                    }
                    if (ps.length == 1 && ps[0] != ADDR) {
                        FIRST[b] = ps[0];
                        RESULT[b] = rs[0];
                        yield F_UNARY;
                    }
                    if (ps.length == 2 && ps[0] != ADDR && ps[1] != ADDR) {
                        FIRST[b] = ps[0];
                        SECOND[b] = ps[1];
                        RESULT[b] = rs[0];
                        yield F_BINARY;
                    }
                    yield SLOW;
                }
            };
        }
    }

    // Control frame kinds.
    private static final int K_FUNC = 0, K_BLOCK = 1, K_LOOP = 2, K_IF = 3, K_ELSE = 4, K_TRY = 5, K_CATCH = 6,
            K_CATCH_ALL = 7, K_TRY_TABLE = 8;

    private final ModuleContext ctx;
    private final TypeSpace types;
    private final FeatureSet features;
    private LongSupplier where = () -> 0;
    /** {@link #SHAPE} where the opcode's feature is enabled, else {@link #SLOW}. */
    private final byte[] fast = new byte[256];
    private static final byte[] ALL_SLOW = new byte[256];
    /** By ordinal: the opcode's feature is enabled (function bodies). */
    private final boolean[] enabled = new boolean[Opcode.values().length];
    /** {@link #enabled} in a function body; all false in a constant expression, whose rules are slower. */
    private boolean[] allowed;
    private static final boolean[] NONE_ALLOWED = new boolean[Opcode.values().length];
    /** Whether memory 0 exists and is addressed by i32: the loads and stores {@link #validateBody} checks itself. */
    private final boolean memory0i32;
    /** The reader {@link #validateBody} runs and the array index of the instruction being checked. */
    private BinaryReader body;
    private int at;

    private int[] vals = new int[64];
    private int sp;
    private int maxDepth;

    private int[] kind = new int[16];
    private int[][] startTypes = new int[16][];
    private int[][] endTypes = new int[16][];
    private int[] height = new int[16];
    private int[] initHeight = new int[16];
    private boolean[] unreachable = new boolean[16];
    private int depth;

    private int[] locals = NONE_TYPES;
    private int localCount;
    private boolean[] initialized = new boolean[0];
    private int[] initStack = new int[16];
    private int initSp;
    private int[] results = NONE_TYPES;

    /** A function of a shared type may only touch shared things (shared-everything-threads). */
    private boolean sharedFunction;
    /** -1 when validating a function body; else how many globals a constant expression may read. */
    private int constGlobals = -1;
    /** Without GC, constant expressions may only read imported globals: those below this. */
    private int importedGlobals;
    private boolean finished;

    public FunctionValidator(ModuleContext ctx) {
        this.ctx = ctx;
        this.types = ctx.types();
        this.features = ctx.features();
        for (Opcode op : Opcode.values()) {
            int o = op.ordinal();
            enabled[o] = isEnabled(op.feature());
            if (op.prefix() == 0 && enabled[o]) {
                fast[op.code()] = SHAPE[op.code()];
            }
        }
        allowed = enabled;
        memory0i32 = ctx.memory64().length > 0 && !ctx.memory64()[0];
        this.exactRefs = features.has(Feature.CUSTOM_DESCRIPTORS);
    }

    /** Where errors are reported: the reader's current offset. */
    public void setPosition(LongSupplier where) {
        this.where = where;
    }

    /**
     * Starts a function of type {@code funcTypeIndex} with the given locals (parameters first).
     */
    public void beginFunction(int funcTypeIndex, int[] localTypes) {
        FuncType ft = types.funcType(funcTypeIndex);
        reset(localTypes, types.resultCodes(funcTypeIndex));
        constGlobals = -1;
        allowed = enabled;
        sharedFunction = types.subType(funcTypeIndex).shared();
        int params = ft.params().size();
        for (int i = 0; i < localCount; i++) {
            initialized[i] = i < params || isDefaultable(locals[i]);
        }
        pushCtrl(K_FUNC, NONE_TYPES, results);
    }

    /** Starts a constant expression of type {@code type} that may read globals below {@code globals}. */
    public void beginConst(int type, int globals, int imported) {
        reset(NONE_TYPES, new int[] {type});
        constGlobals = globals;
        allowed = NONE_ALLOWED;
        sharedFunction = false;
        importedGlobals = imported;
        pushCtrl(K_FUNC, NONE_TYPES, results);
    }

    private void reset(int[] localTypes, int[] resultTypes) {
        sp = 0;
        maxDepth = 0;
        depth = 0;
        initSp = 0;
        finished = false;
        locals = localTypes;
        localCount = localTypes.length;
        if (initialized.length < localCount) {
            initialized = new boolean[localCount];
        }
        results = resultTypes;
    }

    /** Checks that the body ended exactly at its final {@code end}. */
    public void finish() {
        if (!finished) {
            throw error("control frames remain at end of function: END opcode expected");
        }
    }

    public int maxStackDepth() {
        return maxDepth;
    }

    // ---------------------------------------------------------------- errors

    private ValidationException error(String message) {
        return new ValidationException(message, where.getAsLong());
    }

    private ValidationException mismatch(int expected, int found) {
        return error("type mismatch: expected " + name(expected) + ", found " + name(found));
    }

    /** Whether an instruction of proposal {@code f} is allowed; bulk-memory includes its subset bulk-memory-opt
     * (memory.copy, memory.fill), which is on its own only in lime1, as in wasm-tools. */
    private boolean isEnabled(Feature f) {
        return f == Feature.MVP || features.has(f)
                || (f == Feature.BULK_MEMORY_OPT && features.has(Feature.BULK_MEMORY));
    }

    private void require(Feature f) {
        if (!features.has(f)) {
            throw error(featureMessage(f));
        }
    }

    /** wasm-tools' words for a disabled proposal. */
    public static String featureMessage(Feature f) {
        return switch (f) {
            case SIMD -> "SIMD support is not enabled";
            case RELAXED_SIMD -> "relaxed SIMD support is not enabled";
            case SATURATING_FLOAT_TO_INT -> "saturating float to int conversions support is not enabled";
            case SIGN_EXTENSION -> "sign extension operations support is not enabled";
            case REFERENCE_TYPES -> "reference types support is not enabled";
            case BULK_MEMORY, BULK_MEMORY_OPT -> "bulk memory support is not enabled";
            case WIDE_ARITHMETIC -> "wide arithmetic support is not enabled";
            case TAIL_CALL -> "tail calls support is not enabled";
            case THREADS -> "threads support is not enabled";
            case MUTABLE_GLOBAL -> "mutable global support is not enabled";
            case FLOATS -> "floating-point support is disabled";
            case EXCEPTIONS -> "exceptions proposal not enabled";
            case LEGACY_EXCEPTIONS -> "legacy exceptions support is not enabled";
            case FUNCTION_REFERENCES -> "function references required";
            case GC, GC_TYPES -> "gc proposal must be enabled";
            case MEMORY64 -> "memory64 support is not enabled";
            case MULTI_MEMORY -> "multi-memory support is not enabled";
            case MULTI_VALUE -> "multi-value support is not enabled";
            case CUSTOM_DESCRIPTORS -> "custom descriptors proposal must be enabled";
            default -> f.flagName() + " support is not enabled";
        };
    }

    // ---------------------------------------------------------------- operand stack

    private void push(int t) {
        if (sp == vals.length) {
            vals = Arrays.copyOf(vals, sp * 2);
        }
        vals[sp++] = t;
        if (sp > maxDepth) {
            maxDepth = sp;
        }
    }

    private void pushAll(int[] ts) {
        int n = ts.length;
        if (n <= 1) {
            if (n == 1) {
                push(ts[0]);
            }
            return;
        }
        if (sp + n > vals.length) {
            vals = Arrays.copyOf(vals, Math.max(vals.length * 2, sp + n));
        }
        System.arraycopy(ts, 0, vals, sp, n);
        sp += n;
        if (sp > maxDepth) {
            maxDepth = sp;
        }
    }

    private int pop() {
        int top = depth - 1;
        if (sp == height[top]) {
            if (unreachable[top]) {
                return UNKNOWN;
            }
            throw error("type mismatch: expected a type but nothing on stack");
        }
        return vals[--sp];
    }

    private int pop(int expected) {
        int top = depth - 1;
        if (sp == height[top]) {
            if (unreachable[top]) {
                return UNKNOWN;
            }
            throw error("type mismatch: expected " + name(expected) + " but nothing on stack");
        }
        int actual = vals[--sp];
        if (actual != expected && !types.isSubtype(actual, expected)) {
            if (isRef(actual) && isMaybeShared(heap(actual)) && isRef(expected)) {
                // Named with the sharedness the expected type has, as wasm-tools does.
                boolean shared = heap(expected) != BOT && types.isSharedHeap(heap(expected));
                throw mismatch(expected, ref(false, abstractHeap(abstractOrdinal(heap(actual)), shared)));
            }
            throw mismatch(expected, actual);
        }
        return actual;
    }

    /**
     * Pops a nullable reference to abstract heap type {@code abs}, shared or unshared as the operand
     * on the stack is (instructions whose sharedness is unconstrained, shared-everything-threads).
     */
    private int popMaybeShared(int abs) {
        if (sp > height[depth - 1] && isRef(vals[sp - 1]) && isMaybeShared(heap(vals[sp - 1]))) {
            int actual = abstractOrdinal(heap(vals[sp - 1]));
            if (!types.isHeapSubtype(actual, abs)) {
                throw error("type mismatch: expected subtype of " + AbsHeapType.values()[abs].text() + ", found "
                        + AbsHeapType.values()[actual].text());
            }
            return vals[--sp];
        }
        boolean shared = sp > height[depth - 1] && isSharedOperand(vals[sp - 1]);
        return pop(ref(true, abstractHeap(abs, shared)));
    }

    /**
     * What any.convert_extern and extern.convert_any give: the converted type with the operand's
     * nullability and sharedness, or for an operand of unknown type one of unknown sharedness.
     */
    private int converted(int t, int abs) {
        if (t == UNKNOWN || heap(t) == BOT || isMaybeShared(heap(t))) {
            return ref(false, MAYBE_SHARED | abs);
        }
        return ref(isNullable(t), abstractHeap(abs, isSharedOperand(t)));
    }

    /** A reference operand whose heap type is shared (bottom and unknown operands are not). */
    private boolean isSharedOperand(int t) {
        return isRef(t) && heap(t) != BOT && !isMaybeShared(heap(t)) && types.isSharedHeap(heap(t));
    }

    /** The callee of call_ref and return_call_ref: a reference to function type {@code index}. */
    private void popFunctionRef(int index) {
        int expected = ref(true, concrete(index));
        if (sp > height[depth - 1] && !types.isSubtype(vals[sp - 1], expected)) {
            // wasm-tools' words name the type by the placeholder `$type`.
            throw error("type mismatch: expected (ref null $type), found " + name(vals[sp - 1]));
        }
        pop(expected);
    }

    /** A reference operand whose type is known, sharedness included. */
    private static boolean isKnownRef(int t) {
        return isRef(t) && heap(t) != BOT && !isMaybeShared(heap(t));
    }

    /** Pops a reference of any type; unknown operands read as {@code (ref bot)}. */
    private int popRef() {
        int t = pop();
        if (t == UNKNOWN) {
            return ref(false, BOT);
        }
        if (!isRef(t)) {
            throw error("type mismatch: expected a reference type, found " + name(t));
        }
        return t;
    }

    private void popAll(int[] ts) {
        // Fast path: every operand is above the frame's height and matches exactly. Anything else
        // (a short stack, a subtype, a mismatch) takes the spec's one-at-a-time path, which also
        // finds the error the spec order names.
        int n = ts.length;
        int base = sp - n;
        if (base >= height[depth - 1]) {
            int[] vals = this.vals;
            int i = 0;
            while (i < n && vals[base + i] == ts[i]) {
                i++;
            }
            if (i == n) {
                sp = base;
                return;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            pop(ts[i]);
        }
    }

    /** Pops {@code ts} and returns the actual operands (the algorithm's {@code pop_vals}). */
    private int[] popActual(int[] ts) {
        int[] out = new int[ts.length];
        for (int i = ts.length - 1; i >= 0; i--) {
            out[i] = pop(ts[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- control stack

    private void pushCtrl(int k, int[] in, int[] out) {
        if (depth == kind.length) {
            int n = depth * 2;
            kind = Arrays.copyOf(kind, n);
            startTypes = Arrays.copyOf(startTypes, n);
            endTypes = Arrays.copyOf(endTypes, n);
            height = Arrays.copyOf(height, n);
            initHeight = Arrays.copyOf(initHeight, n);
            unreachable = Arrays.copyOf(unreachable, n);
        }
        kind[depth] = k;
        startTypes[depth] = in;
        endTypes[depth] = out;
        height[depth] = sp;
        initHeight[depth] = initSp;
        unreachable[depth] = false;
        depth++;
        pushAll(in);
    }

    /** Pops the innermost frame after checking its results; returns its index (still readable). */
    private int popCtrl() {
        if (depth == 0) {
            throw error("operators remaining after end of function");
        }
        int top = depth - 1;
        popAll(endTypes[top]);
        if (sp != height[top]) {
            throw error("type mismatch: values remaining on stack at end of block");
        }
        while (initSp > initHeight[top]) {
            initialized[initStack[--initSp]] = false;
        }
        depth--;
        return top;
    }

    private int[] labelTypes(int frame) {
        return kind[frame] == K_LOOP ? startTypes[frame] : endTypes[frame];
    }

    /** The frame a label index names. */
    private int label(int l) {
        if (l < 0 || l >= depth) {
            throw error("unknown label: branch depth too large");
        }
        return depth - 1 - l;
    }

    private void setUnreachable() {
        int top = depth - 1;
        sp = height[top];
        unreachable[top] = true;
    }

    private void checkOpen(Opcode op) {
        if (depth == 0 || !allowed[op.ordinal()]) {
            checkOpenSlow(op);
        }
    }

    private void checkOpenSlow(Opcode op) {
        if (depth == 0) {
            throw error("operators remaining after end of function");
        }
        if (!isEnabled(op.feature())) {
            throw error(featureMessage(op.feature()));
        }
        if (constGlobals >= 0 && !isConstant(op)) {
            throw error("constant expression required: non-constant operator: " + op.mnemonic());
        }
    }

    private boolean isConstant(Opcode op) {
        switch (op) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC, GLOBAL_GET, END:
                return true;
            case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL:
                return features.has(Feature.EXTENDED_CONST);
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, REF_I31,
                    ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, REF_I31_SHARED:
                return features.has(Feature.GC);
            case STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC: // custom-descriptors
                return true;
            default:
                return false;
        }
    }

    private int[] blockParams(BlockType bt) {
        if (bt instanceof BlockType.Indexed ix) {
            funcTypeOf(ix.typeIndex());
            return types.paramCodes(ix.typeIndex());
        }
        return NONE_TYPES;
    }

    private int[] blockResults(BlockType bt) {
        if (bt instanceof BlockType.Empty) {
            return NONE_TYPES;
        }
        if (bt instanceof BlockType.Value v) {
            int t = valType(v.type());
            return t <= V128 ? SINGLE[t] : new int[] {t};
        }
        int index = ((BlockType.Indexed) bt).typeIndex();
        funcTypeOf(index);
        return types.resultCodes(index);
    }

    private FuncType funcTypeOf(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= types.size()) {
            throw error("unknown type: type index out of bounds");
        }
        if (!(types.composite(typeIndex) instanceof FuncType f)) {
            throw error("expected func type at index " + typeIndex + ", found " + kindName(types.composite(typeIndex)));
        }
        return f;
    }

    private int valType(ValType t) {
        return types.checkValType(t, where.getAsLong());
    }

    // ---------------------------------------------------------------- visitor

    @Override
    public void visitSimple(Opcode op) {
        checkOpen(op);
        int[] params = PARAMS[op.ordinal()];
        if (params != null) {
            popAll(params);
            pushAll(RESULTS[op.ordinal()]);
            return;
        }
        switch (op) {
            case UNREACHABLE -> setUnreachable();
            case NOP -> { }
            case END -> end();
            case ELSE -> {
                if (kind[depth - 1] != K_IF) {
                    throw error("else found outside of an `if` block");
                }
                int f = popCtrl();
                pushCtrl(K_ELSE, startTypes[f], endTypes[f]);
            }
            case RETURN -> {
                popAll(results);
                setUnreachable();
            }
            case DROP -> pop();
            case SELECT -> {
                pop(I32);
                int t1 = pop();
                int t2 = pop();
                if (isRef(t1) || isRef(t2)) {
                    throw error("type mismatch: select only takes integral types");
                }
                if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
                    throw error("type mismatch: select operands have different types");
                }
                push(t1 == UNKNOWN ? t2 : t1);
            }
            case THROW_REF -> {
                pop(EXNREF);
                setUnreachable();
            }
            case CATCH_ALL -> {
                int k = kind[depth - 1];
                if (k != K_TRY && k != K_CATCH) {
                    throw error(k == K_CATCH_ALL ? "only one catch_all allowed per `try` block"
                            : "catch_all found outside of a `try` block");
                }
                int f = popCtrl();
                pushCtrl(K_CATCH_ALL, NONE_TYPES, endTypes[f]);
            }
            case REF_IS_NULL -> {
                popRef();
                push(I32);
            }
            case REF_AS_NON_NULL -> {
                int t = popRef();
                push(ref(false, heap(t)));
            }
            // These take shared or unshared operands alike (shared-everything-threads).
            case REF_EQ -> {
                int b = popMaybeShared(EQ);
                int a = popMaybeShared(EQ);
                if (isSharedOperand(a) != isSharedOperand(b) && isKnownRef(a) && isKnownRef(b)) {
                    throw mismatch(ref(true, abstractHeap(EQ, isSharedOperand(b))), a);
                }
                push(I32);
            }
            case ARRAY_LEN -> {
                popMaybeShared(ARRAY);
                push(I32);
            }
            case ANY_CONVERT_EXTERN -> push(converted(popMaybeShared(EXTERN), ANY));
            case EXTERN_CONVERT_ANY -> push(converted(popMaybeShared(ANY), EXTERN));
            case REF_I31 -> {
                pop(I32);
                push(ref(false, I31));
            }
            case REF_I31_SHARED -> {
                pop(I32);
                push(ref(false, abstractHeap(I31, true)));
            }
            case I31_GET_S, I31_GET_U -> {
                popMaybeShared(I31);
                push(I32);
            }
            default -> throw error("unexpected instruction shape: " + op.mnemonic());
        }
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        checkOpen(op);
        block(op, type);
    }

    private void block(Opcode op, BlockType type) {
        if (type instanceof BlockType.Indexed && !features.has(Feature.MULTI_VALUE)) {
            throw error("blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled");
        }
        int[] in = blockParams(type);
        int[] out = blockResults(type);
        switch (op) {
            case BLOCK -> {
                popAll(in);
                pushCtrl(K_BLOCK, in, out);
            }
            case LOOP -> {
                popAll(in);
                pushCtrl(K_LOOP, in, out);
            }
            case IF -> {
                pop(I32);
                popAll(in);
                pushCtrl(K_IF, in, out);
            }
            case TRY -> {
                popAll(in);
                pushCtrl(K_TRY, in, out);
            }
            default -> throw error("unexpected instruction shape: " + op.mnemonic());
        }
    }

    @Override
    public void visitIndex(Opcode op, int index) {
        checkOpen(op);
        if (op.immediate() == Immediate.LANE) {
            if (index < 0 || index >= lanes(op)) {
                throw error("invalid lane index");
            }
            popAll(PARAMS[op.ordinal()]);
            pushAll(RESULTS[op.ordinal()]);
            return;
        }
        switch (op) {
            case BR -> br(index);
            case BR_IF -> brIf(index);
            case BR_ON_NULL -> {
                int t = popRef();
                int[] lt = labelTypes(label(index));
                popAll(lt);
                pushAll(lt);
                push(ref(false, heap(t)));
            }
            case BR_ON_NON_NULL -> {
                int[] lt = labelTypes(label(index));
                if (lt.length == 0) {
                    throw error("type mismatch: br_on_non_null target has no label types");
                }
                if (!isRef(lt[lt.length - 1])) {
                    throw error("type mismatch: br_on_non_null target does not end with heap type");
                }
                int t = popRef();
                int nonNull = ref(false, heap(t));
                if (!types.isSubtype(nonNull, lt[lt.length - 1])) {
                    throw mismatch(lt[lt.length - 1], t);
                }
                int[] rest = Arrays.copyOf(lt, lt.length - 1);
                popAll(rest);
                pushAll(rest);
            }
            case RETHROW -> {
                int f = label(index);
                if (kind[f] != K_CATCH && kind[f] != K_CATCH_ALL) {
                    throw error("invalid rethrow label: target was not a `catch` block");
                }
                setUnreachable();
            }
            case DELEGATE -> {
                if (kind[depth - 1] != K_TRY) {
                    throw error("delegate found outside of an `try` block");
                }
                int f = popCtrl();
                if (index < 0 || index >= depth) {
                    throw error("unknown label: branch depth too large");
                }
                pushAll(endTypes[f]);
            }
            case CATCH -> {
                int k = kind[depth - 1];
                if (k != K_TRY && k != K_CATCH) {
                    throw error(k == K_CATCH_ALL ? "catch found after catch_all" : "catch found outside of an `try` block");
                }
                int[] tagParams = tagParams(index);
                int f = popCtrl();
                pushCtrl(K_CATCH, NONE_TYPES, endTypes[f]);
                pushAll(tagParams);
            }
            case THROW -> {
                popAll(tagParams(index));
                setUnreachable();
            }
            case CALL -> call(index);
            case RETURN_CALL -> {
                int t = func(index);
                checkTailResults(types.funcType(t));
                popAll(types.paramCodes(t));
                setUnreachable();
            }
            case REF_FUNC -> {
                int type = func(index);
                if (!ctx.refs().get(index)) {
                    throw error("undeclared function reference");
                }
                // custom-descriptors: a function's reference is exact unless it is imported inexactly.
                push(ref(false, exactRefs && !ctx.inexactFuncs().get(index) ? exact(type) : concrete(type)));
            }
            case CALL_REF, RETURN_CALL_REF -> {
                FuncType ft = funcTypeOf(index);
                popFunctionRef(index);
                if (op == Opcode.RETURN_CALL_REF) {
                    checkTailResults(ft);
                    popAll(types.paramCodes(index));
                    setUnreachable();
                } else {
                    popAll(types.paramCodes(index));
                    pushAll(types.resultCodes(index));
                }
            }
            case LOCAL_GET -> localGet(index);
            case LOCAL_SET -> localSet(index);
            case LOCAL_TEE -> localTee(index);
            case GLOBAL_GET -> {
                int t = global(index);
                if (constGlobals >= 0) {
                    if (index >= constGlobals) {
                        throw error("unknown global " + index + ": global index out of bounds");
                    }
                    if (index >= importedGlobals && !features.has(Feature.GC)) {
                        throw error("constant expression required: global.get of locally defined global");
                    }
                    if (ctx.globalMutable()[index]) {
                        throw error("constant expression required: global.get of mutable global");
                    }
                }
                push(t);
            }
            case GLOBAL_SET -> globalSet(index);
            case TABLE_GET -> {
                int elem = table(index);
                pop(tableAddr(index));
                push(elem);
            }
            case TABLE_SET -> {
                int elem = table(index);
                pop(elem);
                pop(tableAddr(index));
            }
            case TABLE_SIZE -> {
                table(index);
                push(tableAddr(index));
            }
            case TABLE_GROW -> {
                int elem = table(index);
                int at = tableAddr(index);
                pop(at);
                pop(elem);
                push(at);
            }
            case TABLE_FILL -> {
                int elem = table(index);
                int at = tableAddr(index);
                pop(at);
                pop(elem);
                pop(at);
            }
            case MEMORY_SIZE, MEMORY_GROW -> {
                int at = memory(index);
                if (op == Opcode.MEMORY_GROW) {
                    pop(at);
                }
                push(at);
            }
            case MEMORY_FILL -> {
                int at = memory(index);
                pop(at);
                pop(I32);
                pop(at);
            }
            case DATA_DROP -> data(index);
            case ELEM_DROP -> elem(index);
            case STRUCT_NEW -> {
                StructType st = struct(index);
                List<FieldType> fields = st.fields();
                noDescriptor(index);
                for (int i = fields.size() - 1; i >= 0; i--) {
                    pop(TypeSpace.unpacked(fields.get(i).storage()));
                }
                push(allocated(index));
            }
            // custom-descriptors: the descriptor (exact, nullable) is the last operand
            case STRUCT_NEW_DESC -> {
                List<FieldType> fields = struct(index).fields();
                pop(ref(true, exact(descriptor(index, "type without descriptor requires non-descriptor allocation"))));
                for (int i = fields.size() - 1; i >= 0; i--) {
                    pop(TypeSpace.unpacked(fields.get(i).storage()));
                }
                push(allocated(index));
            }
            case STRUCT_NEW_DEFAULT_DESC -> {
                defaultable(struct(index), "struct.new_default_desc");
                pop(ref(true, exact(descriptor(index, "type without descriptor requires non-descriptor allocation"))));
                push(allocated(index));
            }
            case REF_GET_DESC -> {
                struct(index);
                int d = descriptor(index, "type without descriptor");
                int t = pop(ref(true, concrete(index)));
                // The descriptor of an exact reference (or of a bottom one) is exact too.
                push(ref(false, types.isSubtype(t, ref(true, exact(index))) ? exact(d) : concrete(d)));
            }
            case STRUCT_NEW_DEFAULT -> {
                StructType st = struct(index);
                noDescriptor(index);
                defaultable(st, "struct.new_default");
                push(allocated(index));
            }
            case ARRAY_NEW -> {
                ArrayType at = array(index);
                pop(I32);
                pop(TypeSpace.unpacked(at.element().storage()));
                push(allocated(index));
            }
            case ARRAY_NEW_DEFAULT -> {
                ArrayType at = array(index);
                if (!isDefaultable(TypeSpace.unpacked(at.element().storage()))) {
                    throw error("invalid `array.new_default`: " + name(TypeSpace.unpacked(at.element().storage()))
                            + " field is not defaultable");
                }
                pop(I32);
                push(allocated(index));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                ArrayType at = array(index);
                checkPacked(op, at.element(), Opcode.ARRAY_GET);
                pop(I32);
                pop(ref(true, concrete(index)));
                push(TypeSpace.unpacked(at.element().storage()));
            }
            case ARRAY_SET -> {
                ArrayType at = array(index);
                mutableField(at.element());
                pop(TypeSpace.unpacked(at.element().storage()));
                pop(I32);
                pop(ref(true, concrete(index)));
            }
            case ARRAY_FILL -> {
                ArrayType at = array(index);
                mutableField(at.element());
                pop(I32);
                pop(TypeSpace.unpacked(at.element().storage()));
                pop(I32);
                pop(ref(true, concrete(index)));
            }
            // stack-switching
            case CONT_NEW -> {
                int ft = contFunc(index);
                pop(ref(true, concrete(ft)));
                push(ref(false, concrete(index)));
            }
            case SUSPEND -> {
                int ft = tagFunc(index);
                popAll(types.paramCodes(ft));
                pushAll(types.resultCodes(ft));
            }
            default -> throw error("unexpected instruction shape: " + op.mnemonic());
        }
    }

    // ---------------------------------------------------------------- the common instructions

    private void end() {
        int f = popCtrl();
        if (kind[f] == K_IF) {
            // An if without else must pass its parameters through as its results.
            int[] in = startTypes[f];
            int[] out = endTypes[f];
            if (in.length != out.length) {
                throw error("type mismatch: else branch missing for if with a result");
            }
            for (int i = 0; i < in.length; i++) {
                if (!types.isSubtype(in[i], out[i])) {
                    throw mismatch(out[i], in[i]);
                }
            }
        }
        if (depth == 0) {
            finished = true;
            return;
        }
        pushAll(endTypes[f]);
    }

    private void localGet(int index) {
        int t = local(index);
        if (!initialized[index]) {
            throw error("uninitialized local: " + index);
        }
        push(t);
    }

    private void localSet(int index) {
        pop(local(index));
        if (!initialized[index]) {
            initLocal(index);
        }
    }

    private void localTee(int index) {
        int t = local(index);
        pop(t);
        if (!initialized[index]) {
            initLocal(index);
        }
        push(t);
    }

    private void globalSet(int index) {
        int t = global(index);
        if (!ctx.globalMutable()[index]) {
            throw error("global is immutable: cannot modify it with `global.set`");
        }
        pop(t);
    }

    private void call(int index) {
        int t = func(index);
        popAll(types.paramCodes(t));
        pushAll(types.resultCodes(t));
    }

    private void br(int index) {
        popAll(labelTypes(label(index)));
        setUnreachable();
    }

    private void brIf(int index) {
        pop(I32);
        int[] lt = labelTypes(label(index));
        // Popping and pushing back the label's types leaves an exact match as it was.
        if (!topIs(lt)) {
            popAll(lt);
            pushAll(lt);
        }
    }

    /** Whether the operands above the innermost frame's height end with exactly {@code ts}. */
    private boolean topIs(int[] ts) {
        int n = ts.length;
        int base = sp - n;
        if (base < height[depth - 1]) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (vals[base + i] != ts[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates a whole function body (after {@link #beginFunction}), as {@code reader.readBody(this)}
     * would, only faster.
     *
     * <p>Going through the {@link InstructionVisitor} interface for every instruction is slow: in a
     * process that also prints or compiles, the reader's calls see several visitor classes and the
     * JIT cannot inline them, and each instruction takes a chain of dependent loads and
     * unpredictable branches. So the common instructions (locals, constants, loads and stores,
     * calls, branches, arithmetic: nine in ten of real code) are read here, dispatched on the
     * opcode byte, and checked in place against the operand stack held in locals, as long as the
     * operands match exactly and no rule could fail. Anything else (a block, an error, a subtype, an
     * unreachable operand, a rarer instruction) is read again by the reader and checked by the
     * visitor methods, which remain the one statement of every rule: this loop only skips the work
     * they would do on the way to the same answer.
     */
    public void validateBody(InstructionReader reader) {
        BinaryReader r = reader.binaryReader();
        body = r;
        where = () -> body.offsetOf(at);
        // A shared function may only touch shared things: the visitor methods check that.
        byte[] fast = sharedFunction ? ALL_SLOW : this.fast;
        int[] funcTypes = ctx.funcTypes();
        int[] globalTypes = ctx.globalTypes();
        boolean[] globalMutable = ctx.globalMutable();
        boolean memory0i32 = this.memory0i32;
        int[] locals = this.locals;
        boolean[] initialized = this.initialized;
        int localCount = this.localCount;
        // The operand stack and the innermost frame, in locals; written back before the slow path.
        int[] vals = this.vals;
        int sp = this.sp;
        int max = maxDepth;
        int floor = height[depth - 1];
        while (true) {
            if (r.eof()) {
                throw new MalformedException("END opcode expected", r.offset());
            }
            int start = r.position();
            at = start;
            int b = r.u8();
            if (sp + 1 >= vals.length) {
                // Room for the one value a fast instruction may push.
                vals = this.vals = Arrays.copyOf(vals, vals.length * 2);
            }
            fast:
            {
                switch (fast[b]) {
                    case F_LOCAL_GET -> {
                        int i = r.u32();
                        if (i < 0 || i >= localCount || !initialized[i]) {
                            break fast;
                        }
                        vals[sp++] = locals[i];
                    }
                    case F_I32_CONST -> {
                        r.s32();
                        vals[sp++] = I32;
                    }
                    case F_BINARY -> {
                        int base = sp - 2;
                        if (base < floor || vals[base] != FIRST[b] || vals[base + 1] != SECOND[b]) {
                            break fast;
                        }
                        vals[base] = RESULT[b];
                        sp = base + 1;
                    }
                    case F_UNARY -> {
                        if (sp <= floor || vals[sp - 1] != FIRST[b]) {
                            break fast;
                        }
                        vals[sp - 1] = RESULT[b];
                    }
                    case F_LOCAL_SET -> {
                        int i = r.u32();
                        if (i < 0 || i >= localCount || !initialized[i] || sp <= floor || vals[sp - 1] != locals[i]) {
                            break fast;
                        }
                        sp--;
                    }
                    case F_LOCAL_TEE -> {
                        int i = r.u32();
                        if (i < 0 || i >= localCount || !initialized[i] || sp <= floor || vals[sp - 1] != locals[i]) {
                            break fast;
                        }
                    }
                    case F_LOAD, F_STORE -> {
                        // Memory 0 by i32 (no memory index follows), at most natural alignment, a 32-bit offset.
                        int flags = InstructionReader.memArgFlags(r);
                        if ((flags & 0x40) != 0 || !memory0i32 || flags > NATURAL[b]) {
                            break fast;
                        }
                        long offset = r.u64();
                        if (offset < 0 || offset > 0xFFFF_FFFFL) {
                            break fast;
                        }
                        if (fast[b] == F_LOAD) {
                            if (sp <= floor || vals[sp - 1] != I32) {
                                break fast;
                            }
                            vals[sp - 1] = RESULT[b];
                        } else {
                            int base = sp - 2;
                            if (base < floor || vals[base] != I32 || vals[base + 1] != SECOND[b]) {
                                break fast;
                            }
                            sp = base;
                        }
                    }
                    case F_CALL -> {
                        int f = r.u32();
                        if (f < 0 || f >= funcTypes.length) {
                            break fast;
                        }
                        int t = funcTypes[f];
                        int[] ps = types.paramCodes(t);
                        int[] rs = types.resultCodes(t);
                        // Several results may need a larger stack: the general path grows it.
                        if (rs.length > 1 || !matchTop(vals, sp, floor, ps)) {
                            break fast;
                        }
                        sp -= ps.length;
                        if (rs.length == 1) {
                            vals[sp++] = rs[0];
                        }
                    }
                    case F_BR_IF -> {
                        int l = r.u32();
                        if (l < 0 || l >= depth || sp <= floor || vals[sp - 1] != I32
                                || !matchTop(vals, sp - 1, floor, labelTypes(depth - 1 - l))) {
                            break fast;
                        }
                        sp--;
                    }
                    case F_BR -> {
                        int l = r.u32();
                        if (l < 0 || l >= depth || !matchTop(vals, sp, floor, labelTypes(depth - 1 - l))) {
                            break fast;
                        }
                        // The rest of the block is unreachable.
                        sp = floor;
                        unreachable[depth - 1] = true;
                    }
                    case F_GLOBAL_GET -> {
                        int g = r.u32();
                        if (g < 0 || g >= globalTypes.length) {
                            break fast;
                        }
                        vals[sp++] = globalTypes[g];
                    }
                    case F_GLOBAL_SET -> {
                        int g = r.u32();
                        if (g < 0 || g >= globalTypes.length || !globalMutable[g] || sp <= floor
                                || vals[sp - 1] != globalTypes[g]) {
                            break fast;
                        }
                        sp--;
                    }
                    case F_I64_CONST -> {
                        r.s64();
                        vals[sp++] = I64;
                    }
                    case F_F32_CONST -> {
                        r.f32Bits();
                        vals[sp++] = F32;
                    }
                    case F_F64_CONST -> {
                        r.f64Bits();
                        vals[sp++] = F64;
                    }
                    case F_DROP -> {
                        if (sp <= floor) {
                            break fast;
                        }
                        sp--;
                    }
                    // F_BLOCK and F_END below; anything else through the reader.
                    default -> {
                        break fast;
                    }
                }
                if (sp > max) {
                    max = sp;
                }
                continue;
            }
            // Not checked in place: the state goes back to the fields for the visitor methods.
            this.sp = sp;
            this.maxDepth = max;
            switch (fast[b]) {
                case F_BLOCK -> {
                    // Blocks and ends change the frames, so are checked by the methods, but without
                    // reading them twice.
                    Opcode op = Opcode.single(b);
                    BlockType t = TypeCodec.blockType(r);
                    reader.enterBlock(op);
                    block(op, t);
                }
                case F_END -> {
                    reader.endBlock();
                    end();
                }
                default -> slowStep(reader, r, start);
            }
            if (reader.depth() < 0) {
                break;
            }
            vals = this.vals;
            sp = this.sp;
            max = maxDepth;
            if (depth == 0) {
                // The reader and the validator disagree on the block structure: the reader, which
                // reports malformed nesting, goes on alone until it stops.
                while (reader.depth() >= 0) {
                    reader.readNext(this);
                }
                break;
            }
            floor = height[depth - 1];
        }
        if (!r.eof()) {
            throw new MalformedException("operators remaining after end of function", r.offset());
        }
    }

    /** Reads the instruction at {@code start} again, through the reader and the visitor methods. */
    private void slowStep(InstructionReader reader, BinaryReader r, int start) {
        r.seek(start);
        reader.readNext(this);
    }

    /** Whether the operands above {@code floor} below {@code top} end with exactly {@code ts}. */
    private static boolean matchTop(int[] vals, int top, int floor, int[] ts) {
        int n = ts.length;
        int base = top - n;
        if (base < floor) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (vals[base + i] != ts[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lanes(Opcode op) {
        if (op.immediate() == Immediate.MEMARG_LANE) {
            return 16 / op.accessBytes();
        }
        String m = op.mnemonic();
        if (m.startsWith("i8x16")) return 16;
        if (m.startsWith("i16x8")) return 8;
        if (m.startsWith("i32x4") || m.startsWith("f32x4")) return 4;
        return 2;
    }

    private void checkTailResults(FuncType callee) {
        int[] rs = TypeSpace.codes(callee.results());
        if (rs.length != results.length) {
            throw error("type mismatch: current function requires result type " + names(results)
                    + " but callee returns " + names(rs));
        }
        for (int i = 0; i < rs.length; i++) {
            if (!types.isSubtype(rs[i], results[i])) {
                throw error("type mismatch: current function requires result type " + names(results)
                        + " but callee returns " + names(rs));
            }
        }
    }

    private static String names(int[] ts) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ts.length; i++) {
            b.append(i == 0 ? "" : " ").append(name(ts[i]));
        }
        return b.append(']').toString();
    }

    private void initLocal(int index) {
        if (!initialized[index]) {
            initialized[index] = true;
            if (initSp == initStack.length) {
                initStack = Arrays.copyOf(initStack, initSp * 2);
            }
            initStack[initSp++] = index;
        }
    }

    private int local(int index) {
        if (index < 0 || index >= localCount) {
            throw error("unknown local " + index + ": local index out of bounds");
        }
        return locals[index];
    }

    private int global(int index) {
        if (index < 0 || index >= ctx.globalTypes().length) {
            throw error("unknown global " + index + ": global index out of bounds");
        }
        if (sharedFunction && !ctx.globalShared()[index]) {
            throw error("shared functions cannot access unshared globals");
        }
        return ctx.globalTypes()[index];
    }

    /** The type index of function {@code index}. */
    private int func(int index) {
        if (index < 0 || index >= ctx.funcTypes().length) {
            throw error("unknown function " + index + ": function index out of bounds");
        }
        if (sharedFunction && !types.subType(ctx.funcTypes()[index]).shared()) {
            throw error("shared functions cannot access unshared functions");
        }
        return ctx.funcTypes()[index];
    }

    private int table(int index) {
        if (index < 0 || index >= ctx.tableTypes().length) {
            throw error("unknown table " + index + ": table index out of bounds");
        }
        if (sharedFunction && !ctx.tableShared()[index]) {
            throw error("shared functions cannot access unshared tables");
        }
        return ctx.tableTypes()[index];
    }

    private int tableAddr(int index) {
        return ctx.table64()[index] ? I64 : I32;
    }

    /** The address type of memory {@code index}. */
    private int memory(int index) {
        if (index < 0 || index >= ctx.memory64().length) {
            throw error("unknown memory " + index);
        }
        return ctx.memory64()[index] ? I64 : I32;
    }

    private void data(int index) {
        if (ctx.dataCount() < 0) {
            // A binary rule ("malformed"): data indices in code need the data count section.
            throw new MalformedException("data count section required", where.getAsLong());
        }
        if (index < 0 || index >= ctx.dataCount()) {
            throw error("unknown data segment " + index);
        }
    }

    private int elem(int index) {
        if (index < 0 || index >= ctx.elemTypes().length) {
            throw error("unknown elem segment " + index);
        }
        return ctx.elemTypes()[index];
    }

    /** The parameters of an exception tag: throw and catch need one without results. */
    private int[] tagParams(int index) {
        int ft = tagFunc(index);
        if (types.resultCodes(ft).length != 0) {
            throw error("invalid exception type: non-empty tag result type");
        }
        return types.paramCodes(ft);
    }

    /** The function type index of tag {@code index}. */
    private int tagFunc(int index) {
        if (index < 0 || index >= ctx.tagTypes().length) {
            throw error("unknown tag " + index + ": tag index out of bounds");
        }
        return ctx.tagTypes()[index];
    }

    private CompositeType typeDef(int index) {
        if (index < 0 || index >= types.size()) {
            throw error("unknown type: type index out of bounds");
        }
        return types.composite(index);
    }

    private StructType struct(int index) {
        if (!(typeDef(index) instanceof StructType s)) {
            throw error("expected struct type at index " + index + ", found " + kindName(typeDef(index)));
        }
        if (sharedFunction && !types.subType(index).shared()) {
            throw error("shared functions cannot access unshared structs");
        }
        return s;
    }

    // ---- custom-descriptors ----

    /** Whether allocations and function references have exact types (custom-descriptors). */
    private final boolean exactRefs;

    /** The type an allocation of type {@code index} pushes: exact with custom-descriptors. */
    private int allocated(int index) {
        return ref(false, exactRefs ? exact(index) : concrete(index));
    }

    /** struct.new and struct.new_default cannot allocate a type that has a descriptor. */
    private void noDescriptor(int index) {
        if (types.subType(index).descriptor().isPresent()) {
            throw error("type with descriptor requires descriptor allocation");
        }
    }

    /** The descriptor type of type {@code index}, which must have one ({@code message} if not). */
    private int descriptor(int index, String message) {
        typeDef(index);
        var d = types.subType(index).descriptor();
        if (d.isEmpty()) {
            throw error(message);
        }
        return d.getAsInt();
    }

    private void defaultable(StructType st, String mnemonic) {
        for (FieldType f : st.fields()) {
            if (!isDefaultable(TypeSpace.unpacked(f.storage()))) {
                throw error("invalid `" + mnemonic + "`: " + name(TypeSpace.unpacked(f.storage()))
                        + " field is not defaultable");
            }
        }
    }

    private ArrayType array(int index) {
        if (!(typeDef(index) instanceof ArrayType a)) {
            throw error("expected array type at index " + index + ", found " + kindName(typeDef(index)));
        }
        if (sharedFunction && !types.subType(index).shared()) {
            throw error("shared functions cannot access unshared arrays");
        }
        return a;
    }

    /**
     * The operands of {@code array.new_data/elem} ({@code [i32 i32] -> [(ref $t)]}) and
     * {@code array.init_data/elem} ({@code [(ref null $t) i32 i32 i32] -> []}, into a mutable
     * array), once the segment has been checked.
     */
    private void arrayFromSegment(boolean init, int typeIndex, ArrayType array) {
        if (init) {
            mutableField(array.element());
            pop(I32);
            pop(I32);
            pop(I32);
            pop(ref(true, concrete(typeIndex)));
        } else {
            pop(I32);
            pop(I32);
            push(allocated(typeIndex));
        }
    }

    private void mutableField(FieldType f) {
        if (!f.mutable()) {
            throw error("immutable array: array is immutable");
        }
    }

    /** Packed fields need the _s/_u forms; the plain form refuses them, and vice versa. */
    private void checkPacked(Opcode op, FieldType f, Opcode plain) {
        boolean packed = f.storage() instanceof PackedType;
        if (packed && op == plain) {
            throw error("can't read packed field without sign extension: use " + op.mnemonic() + "_s or _u");
        }
        if (!packed && op != plain) {
            throw error("cannot use " + op.mnemonic() + " with non-packed storage types");
        }
    }

    @Override
    public void visitIndexPair(Opcode op, int first, int second) {
        checkOpen(op);
        switch (op) {
            case CONT_BIND, SWITCH -> visitContPair(op, first, second); // stack-switching
            case CALL_INDIRECT, RETURN_CALL_INDIRECT -> {
                int elem = table(second);
                if (!types.isSubtype(elem, FUNCREF)) {
                    throw error("type mismatch: indirect calls must go through a table with type <= funcref");
                }
                FuncType ft = funcTypeOf(first);
                pop(tableAddr(second));
                if (op == Opcode.RETURN_CALL_INDIRECT) {
                    checkTailResults(ft);
                    popAll(types.paramCodes(first));
                    setUnreachable();
                } else {
                    popAll(types.paramCodes(first));
                    pushAll(types.resultCodes(first));
                }
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                FieldType f = field(first, second);
                checkPacked(op, f, Opcode.STRUCT_GET);
                pop(ref(true, concrete(first)));
                push(TypeSpace.unpacked(f.storage()));
            }
            case STRUCT_SET -> {
                FieldType f = field(first, second);
                if (!f.mutable()) {
                    throw error("immutable field: field is immutable");
                }
                pop(TypeSpace.unpacked(f.storage()));
                pop(ref(true, concrete(first)));
            }
            case ARRAY_COPY -> {
                ArrayType dst = array(first);
                ArrayType src = array(second);
                mutableField(dst.element());
                if (!storageSubtype(src.element(), dst.element())) {
                    throw error("array types do not match: expected " + storageName(dst.element()) + ", found "
                            + storageName(src.element()));
                }
                pop(I32);
                pop(I32);
                pop(ref(true, concrete(second)));
                pop(I32);
                pop(ref(true, concrete(first)));
            }
            case ARRAY_NEW_DATA, ARRAY_INIT_DATA -> {
                ArrayType at = array(first);
                int t = TypeSpace.unpacked(at.element().storage());
                if (isRef(t)) {
                    throw error("array type is not numeric or vector: array." + (op == Opcode.ARRAY_NEW_DATA ? "new" : "init")
                            + "_data can only create arrays with numeric and vector elements");
                }
                data(second);
                arrayFromSegment(op == Opcode.ARRAY_INIT_DATA, first, at);
            }
            case ARRAY_NEW_ELEM, ARRAY_INIT_ELEM -> {
                ArrayType at = array(first);
                int t = TypeSpace.unpacked(at.element().storage());
                int e = elem(second);
                if (!isRef(t)) {
                    throw error("type mismatch: " + op.mnemonic() + " can only create arrays with reference elements");
                }
                if (!types.isSubtype(e, t)) {
                    throw error("invalid " + op.mnemonic() + " instruction: element segment " + second
                            + " type mismatch: expected " + name(t) + ", found " + name(e));
                }
                arrayFromSegment(op == Opcode.ARRAY_INIT_ELEM, first, at);
            }
            case ARRAY_NEW_FIXED -> {
                ArrayType at = array(first);
                int t = TypeSpace.unpacked(at.element().storage());
                if (second < 0 || second > 10_000) {
                    throw error("type mismatch: array.new_fixed size " + Integer.toUnsignedString(second)
                            + " too large");
                }
                for (int i = 0; i < second; i++) {
                    pop(t);
                }
                push(allocated(first));
            }
            case MEMORY_INIT -> {
                int at = memory(second);
                data(first);
                pop(I32);
                pop(I32);
                pop(at);
            }
            case MEMORY_COPY -> {
                int dst = memory(first);
                int src = memory(second);
                pop(dst == I32 || src == I32 ? I32 : I64);
                pop(src);
                pop(dst);
            }
            case TABLE_INIT -> {
                int t = table(second);
                int e = elem(first);
                if (!types.isSubtype(e, t)) {
                    throw mismatch(t, e);
                }
                pop(I32);
                pop(I32);
                pop(tableAddr(second));
            }
            case TABLE_COPY -> {
                int dt = table(first);
                int st = table(second);
                if (!types.isSubtype(st, dt)) {
                    throw mismatch(dt, st);
                }
                int da = tableAddr(first);
                int sa = tableAddr(second);
                pop(da == I32 || sa == I32 ? I32 : I64);
                pop(sa);
                pop(da);
            }
            default -> throw error("unexpected instruction shape: " + op.mnemonic());
        }
    }

    private static String kindName(CompositeType c) {
        if (c instanceof FuncType) return "(func)";
        if (c instanceof StructType) return "(struct)";
        if (c instanceof ArrayType) return "(array)";
        return "(cont)";
    }

    private static String storageName(FieldType f) {
        return f.storage() instanceof PackedType p ? p.text() : name(TypeSpace.code((ValType) f.storage()));
    }

    private FieldType field(int typeIndex, int fieldIndex) {
        StructType st = struct(typeIndex);
        if (fieldIndex < 0 || fieldIndex >= st.fields().size()) {
            throw error("unknown field: field index out of bounds");
        }
        return st.fields().get(fieldIndex);
    }

    private boolean storageSubtype(FieldType src, FieldType dst) {
        if (src.storage() instanceof PackedType || dst.storage() instanceof PackedType) {
            return src.storage() == dst.storage();
        }
        return types.isSubtype(TypeSpace.code((ValType) src.storage()), TypeSpace.code((ValType) dst.storage()));
    }

    @Override
    public void visitBrTable(int[] labels, int defaultLabel) {
        checkOpen(Opcode.BR_TABLE);
        pop(I32);
        int[] def = labelTypes(label(defaultLabel));
        int arity = def.length;
        for (int l : labels) {
            int[] lt = labelTypes(label(l));
            if (lt.length != arity) {
                throw error("type mismatch: br_table target labels have different number of types");
            }
            pushAll(popActual(lt));
        }
        popAll(def);
        setUnreachable();
    }

    @Override
    public void visitMemory(Opcode op, int align, int memory, long offset) {
        checkOpen(op);
        int at = memArg(op, align, memory, offset);
        pushSignature(op, at);
    }

    private int memArg(Opcode op, int align, int memory, long offset) {
        if (memory != 0 && !features.has(Feature.MULTI_MEMORY)) {
            throw error("multi-memory support is not enabled");
        }
        int at = memory(memory);
        int natural = op.naturalAlignment();
        if (op.prefix() == 0xFE) {
            if (align != natural) {
                throw error("atomic instructions must always specify maximum alignment");
            }
        } else if (align > natural || align < 0) {
            throw error("alignment must not be larger than natural");
        }
        if (at == I32 && (offset < 0 || offset > 0xFFFF_FFFFL)) {
            throw error("offset out of range: must be <= 2**32");
        }
        return at;
    }

    private void pushSignature(Opcode op, int at) {
        int[] ps = PARAMS[op.ordinal()];
        for (int i = ps.length - 1; i >= 0; i--) {
            pop(ps[i] == ADDR ? at : ps[i]);
        }
        for (int r : RESULTS[op.ordinal()]) {
            push(r == ADDR ? at : r);
        }
    }

    @Override
    public void visitMemoryLane(Opcode op, int align, int memory, long offset, int lane) {
        checkOpen(op);
        int at = memArg(op, align, memory, offset);
        if (lane < 0 || lane >= lanes(op)) {
            throw error("invalid lane index");
        }
        pushSignature(op, at);
    }

    @Override
    public void visitI32Const(int value) {
        checkOpen(Opcode.I32_CONST);
        push(I32);
    }

    @Override
    public void visitI64Const(long value) {
        checkOpen(Opcode.I64_CONST);
        push(I64);
    }

    @Override
    public void visitF32Const(int bits) {
        checkOpen(Opcode.F32_CONST);
        push(F32);
    }

    @Override
    public void visitF64Const(long bits) {
        checkOpen(Opcode.F64_CONST);
        push(F64);
    }

    @Override
    public void visitV128Const(long low, long high) {
        checkOpen(Opcode.V128_CONST);
        push(V128);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        checkOpen(Opcode.I8X16_SHUFFLE);
        for (byte b : lanes) {
            if ((b & 0xFF) >= 32) {
                throw error("invalid lane index");
            }
        }
        pop(V128);
        pop(V128);
        push(V128);
    }

    @Override
    public void visitSelectTyped(List<ValType> typeList) {
        checkOpen(Opcode.SELECT_TYPED);
        if (typeList.size() != 1) {
            throw error("invalid result arity");
        }
        int t = valType(typeList.get(0));
        pop(I32);
        pop(t);
        pop(t);
        push(t);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        checkOpen(op);
        int h = types.checkHeapType(type, where.getAsLong());
        if (op != Opcode.REF_NULL && types.top(h) == CONT) {
            throw error("invalid cast"); // stack-switching: continuations cannot be cast
        }
        switch (op) {
            case REF_NULL -> push(ref(true, h));
            case REF_TEST, REF_TEST_NULLABLE -> {
                pop(ref(true, types.top(h)));
                push(I32);
            }
            case REF_CAST, REF_CAST_NULLABLE -> {
                pop(ref(true, types.top(h)));
                push(ref(op == Opcode.REF_CAST_NULLABLE, h));
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULLABLE -> {
                pop(castDescriptor(h));
                pop(ref(true, types.top(h)));
                push(ref(op == Opcode.REF_CAST_DESC_EQ_NULLABLE, h));
            }
            default -> throw error("unexpected instruction shape: " + op.mnemonic());
        }
    }

    /**
     * custom-descriptors: the descriptor operand of a cast to heap type {@code h}, which must be
     * a type with a descriptor: a nullable reference to that descriptor, exact when {@code h} is.
     */
    private int castDescriptor(int h) {
        String what = isConcrete(h) ? Integer.toString(typeIndex(h))
                : h == BOT ? "bot" : dev.jwt.binary.types.AbsHeapType.values()[h].text();
        if (!isConcrete(h) || types.subType(typeIndex(h)).descriptor().isEmpty()) {
            throw error("type " + what + " does not have a descriptor");
        }
        int d = types.subType(typeIndex(h)).descriptor().getAsInt();
        return ref(true, isExact(h) ? exact(d) : concrete(d));
    }

    @Override
    public void visitBrOnCast(Opcode op, int labelIndex, RefType from, RefType to) {
        checkOpen(op);
        int t1 = valType(from);
        int t2 = valType(to);
        if (types.top(heap(t1)) == CONT) {
            throw error("invalid cast"); // stack-switching: continuations cannot be cast
        }
        // custom-descriptors relaxes the check: the target need only be in the source's
        // hierarchy (it may admit null, or be a supertype, where the source does not).
        boolean related = exactRefs ? types.top(heap(t1)) == types.top(heap(t2)) || heap(t1) == BOT || heap(t2) == BOT
                : types.isSubtype(t2, t1);
        if (!related) {
            throw error("type mismatch: expected " + name(t1) + ", found " + name(t2));
        }
        // custom-descriptors: the desc_eq forms compare with a descriptor, the top operand.
        boolean desc = op == Opcode.BR_ON_CAST_DESC_EQ || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL;
        int descriptor = desc ? castDescriptor(heap(t2)) : UNKNOWN;
        boolean onSuccess = op == Opcode.BR_ON_CAST || op == Opcode.BR_ON_CAST_DESC_EQ;
        int[] lt = labelTypes(label(labelIndex));
        if (lt.length == 0) {
            throw error(op == Opcode.BR_ON_CAST ? "br_on_cast to label with empty types"
                    : "type mismatch: expected a reference type, found nothing");
        }
        int last = lt[lt.length - 1];
        // The type of the operand when the cast fails: t1 minus t2.
        int diff = ref(isNullable(t1) && !isNullable(t2), heap(t1));
        int branched = onSuccess ? t2 : diff;
        if (!types.isSubtype(branched, last)) {
            throw mismatch(last, branched);
        }
        if (desc) {
            pop(descriptor);
        }
        pop(t1);
        int[] rest = Arrays.copyOf(lt, lt.length - 1);
        popAll(rest);
        pushAll(rest);
        push(onSuccess ? diff : t2);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        checkOpen(Opcode.TRY_TABLE);
        int[] in = blockParams(type);
        int[] out = blockResults(type);
        for (Catch c : catches) {
            int[] lt = labelTypes(label(c.label()));
            int[] sent = switch (c.kind()) {
                case CATCH -> tagParams(c.tag());
                case CATCH_REF -> append(tagParams(c.tag()), ref(false, EXN));
                case CATCH_ALL -> NONE_TYPES;
                case CATCH_ALL_REF -> new int[] {ref(false, EXN)};
            };
            if (c.kind() == Catch.Kind.CATCH_ALL_REF
                    && (lt.length != 1 || !types.isSubtype(sent[0], lt[0]))) {
                throw error("type mismatch: catch_all_ref label must a subtype of (ref exn)");
            }
            if (sent.length != lt.length) {
                throw error("type mismatch: catch label has " + lt.length + " types, catch sends " + sent.length);
            }
            for (int i = 0; i < sent.length; i++) {
                if (!types.isSubtype(sent[i], lt[i])) {
                    throw mismatch(lt[i], sent[i]);
                }
            }
        }
        popAll(in);
        pushCtrl(K_TRY_TABLE, in, out);
    }

    private static int[] append(int[] a, int t) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = t;
        return out;
    }

    @Override
    public void visitAtomicFence() {
        checkOpen(Opcode.ATOMIC_FENCE);
    }

    // ---------------------------------------------------------------- stack-switching

    /** The function type index of continuation type {@code index}. */
    private int contFunc(int index) {
        if (!(typeDef(index) instanceof ContType k)) {
            throw error("non-continuation type " + index);
        }
        return k.funcTypeIndex();
    }

    /** The continuation type a reference type code names, or -1 when it names none. */
    private int contOf(int t) {
        int h = heap(t);
        return isRef(t) && isConcrete(h) && types.composite(typeIndex(h)) instanceof ContType ? typeIndex(h) : -1;
    }

    /** Whether every {@code a[i] <: b[i]}, with equal lengths. */
    private boolean allSubtypes(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!types.isSubtype(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /** cont.bind $ct1 $ct2 and switch $ct $tag arrive as index pairs. */
    private void visitContPair(Opcode op, int first, int second) {
        if (op == Opcode.CONT_BIND) {
            // $ct1 = cont [t1* t3*] -> [t2*] binds t1*, leaving $ct2 = cont [t3'*] -> [t2'*]
            // with [t3*] -> [t2*] <: [t3'*] -> [t2'*].
            int[] p1 = types.paramCodes(contFunc(first));
            int[] r1 = types.resultCodes(contFunc(first));
            int[] p2 = types.paramCodes(contFunc(second));
            int[] r2 = types.resultCodes(contFunc(second));
            if (p1.length < p2.length) {
                throw error("type mismatch in continuation arguments");
            }
            int bound = p1.length - p2.length;
            if (!allSubtypes(p2, Arrays.copyOfRange(p1, bound, p1.length)) || !allSubtypes(r1, r2)) {
                throw error("type mismatch in continuation types");
            }
            pop(ref(true, concrete(first)));
            popAll(Arrays.copyOf(p1, bound));
            push(ref(false, concrete(second)));
            return;
        }
        // switch $ct1 $tag: $ct1 = cont [t1* (ref null? $ct2)] -> [te*], $ct2 = cont [t2*] -> [te*],
        // $tag : [] -> [te*]; the instruction is [t1* (ref null $ct1)] -> [t2*].
        int[] p1 = types.paramCodes(contFunc(first));
        int[] r1 = types.resultCodes(contFunc(first));
        int tag = tagFunc(second);
        if (types.paramCodes(tag).length != 0) {
            throw error("type mismatch: non-empty tag parameter type");
        }
        if (p1.length == 0) {
            throw error("type mismatch: instruction requires a continuation reference");
        }
        int other = contOf(p1[p1.length - 1]);
        if (other < 0) {
            throw error("type mismatch: expected a continuation reference, found " + name(p1[p1.length - 1]));
        }
        int[] p2 = types.paramCodes(contFunc(other));
        int[] r2 = types.resultCodes(contFunc(other));
        int[] te = types.resultCodes(tag);
        if (!allSubtypes(r1, te) || !allSubtypes(te, r2)) {
            throw error("type mismatch in continuation types");
        }
        pop(ref(true, concrete(first)));
        popAll(Arrays.copyOf(p1, p1.length - 1));
        pushAll(p2);
    }

    @Override
    public void visitResume(Opcode op, int type, int tag, List<Handler> handlers) {
        checkOpen(op);
        int ft = contFunc(type);
        int[] results = types.resultCodes(ft);
        for (Handler h : handlers) {
            int tf = tagFunc(h.tag());
            if (h.isSwitch()) {
                // The switching continuation returns to this resume: the tag says what it returns.
                int[] te = types.resultCodes(tf);
                if (types.paramCodes(tf).length != 0 || !allSubtypes(results, te) || !allSubtypes(te, results)) {
                    throw error("type mismatch: switch tag does not match continuation");
                }
                continue;
            }
            // (on $tag $l): $tag : [te1*] -> [te2*] sends te1* and the continuation
            // (ref $ct') with $ct' = cont [te2*] -> [t2*] to $l.
            int[] lt = labelTypes(label(h.label()));
            int[] sent = types.paramCodes(tf);
            if (lt.length != sent.length + 1) {
                throw error("type mismatch between tag type and label type: expected " + (sent.length + 1)
                        + " label type(s), found " + lt.length);
            }
            for (int i = 0; i < sent.length; i++) {
                if (!types.isSubtype(sent[i], lt[i])) {
                    throw error("type mismatch between tag type and label type");
                }
            }
            int last = lt[lt.length - 1];
            if (!isRef(last) || !isConcrete(heap(last))) {
                throw error("type mismatch: expected a continuation reference, found " + name(last));
            }
            int k = contOf(last);
            if (k < 0) {
                throw error("non-continuation type " + typeIndex(heap(last)));
            }
            // The continuation the handler receives, cont [te2*] -> [t2*], must be a subtype of the label's.
            int kf = contFunc(k);
            if (!allSubtypes(types.paramCodes(kf), types.resultCodes(tf))
                    || !allSubtypes(results, types.resultCodes(kf))) {
                throw error("type mismatch in continuation type");
            }
        }
        int[] params;
        switch (op) {
            case RESUME -> params = types.paramCodes(ft);
            case RESUME_THROW -> {
                int tf = tagFunc(tag);
                if (types.resultCodes(tf).length != 0) {
                    throw error("type mismatch: non-empty tag result type");
                }
                params = types.paramCodes(tf);
            }
            default -> params = new int[] {EXNREF};
        }
        pop(ref(true, concrete(type)));
        popAll(params);
        pushAll(results);
    }

    // ---------------------------------------------------------------- shared-everything-threads

    /** What an atomic access does with the value at its location. */
    private enum AtomicKind { GET, GET_PACKED, SET, RMW_ARITH, RMW_XCHG, RMW_CMPXCHG }

    private static AtomicKind atomicKind(Opcode op) {
        String m = op.mnemonic();
        if (m.endsWith(".get")) return AtomicKind.GET;
        if (m.endsWith(".get_s") || m.endsWith(".get_u")) return AtomicKind.GET_PACKED;
        if (m.endsWith(".set")) return AtomicKind.SET;
        if (m.endsWith(".xchg")) return AtomicKind.RMW_XCHG;
        if (m.endsWith(".cmpxchg")) return AtomicKind.RMW_CMPXCHG;
        return AtomicKind.RMW_ARITH;
    }

    @Override
    public void visitOrderedIndex(Opcode op, dev.jwt.binary.code.Ordering ordering, int index) {
        checkOpen(op);
        AtomicKind k = atomicKind(op);
        switch (op.immediate()) {
            case ORDERING_GLOBAL -> {
                int t = global(index);
                if (k != AtomicKind.GET && !ctx.globalMutable()[index]) {
                    throw error("global is immutable: cannot modify it with `" + op.mnemonic() + "`");
                }
                checkAtomicType(op, k, t, false);
                atomicOperands(k, t);
            }
            case ORDERING_TABLE -> {
                int elem = table(index);
                if (k == AtomicKind.RMW_CMPXCHG ? !isSubtypeOfAbstract(elem, EQ) : !isSubtypeOfAbstract(elem, ANY)) {
                    throw error("invalid type: `" + op.mnemonic() + "` only allows subtypes of `"
                            + (k == AtomicKind.RMW_CMPXCHG ? "eqref" : "anyref") + "`");
                }
                int addr = tableAddr(index);
                switch (k) {
                    case GET -> {
                        pop(addr);
                        push(elem);
                    }
                    case SET -> {
                        pop(elem);
                        pop(addr);
                    }
                    case RMW_XCHG -> {
                        pop(elem);
                        pop(addr);
                        push(elem);
                    }
                    default -> {
                        pop(elem);
                        pop(elem);
                        pop(addr);
                        push(elem);
                    }
                }
            }
            default -> {
                ArrayType at = array(index);
                FieldType f = at.element();
                checkAtomicField(op, k, f, false);
                int t = TypeSpace.unpacked(f.storage());
                if (k == AtomicKind.GET || k == AtomicKind.GET_PACKED) {
                    pop(I32);
                    pop(ref(true, concrete(index)));
                    push(t);
                    return;
                }
                popAtomicValues(k, t);
                pop(I32);
                pop(ref(true, concrete(index)));
                if (k != AtomicKind.SET) {
                    push(t);
                }
            }
        }
    }

    @Override
    public void visitOrderedIndexPair(Opcode op, dev.jwt.binary.code.Ordering ordering, int typeIndex, int fieldIndex) {
        checkOpen(op);
        AtomicKind k = atomicKind(op);
        FieldType f = field(typeIndex, fieldIndex);
        checkAtomicField(op, k, f, true);
        int t = TypeSpace.unpacked(f.storage());
        if (k != AtomicKind.GET && k != AtomicKind.GET_PACKED) {
            popAtomicValues(k, t);
        }
        pop(ref(true, concrete(typeIndex)));
        if (k != AtomicKind.SET) {
            push(t);
        }
    }

    /** Packing, mutability and type rules of an atomic struct field or array element access. */
    private void checkAtomicField(Opcode op, AtomicKind k, FieldType f, boolean struct) {
        boolean packed = f.storage() instanceof PackedType;
        if (k == AtomicKind.GET && packed) {
            throw error(struct ? "can only use struct `get` with non-packed storage types"
                    : "cannot use array.get with packed storage types");
        }
        if (k == AtomicKind.GET_PACKED) {
            if (!packed) {
                throw error("cannot use " + op.mnemonic() + " with non-packed storage types");
            }
            return;
        }
        if (k != AtomicKind.GET && !f.mutable()) {
            throw error(struct ? "immutable field: field is immutable" : "immutable array: array is immutable");
        }
        if (k == AtomicKind.SET && packed) {
            return;
        }
        checkAtomicType(op, k, packed ? I32 : TypeSpace.code((ValType) f.storage()), packed);
    }

    /** The value types an atomic access allows, in wasm-tools' words when refused. */
    private void checkAtomicType(Opcode op, AtomicKind k, int t, boolean packed) {
        String name = op.mnemonic();
        boolean number = !packed && (t == I32 || t == I64);
        switch (k) {
            case RMW_ARITH -> {
                if (!number) {
                    throw error("invalid type: `" + name.substring(0, name.lastIndexOf('.')) + ".*` only allows `i32` and `i64`");
                }
            }
            case RMW_CMPXCHG -> {
                if (!number && !isSubtypeOfAbstract(t, EQ)) {
                    throw error("invalid type: `" + name + "` only allows `i32`, `i64` and subtypes of `eqref`");
                }
            }
            case SET -> {
                if (!number && !isSubtypeOfAbstract(t, ANY)) {
                    boolean field = op.immediate() != Immediate.ORDERING_GLOBAL;
                    throw error("invalid type: `" + name + "` only allows " + (field ? "`i8`, `i16`, " : "")
                            + "`i32`, `i64` and subtypes of `anyref`");
                }
            }
            default -> {
                if (!number && !isSubtypeOfAbstract(t, ANY)) {
                    throw error("invalid type: `" + name + "` only allows `i32`, `i64` and subtypes of `anyref`");
                }
            }
        }
    }

    /** {@code t <: (ref null abs)} or {@code t <: (ref null (shared abs))}. */
    private boolean isSubtypeOfAbstract(int t, int abs) {
        return isRef(t) && (types.isSubtype(t, ref(true, abs)) || types.isSubtype(t, ref(true, abstractHeap(abs, true))));
    }

    /** Global accesses: the location needs no operand. */
    private void atomicOperands(AtomicKind k, int t) {
        if (k == AtomicKind.GET) {
            push(t);
            return;
        }
        popAtomicValues(k, t);
        if (k != AtomicKind.SET) {
            push(t);
        }
    }

    /** The values a set (one), read-modify-write (one) or compare-exchange (two) takes. */
    private void popAtomicValues(AtomicKind k, int t) {
        pop(t);
        if (k == AtomicKind.RMW_CMPXCHG) {
            pop(t);
        }
    }

    /** The result type a constant expression produced (valid after {@link #finish}). */
    public int[] resultTypes() {
        return results;
    }
}
