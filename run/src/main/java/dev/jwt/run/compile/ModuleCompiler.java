package dev.jwt.run.compile;

import static org.objectweb.asm.Opcodes.*;

import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.ExternKind;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Global;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Local;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import dev.jwt.run.Signatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a module to JVM classes: one <em>instance class</em> (a subclass of
 * {@link dev.jwt.run.Instance} whose fields are the instance's memories {@code m<i>}, tables
 * {@code t<i>}, globals {@code g<i>} and imported function handles {@code h<i>}), and
 * <em>code classes</em> holding the defined functions as static methods {@code f<i>(params...,
 * instance)}. Functions are spread over several code classes so that no class file outgrows the
 * JVM's limits. Imported functions get a static trampoline {@code f<i>} in the instance class, so
 * a call is always one {@code invokestatic}; call_indirect goes through a dispatcher per (type,
 * table) in the instance class.
 *
 * <p>A global lives in a plain typed field unless it is imported or exported, in which case it
 * lives in a shared {@link dev.jwt.run.Global} cell.
 */
public final class ModuleCompiler {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Wasm code bytes per code class: keeps constant pools and class files well within limits. */
    private static final int CODE_BYTES_PER_CLASS = 48 * 1024;
    private static final int FUNCTIONS_PER_CLASS = 400;
    /**
     * The estimated bytecode size past which a split function's method is cut into a region: well
     * below the JVM's 64 KiB so that the code up to the next cut point still fits.
     */
    private static final int SPLIT_BYTES = 24 * 1024;
    private static final int MIN_SPLIT_BYTES = 512;
    /**
     * For testing the splitting of large functions on ordinary ones: when positive (system
     * property {@code jwt.run.forceSplit}), every function is compiled split, cut at this size.
     */
    private final int forcedSplitBytes;
    private boolean metered;
    /**
     * Wasm code bytes of a function past which its loads and stores are compiled as calls of the
     * Memory helpers rather than in place: the in-place form is two to three times the bytecode,
     * and would push such a function past the JVM's method size into a split function (whose
     * locals live in heap arrays, so that deep recursion runs out of heap before stack).
     */
    private static final int COMPACT_ACCESS_BYTES = 8 * 1024;
    /** Whether the function being compiled uses the compact form of loads and stores. */
    private boolean compactAccesses;

    private final Module module;
    private final List<CompositeType> types = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final int importedFunctions;
    private final List<GlobalType> globals = new ArrayList<>();
    private final boolean[] globalBoxed;
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<Integer> tagTypes = new ArrayList<>();
    private final String packageName;
    private final String instanceClass;
    private final String[] owners;
    private final Map<String, int[]> dispatchers = new LinkedHashMap<>();
    /** The defined functions that make tail calls (see {@link TailCalls}). */
    private final java.util.Set<Integer> tailCallers = new java.util.HashSet<>();

    /** The output: class files by binary name (dots), the instance class's among them. */
    public record Output(String instanceClassName, Map<String, byte[]> classes, String[] functionOwners,
            java.util.Set<Integer> tailCallers) {}

