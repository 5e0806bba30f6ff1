package dev.jwt.run;

import dev.jwt.binary.module.DataSegment;
import dev.jwt.binary.module.ElementSegment;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.HeapType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.run.compile.ModuleCompiler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module compiled to JVM classes, ready to be instantiated any number of times (through a
 * {@link Linker}). Made by {@link Engine#compile}.
 */
public final class CompiledModule {
    private final Engine engine;
    private final Module module;
    private final List<FuncType> types = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final int importedFunctions;
    private final Class<? extends Instance> instanceClass;
    private final Class<?>[] owners;
    private final java.util.Set<Integer> tailCallers;
    private final dev.jwt.run.gc.GcType[] gcTypes;

    CompiledModule(Engine engine, Module module, ModuleCompiler.Output out) {
        this.engine = engine;
        this.module = module;
        this.tailCallers = out.tailCallers();
        this.gcTypes = gcTypes(module);
        for (RecGroup g : module.types()) {
            for (SubType s : g.types()) {
                CompositeType c = s.composite();
                types.add(c instanceof FuncType f ? f : null);
            }
        }
        int imported = 0;
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Func f) {
                functionTypes.add(f.typeIndex());
                imported++;
            }
        }
        importedFunctions = imported;
        functionTypes.addAll(module.functions());

        CodeLoader loader = new CodeLoader(out.classes());
        try {
            Class<?> ic = loader.loadClass(out.instanceClassName());
            instanceClass = ic.asSubclass(Instance.class);
            owners = new Class<?>[out.functionOwners().length];
            for (int i = 0; i < owners.length; i++) {
                owners[i] = loader.loadClass(out.functionOwners()[i].replace('/', '.'));
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines the generated classes of one module. */
    private static final class CodeLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CodeLoader(Map<String, byte[]> classes) {
            super(Instance.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }

    public Module module() {
        return module;
    }

    /** The run-time types of the module's types: canonical ids by subtyping depth, and storage. */
    private static dev.jwt.run.gc.GcType[] gcTypes(Module module) {
        dev.jwt.validate.types.TypeSpace space =
                dev.jwt.validate.types.TypeSpace.build(module.types(), dev.jwt.binary.FeatureSet.all(), 0);
        dev.jwt.run.gc.GcType[] result = new dev.jwt.run.gc.GcType[space.size()];
        for (int i = 0; i < result.length; i++) {
            int[] display = new int[space.depth(i) + 1];
            for (int t = i, d = display.length - 1; d >= 0; t = space.supertype(t), d--) {
                display[d] = space.canonicalId(t);
            }
            StringBuilder storage = new StringBuilder();
            CompositeType c = space.composite(i);
            if (c instanceof dev.jwt.binary.types.StructType st) {
                for (dev.jwt.binary.types.FieldType f : st.fields()) {
                    storage.append(storageLetter(f.storage()));
                }
            } else if (c instanceof dev.jwt.binary.types.ArrayType at) {
                storage.append(storageLetter(at.element().storage()));
            }
            result[i] = new dev.jwt.run.gc.GcType(display, storage.toString(),
                    c instanceof FuncType ? display[display.length - 1] : -1);
        }
        return result;
    }

    private static char storageLetter(dev.jwt.binary.types.StorageType s) {
        if (s == dev.jwt.binary.types.PackedType.I8) {
            return 'b';
        }
        if (s == dev.jwt.binary.types.PackedType.I16) {
            return 's';
        }
        if (s instanceof dev.jwt.binary.types.NumType n) {
            return switch (n) {
                case I32 -> 'i';
                case I64 -> 'I';
                case F32 -> 'f';
                case F64 -> 'F';
            };
        }
        return s instanceof dev.jwt.binary.types.VecType ? 'v' : 'r';
    }

    /** The canonical id of function {@code index}'s type. */
    int functionTypeId(int index) {
        return gcTypes[functionTypes.get(index)].canonicalId();
    }

    boolean makesTailCalls(int index) {
        return tailCallers.contains(index);
    }

    FuncType functionType(int index) {
        return types.get(functionTypes.get(index));
    }

    /**
     * The static method of defined function {@code index} (parameters, then the instance); with
     * {@code body}, that of its body alone (a function that makes tail calls, see {@link TailCall}).
     */
    MethodHandle functionHandle(int index, boolean body) {
        FuncType type = functionType(index);
        MethodType mt = Signatures.methodType(type).appendParameterTypes(instanceClass);
        try {
            return MethodHandles.publicLookup().findStatic(owners[index], "f" + index + (body ? "$tc" : ""), mt);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Instantiates with {@code imports} (one extern value per import, in order): checks them,
     * creates memories, tables and globals, runs element and data segments and the start function.
     */
    Instance instantiate(List<Object> imports) {
        Instance inst;
        try {
            inst = instanceClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        inst.module = this;
        if (engine.metered()) {
            inst.meter(engine);
        }
        inst.gcTypes = gcTypes;
        List<Memory> memories = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        List<Global> globals = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        inst.functions = new WasmFunction[functionTypes.size()];
        int f = 0;
        for (int i = 0; i < module.imports().size(); i++) {
            Import imp = module.imports().get(i);
            Object value = imports.get(i);
            String place = imp.module() + "::" + imp.name();
            ImportDesc d = imp.desc();
            if (d instanceof ImportDesc.Func fn) {
                if (!(value instanceof WasmFunction w) || !dev.jwt.run.gc.GcType.isFunctionSubtype(w.typeId(), gcTypes[fn.typeIndex()].canonicalId())) {
                    throw incompatible(place, value instanceof WasmFunction wf && types.get(fn.typeIndex()) != null
                            ? ImportMismatch.function(types.get(fn.typeIndex()), wf.type()) : null);
                }
                inst.functions[f++] = w;
            } else if (d instanceof ImportDesc.Memory m) {
                if (!(value instanceof Memory mem) || !matches(mem.type().limits(), mem.pages(), m.type().limits())) {
                    throw incompatible(place, value instanceof Memory found
                            ? ImportMismatch.memory(m.type().limits(), found.type().limits(), found.pages()) : null);
                }
                memories.add(mem);
            } else if (d instanceof ImportDesc.TableImport t) {
                if (!(value instanceof Table tab) || !tab.type().element().equals(t.type().element())
                        || !matches(tab.type().limits(), tab.size(), t.type().limits())) {
                    throw incompatible(place, value instanceof Table found ? ImportMismatch.table(t.type().element(),
                            t.type().limits(), found.type().element(), found.type().limits(), found.size()) : null);
                }
                tables.add(tab);
            } else if (d instanceof ImportDesc.GlobalImport g) {
                if (!(value instanceof Global glob) || !globalMatches(glob.type(), g.type())) {
                    throw incompatible(place, value instanceof Global found ? ImportMismatch.global(g.type(), found.type()) : null);
                }
                globals.add(glob);
            } else if (d instanceof ImportDesc.Tag tg) {
                if (!(value instanceof Tag tag) || tag.typeId() != gcTypes[tg.type().typeIndex()].canonicalId()) {
                    throw incompatible(place);
                }
                tags.add(tag);
            }
        }
        for (MemoryType m : module.memories()) {
            memories.add(new Memory(m, engine.maxMemoryPages()));
        }
        inst.memories = memories.toArray(new Memory[0]);
        for (dev.jwt.binary.types.TagType tt : module.tags()) {
            tags.add(new Tag(types.get(tt.typeIndex()), gcTypes[tt.typeIndex()].canonicalId()));
        }
        inst.tags = tags.toArray(new Tag[0]);
        inst.globals = new Global[globals.size() + module.globals().size()];
        for (int i = 0; i < globals.size(); i++) {
            inst.globals[i] = globals.get(i);
        }
        // Tables may be initialised with ref.func of this instance and global.get of imports.
        inst.tables = new Table[tables.size() + module.tables().size()];
        for (int i = 0; i < tables.size(); i++) {
            inst.tables[i] = tables.get(i);
        }
        int g = globals.size();
        for (dev.jwt.binary.module.Global def : module.globals()) {
            GlobalType type = def.type();
            inst.globals[g++] = new Global(type, ConstantEvaluator.evaluate(def.init(), inst));
        }
        int t = tables.size();
        for (dev.jwt.binary.module.Table def : module.tables()) {
            TableType type = def.type();
            Object init = def.init() == null ? null : ConstantEvaluator.evaluate(def.init(), inst);
            inst.tables[t++] = new Table(type, init);
        }
        inst.link();

        inst.elementSegments = new Object[module.elements().size()][];
        for (int i = 0; i < inst.elementSegments.length; i++) {
            ElementSegment seg = module.elements().get(i);
            Object[] items = new Object[seg.size()];
            for (int k = 0; k < items.length; k++) {
                items[k] = seg.usesExpressions()
                        ? ConstantEvaluator.evaluate(seg.expressions().get(k), inst)
                        : inst.function(seg.functionIndices().get(k));
            }
            inst.elementSegments[i] = items;
        }
        inst.dataSegments = new byte[module.data().size()][];
        for (int i = 0; i < inst.dataSegments.length; i++) {
            inst.dataSegments[i] = module.data().get(i).bytes().toArray();
        }
        for (int i = 0; i < inst.elementSegments.length; i++) {
            ElementSegment seg = module.elements().get(i);
            if (seg.mode() == ElementSegment.Mode.ACTIVE) {
                Object off = ConstantEvaluator.evaluate(seg.offset(), inst);
                int offset = off instanceof Long l ? Memory.index64(l) : (Integer) off;
                Table.init(offset, 0, inst.elementSegments[i].length, inst.tables[seg.table()], inst.elementSegments[i]);
            }
            if (seg.mode() != ElementSegment.Mode.PASSIVE) {
                inst.elementSegments[i] = new Object[0];
            }
        }
        for (int i = 0; i < inst.dataSegments.length; i++) {
            DataSegment seg = module.data().get(i);
            if (seg.active()) {
                Object off = ConstantEvaluator.evaluate(seg.offset(), inst);
                int offset = off instanceof Long l ? Memory.index64(l) : (Integer) off;
                Memory.init(offset, 0, inst.dataSegments[i].length, inst.memories[seg.memory()].bytes, inst.dataSegments[i]);
                inst.dataSegments[i] = new byte[0];
            }
        }
        inst.exportAll();
        if (module.start().isPresent()) {
            inst.function(module.start().getAsInt()).call();
        }
        return inst;
    }

    /** Import matching of globals: mutable ones must be equal, immutable ones may be subtypes. */
    private static boolean globalMatches(GlobalType actual, GlobalType declared) {
        if (actual.mutable() != declared.mutable()) {
            return false;
        }
        if (actual.type().equals(declared.type())) {
            return true;
        }
        if (!(actual.type() instanceof RefType a) || !(declared.type() instanceof RefType d)) {
            return false;
        }
        if (a.nullable() && !d.nullable()) {
            return false;
        }
        if (declared.mutable()) {
            return a.nullable() == d.nullable()
                    && a.heapType() instanceof ConcreteHeapType && d.heapType() instanceof ConcreteHeapType;
        }
        return heapSubtype(a.heapType(), d.heapType());
    }

    /**
     * Heap subtyping as far as the engine models it: concrete types are function types here, so
     * they sit below {@code func}; two concrete types from different modules are not compared yet.
     */
    private static boolean heapSubtype(HeapType a, HeapType d) {
        if (a.equals(d)) {
            return true;
        }
        if (a instanceof ConcreteHeapType) {
            return d instanceof ConcreteHeapType || d == AbsHeapType.FUNC;
        }
        return a == AbsHeapType.NOFUNC && (d == AbsHeapType.FUNC || d instanceof ConcreteHeapType)
                || a == AbsHeapType.NOEXTERN && d == AbsHeapType.EXTERN;
    }

    private static LinkException incompatible(String place) {
        return incompatible(place, null);
    }

    private static LinkException incompatible(String place, String detail) {
        return new LinkException("incompatible import type", place, detail);
    }

    /** Import subtyping of limits: at least the minimum, and within the maximum when one is declared. */
    private static boolean matches(Limits actual, long currentSize, Limits declared) {
        if (actual.is64() != declared.is64() || actual.shared() != declared.shared()) {
            return false;
        }
        // Custom page sizes: a memory's page size must be the import's exactly (absent is 64 KiB).
        if ((actual.pageSizeLog2() < 0 ? 16 : actual.pageSizeLog2()) != (declared.pageSizeLog2() < 0 ? 16 : declared.pageSizeLog2())) {
            return false;
        }
        // Limits compare unsigned: a 64-bit memory's or table's may reach 2^64 - 1.
        if (Long.compareUnsigned(currentSize, declared.min()) < 0) {
            return false;
        }
        if (declared.max().isPresent()) {
            return actual.max().isPresent()
                    && Long.compareUnsigned(actual.max().getAsLong(), declared.max().getAsLong()) <= 0;
        }
        return true;
    }
}