    private ModuleCompiler(Module module, int forcedSplitBytes) {
        this.module = module;
        this.forcedSplitBytes = forcedSplitBytes;
        for (RecGroup g : module.types()) {
            for (SubType s : g.types()) {
                types.add(s.composite());
            }
        }
        int imported = 0;
        for (Import imp : module.imports()) {
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func f) {
                functionTypes.add(f.typeIndex());
                imported++;
            } else if (d instanceof ImportDesc.GlobalImport g) {
                globals.add(g.type());
            } else if (d instanceof ImportDesc.Memory m) {
                memories.add(m.type());
            } else if (d instanceof ImportDesc.TableImport t) {
                tables.add(t.type());
            } else if (d instanceof ImportDesc.Tag t) {
                tagTypes.add(t.type().typeIndex());
            }
        }
        importedFunctions = imported;
        int importedGlobals = globals.size();
        functionTypes.addAll(module.functions());
        for (Global g : module.globals()) {
            globals.add(g.type());
        }
        memories.addAll(module.memories());
        for (dev.jwt.binary.types.TagType t : module.tags()) {
            tagTypes.add(t.typeIndex());
        }
        for (dev.jwt.binary.module.Table t : module.tables()) {
            tables.add(t.type());
        }
        for (MemoryType m : memories) {
            if (m.limits().shared()) {
                throw new UnsupportedOperationException("shared memories (threads) are not supported by the engine yet");
            }
            if (m.limits().pageSizeLog2() >= 0 && m.limits().pageSizeLog2() != 16) {
                throw new UnsupportedOperationException("custom page sizes are not supported by the engine yet");
            }
        }
        globalBoxed = new boolean[globals.size()];
        for (int i = 0; i < importedGlobals; i++) {
            globalBoxed[i] = true;
        }
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.GLOBAL) {
                globalBoxed[e.index()] = true;
            }
        }
        packageName = "wasm/m" + COUNTER.incrementAndGet();
        instanceClass = packageName + "/Instance";
        owners = new String[functionTypes.size()];
    }

    /** Compiles {@code module}, which must be valid. */
    public static Output compile(Module module) {
        return compile(module, false);
    }

    /** With {@code metered}, the code checks the instance's fuel at function entries and loop back-edges. */
    public static Output compile(Module module, boolean metered) {
        ModuleCompiler c = new ModuleCompiler(module, Integer.getInteger("jwt.run.forceSplit", 0));
        c.metered = metered;
        return c.compile();
    }

    /**
     * Compiles {@code module}, which must be valid; with {@code forcedSplitBytes} positive, every
     * function as several methods cut at about that many bytes (a test of the splitting).
     */
    public static Output compile(Module module, int forcedSplitBytes) {
        return new ModuleCompiler(module, forcedSplitBytes).compile();
    }

    private Output compile() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = importedFunctions; i < functionTypes.size(); i++) {
            if (TailCalls.makesTailCalls(module.code().get(i - importedFunctions))) {
                tailCallers.add(i);
            }
        }
        // Assign functions to code classes first: calls need to know their owners.
        for (int i = 0; i < importedFunctions; i++) {
            owners[i] = instanceClass;
        }
        List<int[]> chunks = new ArrayList<>();
        int start = importedFunctions;
        int bytes = 0;
        for (int i = importedFunctions; i < functionTypes.size(); i++) {
            int size = module.code().get(i - importedFunctions).instructions().length();
            if (i > start && (bytes + size > CODE_BYTES_PER_CLASS || i - start >= FUNCTIONS_PER_CLASS)) {
                chunks.add(new int[] {start, i});
                start = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (start < functionTypes.size()) {
            chunks.add(new int[] {start, functionTypes.size()});
        }
        for (int c = 0; c < chunks.size(); c++) {
            for (int i = chunks.get(c)[0]; i < chunks.get(c)[1]; i++) {
                owners[i] = packageName + "/Code" + c;
            }
        }
        for (int c = 0; c < chunks.size(); c++) {
            String name = packageName + "/Code" + c;
            classes.put(name.replace('/', '.'), compileCodeSplittingAsNeeded(name, chunks.get(c)[0], chunks.get(c)[1]));
        }
        classes.put(instanceClass.replace('/', '.'), compileInstanceClass());
        return new Output(instanceClass.replace('/', '.'), classes, owners.clone(), java.util.Set.copyOf(tailCallers));
    }

    // ------------------------------------------------------------ facts the function compiler asks for

    String instanceClass() {
        return instanceClass;
    }

    int memoryCount() {
        return memories.size();
    }

    CompositeType compositeType(int typeIndex) {
        return types.get(typeIndex);
    }

    FuncType funcType(int typeIndex) {
        CompositeType c = types.get(typeIndex);
        if (c instanceof FuncType f) {
            return f;
        }
        throw new IllegalArgumentException("type " + typeIndex + " is not a function type");
    }

    /** The type of tag {@code index} (imported tags first). */
    FuncType tagType(int index) {
        return funcType(tagTypes.get(index));
    }

    FuncType functionType(int function) {
        return funcType(functionTypes.get(function));
    }

    String functionOwner(int function) {
        return owners[function];
    }

    private dev.jwt.validate.types.TypeSpace typeSpace;

    /** The canonical id of type {@code typeIndex} (validation's type canonicalisation, shared JVM-wide). */
    int canonicalTypeId(int typeIndex) {
        if (typeSpace == null) {
            typeSpace = dev.jwt.validate.types.TypeSpace.build(module.types(), dev.jwt.binary.FeatureSet.all(), 0);
        }
        return typeSpace.canonicalId(typeIndex);
    }

    boolean metered() {
        return metered;
    }

    /** Whether the function being compiled compiles loads and stores as calls (see {@link #COMPACT_ACCESS_BYTES}). */
    boolean compactAccesses() {
        return compactAccesses;
    }

    boolean memory64(int index) {
        return memories.get(index).limits().is64();
    }

    boolean table64(int index) {
        return tables.get(index).limits().is64();
    }

    GlobalType globalType(int index) {
        return globals.get(index);
    }

    boolean globalBoxed(int index) {
        return globalBoxed[index];
    }

    /** The dispatcher of call_ref to functions of type {@code typeIndex}: (params..., ref, instance). */
    String refDispatcher(int typeIndex) {
        String name = "cr" + typeIndex;
        dispatchers.putIfAbsent(name, new int[] {typeIndex, -1});
        return name;
    }

    boolean makesTailCalls(int function) {
        return tailCallers.contains(function);
    }

    String indirectDispatcher(int typeIndex, int table) {
        String name = "ci" + typeIndex + "_" + table;
        dispatchers.putIfAbsent(name, new int[] {typeIndex, table});
        return name;
    }

    // ------------------------------------------------------------ class files

    private static ClassWriter classWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Only Object, arrays and our own runtime types meet at merge points.
                return "java/lang/Object";
            }
        };
    }

    /**
     * Compiles a code class; a function whose method turns out too large for the JVM is compiled
     * again as several methods ({@link SplitFunction}), with smaller pieces while they are still too large.
     */
    private byte[] compileCodeSplittingAsNeeded(String name, int from, int to) {
        Map<Integer, Integer> split = new HashMap<>();
        if (forcedSplitBytes > 0) {
            for (int i = from; i < to; i++) {
                split.put(i, forcedSplitBytes);
            }
        }
        while (true) {
            try {
                return compileCode(name, from, to, split);
            } catch (MethodTooLargeException e) {
                String method = e.getMethodName();
                int function = Integer.parseInt(method.substring(1, method.indexOf('$') > 0 ? method.indexOf('$') : method.length()));
                Integer threshold = split.get(function);
                int next = threshold == null ? SPLIT_BYTES : threshold / 2;
                if (next < MIN_SPLIT_BYTES) {
                    throw new UnsupportedOperationException("function " + function
                            + " cannot be split into JVM methods small enough (" + e.getCodeSize()
                            + " bytes of bytecode in one piece, the limit is 65535)");
                }
                split.put(function, next);
            }
        }
    }

    private byte[] compileCode(String name, int from, int to, Map<Integer, Integer> split) {
        ClassWriter cw = classWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        for (int i = from; i < to; i++) {
            FuncType type = functionType(i);
            FuncBody body = module.code().get(i - importedFunctions);
            boolean tail = tailCallers.contains(i);
            if (tail) {
                TailCalls.emitEntry(cw, name, i, type, instanceClass);
            }
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + i + (tail ? "$tc" : ""),
                    JvmTypes.functionDescriptor(type, instanceClass), null, null);
            List<ValType> locals = new ArrayList<>();
            for (Local l : body.locals()) {
                if (locals.size() + l.count() > 65535) {
                    throw new UnsupportedOperationException("function " + i + " has too many locals for the JVM");
                }
                for (long k = 0; k < l.count(); k++) {
                    locals.add(l.type());
                }
            }
            Integer threshold = split.get(i);
            compactAccesses = threshold != null || body.instructions().length() > COMPACT_ACCESS_BYTES;
            if (threshold == null) {
                FunctionCompiler fc = new FunctionCompiler(this, mv, type, locals);
                new InstructionReader(body.instructions(), body.offset()).readBody(fc);
                fc.finish();
            } else {
                SplitFunction sf = new SplitFunction(cw, name, i, type.params().size() + locals.size(), threshold);
                MethodVisitor counted = sf.wrapTop(mv);
                FunctionCompiler fc = new FunctionCompiler(this, counted, type, locals, sf);
                sf.start(fc, counted);
                new InstructionReader(body.instructions(), body.offset()).readBody(sf);
                fc.finish();
                sf.finish();
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private byte[] compileInstanceClass() {
        ClassWriter cw = classWriter();
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, instanceClass, null, "dev/jwt/run/Instance", null);
        for (int i = 0; i < memories.size(); i++) {
            cw.visitField(ACC_PUBLIC, "m" + i, "Ldev/jwt/run/Memory;", null, null).visitEnd();
        }
        for (int i = 0; i < tables.size(); i++) {
            cw.visitField(ACC_PUBLIC, "t" + i, "Ldev/jwt/run/Table;", null, null).visitEnd();
        }
        for (int i = 0; i < globals.size(); i++) {
            String desc = globalBoxed[i] ? "Ldev/jwt/run/Global;" : JvmTypes.of(globals.get(i).type()).getDescriptor();
            cw.visitField(ACC_PUBLIC, "g" + i, desc, null, null).visitEnd();
        }
        for (int i = 0; i < importedFunctions; i++) {
            cw.visitField(ACC_PUBLIC, "h" + i, "Ljava/lang/invoke/MethodHandle;", null, null).visitEnd();
        }

        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitMethodInsn(INVOKESPECIAL, "dev/jwt/run/Instance", "<init>", "()V", false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        emitLink(cw);
        for (int i = 0; i < importedFunctions; i++) {
            emitTrampoline(cw, i);
        }
        for (Map.Entry<String, int[]> d : dispatchers.entrySet()) {
            emitDispatcher(cw, d.getKey(), d.getValue()[0], d.getValue()[1]);
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code link()}: copies the runtime's arrays into the typed fields compiled code reads. */
    private void emitLink(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(ACC_PROTECTED, "link", "()V", null, null);
        mv.visitCode();
        for (int i = 0; i < memories.size(); i++) {
            copyElement(mv, "memories", "[Ldev/jwt/run/Memory;", i);
            mv.visitFieldInsn(PUTFIELD, instanceClass, "m" + i, "Ldev/jwt/run/Memory;");
        }
        for (int i = 0; i < tables.size(); i++) {
            copyElement(mv, "tables", "[Ldev/jwt/run/Table;", i);
            mv.visitFieldInsn(PUTFIELD, instanceClass, "t" + i, "Ldev/jwt/run/Table;");
        }
        for (int i = 0; i < globals.size(); i++) {
            copyElement(mv, "globals", "[Ldev/jwt/run/Global;", i);
            if (globalBoxed[i]) {
                mv.visitFieldInsn(PUTFIELD, instanceClass, "g" + i, "Ldev/jwt/run/Global;");
                continue;
            }
            Type t = JvmTypes.of(globals.get(i).type());
            String cell = "dev/jwt/run/Global";
            switch (t.getSort()) {
                case Type.INT -> {
                    mv.visitFieldInsn(GETFIELD, cell, "bits", "J");
                    mv.visitInsn(L2I);
                }
                case Type.LONG -> mv.visitFieldInsn(GETFIELD, cell, "bits", "J");
                case Type.FLOAT -> {
                    mv.visitFieldInsn(GETFIELD, cell, "bits", "J");
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                }
                case Type.DOUBLE -> {
                    mv.visitFieldInsn(GETFIELD, cell, "bits", "J");
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                }
                default -> {
                    mv.visitFieldInsn(GETFIELD, cell, "ref", "Ljava/lang/Object;");
                    JvmTypes.castFromObject(mv, t);
                }
            }
            mv.visitFieldInsn(PUTFIELD, instanceClass, "g" + i, t.getDescriptor());
        }
        for (int i = 0; i < importedFunctions; i++) {
            copyElement(mv, "functions", "[Ldev/jwt/run/WasmFunction;", i);
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/jwt/run/WasmFunction", "handle", "()Ljava/lang/invoke/MethodHandle;", false);
            mv.visitFieldInsn(PUTFIELD, instanceClass, "h" + i, "Ljava/lang/invoke/MethodHandle;");
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes {@code this}, then {@code this.<array>[i]}. */
    private static void copyElement(MethodVisitor mv, String array, String desc, int i) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, "dev/jwt/run/Instance", array, desc);
        mv.visitLdcInsn(i);
        mv.visitInsn(AALOAD);
    }

    private void emitTrampoline(ClassWriter cw, int function) {
        FuncType type = functionType(function);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + function,
                JvmTypes.functionDescriptor(type, instanceClass), null, null);
        mv.visitCode();
        Type[] params = JvmTypes.of(type.params());
        int instSlot = 0;
        for (Type p : params) {
            instSlot += p.getSize();
        }
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, instanceClass, "h" + function, "Ljava/lang/invoke/MethodHandle;");
        invokeHandle(mv, type, params);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private void emitDispatcher(ClassWriter cw, String name, int typeIndex, int table) {
        FuncType type = funcType(typeIndex);
        String selector = table < 0 ? "Ljava/lang/Object;" : "I";
        String desc = JvmTypes.functionDescriptor(type, instanceClass).replace("L" + instanceClass + ";)", selector + "L" + instanceClass + ";)");
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, desc, null, null);
        mv.visitCode();
        Type[] params = JvmTypes.of(type.params());
        int slot = 0;
        for (Type p : params) {
            slot += p.getSize();
        }
        if (table < 0) {
            // call_ref: the reference, null or a function of a matching type (validation saw to that).
            mv.visitVarInsn(ALOAD, slot);
            mv.visitMethodInsn(INVOKESTATIC, "dev/jwt/run/TailCall", "callee", "(Ljava/lang/Object;)Ldev/jwt/run/WasmFunction;", false);
            mv.visitMethodInsn(INVOKEVIRTUAL, "dev/jwt/run/WasmFunction", "handle", "()Ljava/lang/invoke/MethodHandle;", false);
            invokeHandle(mv, type, params);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return;
        }
        mv.visitVarInsn(ALOAD, slot + 1);
        mv.visitFieldInsn(GETFIELD, instanceClass, "t" + table, "Ldev/jwt/run/Table;");
        mv.visitVarInsn(ILOAD, slot);
        mv.visitLdcInsn(canonicalTypeId(typeIndex));
        mv.visitMethodInsn(INVOKESTATIC, "dev/jwt/run/Table", "functionForCall",
                "(Ldev/jwt/run/Table;II)Ldev/jwt/run/WasmFunction;", false);
        mv.visitMethodInsn(INVOKEVIRTUAL, "dev/jwt/run/WasmFunction", "handle", "()Ljava/lang/invoke/MethodHandle;", false);
        invokeHandle(mv, type, params);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** With a MethodHandle on the stack: loads the parameters, invokes exactly, returns the result. */
    private static void invokeHandle(MethodVisitor mv, FuncType type, Type[] params) {
        int slot = 0;
        for (Type p : params) {
            mv.visitVarInsn(p.getOpcode(ILOAD), slot);
            slot += p.getSize();
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", JvmTypes.handleDescriptor(type), false);
        mv.visitInsn(JvmTypes.returnType(type.results()).getOpcode(IRETURN));
    }
}
