package dev.jwt.validate;

import dev.jwt.binary.DecodedModule;
import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.Opcode;
import dev.jwt.binary.code.InstructionReader;
import dev.jwt.binary.code.NoOpVisitor;
import dev.jwt.binary.module.ConstExpr;
import dev.jwt.binary.module.DataSegment;
import dev.jwt.binary.module.ElementSegment;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.Global;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.module.Local;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.SectionId;
import dev.jwt.binary.module.SectionRange;
import dev.jwt.binary.module.Table;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.DecodedComponent;
import dev.jwt.validate.code.FunctionValidator;
import dev.jwt.validate.component.ComponentValidator;
import dev.jwt.validate.code.ModuleContext;
import dev.jwt.validate.types.TypeCode;
import dev.jwt.validate.types.TypeSpace;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Validates core WebAssembly modules (the spec's "valid" chapter, WebAssembly 3.0 plus the
 * proposals of {@link Feature}) under a {@link FeatureSet}.
 *
 * <p>Module-level facts (types, imports, index spaces) are checked first, in section order; then
 * function bodies stream through {@link FunctionValidator}s, in parallel when the code is large.
 * The first fault in binary order is reported, as a {@link ValidationException} (invalid) or a
 * {@link MalformedException} (does not decode).
 */
public final class Validator {
    /** Code sections at least this large validate their bodies in parallel. */
    private static final int PARALLEL_CODE_BYTES = 256 * 1024;
    /** wasm-tools' limit on the locals of one function. */
    private static final long MAX_LOCALS = 50_000;

    private final Module module;
    private final FeatureSet features;
    private final Map<SectionId, SectionRange> sections = new EnumMap<>(SectionId.class);
    /** Whether the module came from a binary, where data indices in code need a data count section. */
    private final boolean binary;

    private Validator(Module module, FeatureSet features, List<SectionRange> ranges, boolean binary) {
        this.module = module;
        this.features = features;
        this.binary = binary;
        for (SectionRange r : ranges) {
            if (r.id() != SectionId.CUSTOM) {
                sections.put(r.id(), r);
            }
        }
    }

    /** Decodes and validates a core module binary under the default features. */
    public static ValidatedModule validate(byte[] binary) {
        return validate(binary, FeatureSet.defaults());
    }

    /**
     * Decodes and validates a core module binary.
     *
     * @throws MalformedException when it does not decode
     * @throws ValidationException when it decodes but is invalid
     */
    public static ValidatedModule validate(byte[] binary, FeatureSet features) {
        if (isComponent(binary) && !features.has(Feature.COMPONENT_MODEL)) {
            // wasm-tools names the reason instead of an unknown version: the feature is off.
            throw new ValidationException("unknown binary version and encoding combination: 0xd and 0x1, note: "
                    + "encoded as a component but the WebAssembly component model feature is not enabled - "
                    + "enable the feature to allow component validation", 4);
        }
        // Bodies are streamed once, by the validator, which also reports malformed instructions.
        DecodedModule decoded = new ModuleDecoder(false).decodeWithSections(binary);
        return new Validator(decoded.module(), features, decoded.sections(), true).run();
    }

    /** Validates a decoded module with its section layout (e.g. one nested in a component). */
        public static ValidatedModule validateDecoded(DecodedModule decoded, FeatureSet features) {
        return new Validator(decoded.module(), features, decoded.sections(), true).run();
    }

    /**
     * Validates a decoded module but leaves its function bodies to {@code deferredBodies}, to be
     * run later: a component's own rules are reported before faults in its modules' code, as
     * wasm-tools does. The module is only fully validated once the deferred task has run.
     */
    public static ValidatedModule validateDecoded(DecodedModule decoded, FeatureSet features,
            List<Runnable> deferredBodies) {
        Validator v = new Validator(decoded.module(), features, decoded.sections(), true);
        v.deferredBodies = deferredBodies;
        return v.run();
    }

    /** Where {@link #run} leaves the body validation, when it is deferred. */
    private List<Runnable> deferredBodies;

    /**
     * Validates a component model (places are 0: a model has no layout; decode the bytes with
     * {@link #validateBinary} for places).
     */
    public static ValidatedComponent validateComponent(Component component, FeatureSet features) {
        return ValidatedComponent.of(component, ComponentValidator.validate(component, null, features));
    }

    /** Validates a decoded component, with places from its layout. */
    public static ValidatedComponent validateComponent(DecodedComponent decoded, FeatureSet features) {
        return ValidatedComponent.of(decoded.component(),
                ComponentValidator.validate(decoded.component(), decoded.places(), features));
    }

    /**
     * Decodes and validates a binary that is either a core module or a component (its preamble
     * says which).
     *
     * @throws MalformedException when it does not decode
     * @throws ValidationException when it decodes but is invalid
     */
    public static Validated validateBinary(byte[] binary, FeatureSet features) {
        if (isComponent(binary) && features.has(Feature.COMPONENT_MODEL)) {
            // Bodies are streamed once, by the validator, which also reports malformed instructions.
            return validateComponent(dev.jwt.binary.component.ComponentDecoder.decodeDetailed(binary, false, features),
                    features);
        }
        return validate(binary, features);
    }

    /** Whether a binary's preamble is a component's (version 0xd, layer 1). */
    private static boolean isComponent(byte[] binary) {
        return binary.length >= 8 && (binary[6] & 0xFF) == 1 && binary[7] == 0;
    }

    /** Validates a module model (offsets come from its expressions and bodies where known). */
    public static ValidatedModule validate(Module module, FeatureSet features) {
        return new Validator(module, features, List.of(), false).run();
    }

    // ---------------------------------------------------------------- places

    private long place(SectionId id, int item) {
        SectionRange r = sections.get(id);
        if (r == null) {
            return 0;
        }
        if (item >= 0 && item < r.itemOffsets().length) {
            return r.itemOffset(item);
        }
        return r.contentOffset();
    }

    private ValidationException error(String message, SectionId id, int item) {
        return new ValidationException(message, place(id, item));
    }

    // ---------------------------------------------------------------- the module

    private TypeSpace types;
    private final List<Integer> funcTypes = new ArrayList<>();
    /** custom-descriptors: the functions imported inexactly, whose references are not exact. */
    private final BitSet inexactFuncs = new BitSet();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalType> globals = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private int importedGlobals;

    private ValidatedModule run() {
        types = TypeSpace.build(module.types(), features, place(SectionId.TYPE, -1));

        if (sections.containsKey(SectionId.TAG) && !features.has(Feature.EXCEPTIONS)) {
            throw error("exceptions proposal not enabled", SectionId.TAG, -1);
        }
        List<Import> imports = module.imports();
        for (int i = 0; i < imports.size(); i++) {
            importDesc(imports.get(i).desc(), i);
        }
        importedGlobals = globals.size();
        for (int i = 0; i < module.functions().size(); i++) {
            int t = module.functions().get(i);
            checkFuncTypeIndex(t, SectionId.FUNCTION, i);
            funcTypes.add(t);
        }
        for (int i = 0; i < module.tables().size(); i++) {
            tables.add(tableType(module.tables().get(i).type(), SectionId.TABLE, i));
        }
        for (int i = 0; i < module.memories().size(); i++) {
            memories.add(memoryType(module.memories().get(i), SectionId.MEMORY, i));
        }
        if (tables.size() > 1 && !features.has(Feature.REFERENCE_TYPES)) {
            throw error("multiple tables", SectionId.TABLE, -1);
        }
        if (memories.size() > 1 && !features.has(Feature.MULTI_MEMORY)) {
            throw error("multiple memories", SectionId.MEMORY, -1);
        }
        for (int i = 0; i < module.tags().size(); i++) {
            tags.add(tagType(module.tags().get(i), SectionId.TAG, i));
        }
        for (int i = 0; i < module.globals().size(); i++) {
            GlobalType gt = module.globals().get(i).type();
            globalType(gt, SectionId.GLOBAL, i);
            globals.add(gt);
        }

        BitSet refs = declaredRefs();
        ModuleContext ctx = context(refs);
        FunctionValidator cv = new FunctionValidator(ctx);

        // Tables see the imported globals only; globals see those before them.
        for (int i = 0; i < module.tables().size(); i++) {
            Table t = module.tables().get(i);
            int elem = TypeSpace.code(t.type().element());
            if (t.init() != null) {
                if (!features.has(Feature.FUNCTION_REFERENCES)) {
                    throw error("function references required for table initializers", SectionId.TABLE, i);
                }
                constExpr(cv, t.init(), elem, importedGlobals);
            } else if (!TypeCode.isDefaultable(elem)) {
                throw error("type mismatch: non-defaultable element type", SectionId.TABLE, i);
            }
        }
        for (int i = 0; i < module.globals().size(); i++) {
            Global g = module.globals().get(i);
            constExpr(cv, g.init(), TypeSpace.code(g.type().type()), importedGlobals + i);
        }

        exports();
        start();
        elements(cv);
        if (module.dataCount().isPresent() && module.dataCount().getAsInt() != module.data().size()) {
            throw new MalformedException("data count and data section have inconsistent lengths",
                    place(SectionId.DATA_COUNT, -1));
        }
        for (int i = 0; i < module.data().size(); i++) {
            DataSegment d = module.data().get(i);
            if (!d.active() && !features.has(Feature.BULK_MEMORY)) {
                throw error("passive data segments require the bulk-memory proposal", SectionId.DATA, i);
            }
            if (d.active()) {
                if (d.memory() < 0 || d.memory() >= memories.size()) {
                    throw error("unknown memory " + d.memory(), SectionId.DATA, i);
                }
                constExpr(cv, d.offset(), memories.get(d.memory()).limits().is64() ? TypeCode.I64 : TypeCode.I32,
                        globals.size());
            }
        }
        if (module.code().size() != module.functions().size()) {
            throw new MalformedException("function and code section have inconsistent lengths",
                    place(SectionId.CODE, -1));
        }

        int[] funcTypeArray = funcTypes.stream().mapToInt(Integer::intValue).toArray();
        ValidatedModule vm = new ValidatedModule(module, features, types, funcTypeArray, tables, memories,
                globals, tags, refs);
                if (deferredBodies != null) {
            deferredBodies.add(() -> bodies(ctx, vm));
        } else {
            bodies(ctx, vm);
        }
        return vm;
    }

    private ModuleContext context(BitSet refs) {
        int[] tableTypes = new int[tables.size()];
        boolean[] table64 = new boolean[tables.size()];
        boolean[] tableShared = new boolean[tables.size()];
        for (int i = 0; i < tableTypes.length; i++) {
            tableTypes[i] = TypeSpace.code(tables.get(i).element());
            table64[i] = tables.get(i).limits().is64();
            tableShared[i] = tables.get(i).limits().shared();
        }
        boolean[] memory64 = new boolean[memories.size()];
        for (int i = 0; i < memory64.length; i++) {
            memory64[i] = memories.get(i).limits().is64();
        }
        int[] globalTypes = new int[globals.size()];
        boolean[] globalMutable = new boolean[globals.size()];
        boolean[] globalShared = new boolean[globals.size()];
        for (int i = 0; i < globalTypes.length; i++) {
            globalTypes[i] = TypeSpace.code(globals.get(i).type());
            globalMutable[i] = globals.get(i).mutable();
            globalShared[i] = globals.get(i).shared();
        }
        int[] tagTypes = tags.stream().mapToInt(TagType::typeIndex).toArray();
        int[] elemTypes = new int[module.elements().size()];
        for (int i = 0; i < elemTypes.length; i++) {
            elemTypes[i] = elementType(module.elements().get(i), i);
        }
        // The data count section is a fact of the binary format; a model has its segments.
        int dataCount = module.dataCount().isPresent() ? module.dataCount().getAsInt()
                : binary ? -1 : module.data().size();
        return new ModuleContext(types, features, funcTypes.stream().mapToInt(Integer::intValue).toArray(),
                tableTypes, table64, memory64, globalTypes, globalMutable, tagTypes, elemTypes, dataCount, refs,
                inexactFuncs, tableShared, globalShared);
    }

    // ---------------------------------------------------------------- imports and definitions

    private void importDesc(ImportDesc desc, int i) {
        if (desc instanceof ImportDesc.Func f) {
            checkFuncTypeIndex(f.typeIndex(), SectionId.IMPORT, i);
            if (f.exact() && !features.has(Feature.CUSTOM_DESCRIPTORS)) {
                throw error("custom descriptors required for exact function imports", SectionId.IMPORT, i);
            }
            if (!f.exact()) {
                inexactFuncs.set(funcTypes.size());
            }
            funcTypes.add(f.typeIndex());
        } else if (desc instanceof ImportDesc.TableImport t) {
            tables.add(tableType(t.type(), SectionId.IMPORT, i));
        } else if (desc instanceof ImportDesc.Memory m) {
            memories.add(memoryType(m.type(), SectionId.IMPORT, i));
        } else if (desc instanceof ImportDesc.GlobalImport g) {
            globalType(g.type(), SectionId.IMPORT, i);
            if (g.type().mutable() && !features.has(Feature.MUTABLE_GLOBAL)) {
                throw error("mutable global support is not enabled", SectionId.IMPORT, i);
            }
            globals.add(g.type());
        } else if (desc instanceof ImportDesc.Tag t) {
            tags.add(tagType(t.type(), SectionId.IMPORT, i));
        }
    }

    private void checkFuncTypeIndex(int t, SectionId section, int item) {
        if (t < 0 || t >= types.size()) {
            throw error("unknown type " + t + ": type index out of bounds", section, item);
        }
        if (!types.isFunc(t)) {
            throw error("type index " + t + " is not a function type", section, item);
        }
    }

    private TableType tableType(TableType tt, SectionId section, int item) {
        types.checkElementType(tt.element(), place(section, item));
        Limits l = tt.limits();
        if (l.is64() && !features.has(Feature.MEMORY64)) {
            throw error("memory64 must be enabled for 64-bit tables", section, item);
        }
        if (l.shared()) {
            if (!features.has(Feature.SHARED_EVERYTHING_THREADS)) {
                throw error("shared tables require the shared-everything-threads proposal", section, item);
            }
            if (!types.isShared(TypeSpace.code(tt.element()))) {
                throw error("shared tables must have a shared element type", section, item);
            }
        }
        if (!l.is64() && (Long.compareUnsigned(l.min(), 0xFFFF_FFFFL) > 0
                || l.max().isPresent() && Long.compareUnsigned(l.max().getAsLong(), 0xFFFF_FFFFL) > 0)) {
            throw error("table size must be at most 2**32-1", section, item);
        }
        if (l.max().isPresent() && Long.compareUnsigned(l.min(), l.max().getAsLong()) > 0) {
            throw error("size minimum must not be greater than maximum", section, item);
        }
        return tt;
    }

    private MemoryType memoryType(MemoryType mt, SectionId section, int item) {
        Limits l = mt.limits();
        if (l.is64() && !features.has(Feature.MEMORY64)) {
            throw error("memory64 must be enabled for 64-bit memories", section, item);
        }
        int pageLog = l.pageSizeLog2();
        if (pageLog >= 0) {
            if (!features.has(Feature.CUSTOM_PAGE_SIZES)) {
                throw error("the custom page sizes proposal must be enabled to customize a memory's page size",
                        section, item);
            }
            if (pageLog != 0 && pageLog != 16) {
                throw error("invalid custom page size", section, item);
            }
        }
        if (l.shared()) {
            if (!features.has(Feature.THREADS)) {
                throw error("threads must be enabled for shared memories", section, item);
            }
            if (l.max().isEmpty()) {
                throw error("shared memory must have maximum size", section, item);
            }
        }
        boolean bytePages = pageLog == 0;
        if (l.is64()) {
            // 2**64 bytes in pages of 64 KiB is 2**48; byte pages reach the whole u64 range.
            long limit = 1L << 48;
            if (!bytePages && (Long.compareUnsigned(l.min(), limit) > 0
                    || l.max().isPresent() && Long.compareUnsigned(l.max().getAsLong(), limit) > 0)) {
                throw error("memory size must be at most 2**48 pages", section, item);
            }
        } else {
            long limit = bytePages ? 0xFFFF_FFFFL : 65536;
            if (Long.compareUnsigned(l.min(), limit) > 0
                    || l.max().isPresent() && Long.compareUnsigned(l.max().getAsLong(), limit) > 0) {
                throw error(bytePages ? "memory size must be at most 0xffffffff pages"
                        : "memory size must be at most 65536 pages (4GiB)", section, item);
            }
        }
        if (l.max().isPresent() && Long.compareUnsigned(l.min(), l.max().getAsLong()) > 0) {
            throw error("size minimum must not be greater than maximum", section, item);
        }
        return mt;
    }

    private void globalType(GlobalType gt, SectionId section, int item) {
        types.checkValType(gt.type(), place(section, item));
        if (gt.shared()) {
            if (!features.has(Feature.SHARED_EVERYTHING_THREADS)) {
                throw error("shared globals require the shared-everything-threads proposal", section, item);
            }
            if (!types.isShared(TypeSpace.code(gt.type()))) {
                throw error("shared globals must have a shared value type", section, item);
            }
        }
    }

    private TagType tagType(TagType tt, SectionId section, int item) {
        if (!features.has(Feature.EXCEPTIONS)) {
            throw error("exceptions proposal not enabled", section, item);
        }
        checkFuncTypeIndex(tt.typeIndex(), section, item);
        FuncType ft = types.funcType(tt.typeIndex());
        // Stack switching's tags may have results (suspend returns them); exceptions' may not,
        // which the instructions that throw or catch check.
        if (!ft.results().isEmpty() && !features.has(Feature.STACK_SWITCHING)) {
            throw error("invalid exception type: non-empty tag result type", section, item);
        }
        return tt;
    }

    // ---------------------------------------------------------------- references, exports, start

    /** C.refs: every function named outside function bodies (exports, elements, expressions). */
    private BitSet declaredRefs() {
        BitSet refs = new BitSet();
        for (Export e : module.exports()) {
            if (e.kind() == dev.jwt.binary.module.ExternKind.FUNC) {
                refs.set(Math.max(0, e.index()));
            }
        }
        NoOpVisitor collector = new NoOpVisitor() {
            @Override
            public void visitIndex(Opcode op, int index) {
                if (op == Opcode.REF_FUNC && index >= 0) {
                    refs.set(index);
                }
            }
        };
        List<ConstExpr> exprs = new ArrayList<>();
        for (Table t : module.tables()) {
            if (t.init() != null) {
                exprs.add(t.init());
            }
        }
        for (Global g : module.globals()) {
            exprs.add(g.init());
        }
        // Segment offsets are not scanned: a ref.func there is never valid (offsets are addresses),
        // and wasm-tools names it an undeclared function reference first.
        for (ElementSegment e : module.elements()) {
            if (e.usesExpressions()) {
                exprs.addAll(e.expressions());
            } else {
                for (int f : e.functionIndices()) {
                    if (f >= 0) {
                        refs.set(f);
                    }
                }
            }
        }
        for (ConstExpr c : exprs) {
            new InstructionReader(c.code(), c.offset()).readBody(collector);
        }
        return refs;
    }

    private void exports() {
        Set<String> names = new HashSet<>();
        List<Export> exports = module.exports();
        for (int i = 0; i < exports.size(); i++) {
            Export e = exports.get(i);
            if (!names.add(e.name())) {
                throw error("duplicate export name `" + e.name() + "` already defined", SectionId.EXPORT, i);
            }
            int count = switch (e.kind()) {
                case FUNC -> funcTypes.size();
                case TABLE -> tables.size();
                case MEMORY -> memories.size();
                case GLOBAL -> globals.size();
                case TAG -> tags.size();
            };
            if (e.index() < 0 || e.index() >= count) {
                String what = e.kind() == dev.jwt.binary.module.ExternKind.FUNC ? "function" : e.kind().text();
                throw error("unknown " + what + " " + e.index() + ": exported " + what + " index out of bounds",
                        SectionId.EXPORT, i);
            }
            if (e.kind() == dev.jwt.binary.module.ExternKind.GLOBAL && globals.get(e.index()).mutable()
                    && !features.has(Feature.MUTABLE_GLOBAL)) {
                throw error("mutable global support is not enabled", SectionId.EXPORT, i);
            }
            if (e.kind() == dev.jwt.binary.module.ExternKind.TAG && !features.has(Feature.EXCEPTIONS)) {
                throw error("exceptions proposal not enabled", SectionId.EXPORT, i);
            }
        }
    }

    private void start() {
        if (module.start().isEmpty()) {
            return;
        }
        int f = module.start().getAsInt();
        if (f < 0 || f >= funcTypes.size()) {
            throw error("unknown function " + f + ": start function index out of bounds", SectionId.START, -1);
        }
        FuncType ft = types.funcType(funcTypes.get(f));
        if (!ft.params().isEmpty() || !ft.results().isEmpty()) {
            throw error("invalid start function type", SectionId.START, -1);
        }
    }

    private void elements(FunctionValidator cv) {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment e = elements.get(i);
            int type = elementType(e, i);
            if (e.mode() != ElementSegment.Mode.ACTIVE && !features.has(Feature.BULK_MEMORY)) {
                throw error("bulk memory must be enabled", SectionId.ELEMENT, i);
            }
            if (e.mode() == ElementSegment.Mode.ACTIVE) {
                if (e.table() < 0 || e.table() >= tables.size()) {
                    throw error("unknown table " + e.table() + ": table index out of bounds", SectionId.ELEMENT, i);
                }
                TableType tt = tables.get(e.table());
                if (!types.isSubtype(type, TypeSpace.code(tt.element()))) {
                    throw error("type mismatch: invalid element type for table", SectionId.ELEMENT, i);
                }
                constExpr(cv, e.offset(), tt.limits().is64() ? TypeCode.I64 : TypeCode.I32, globals.size());
            }
            if (e.usesExpressions()) {
                for (ConstExpr c : e.expressions()) {
                    constExpr(cv, c, type, globals.size());
                }
            } else {
                for (int f : e.functionIndices()) {
                    if (f < 0 || f >= funcTypes.size()) {
                        throw error("unknown function " + f + ": function index out of bounds", SectionId.ELEMENT, i);
                    }
                    int ft = TypeCode.ref(false, TypeCode.concrete(funcTypes.get(f)));
                    if (!types.isSubtype(ft, type)) {
                        throw error("type mismatch: element of type " + TypeCode.name(ft) + " does not match "
                                + TypeCode.name(type), SectionId.ELEMENT, i);
                    }
                }
            }
        }
    }

    /** A segment of function indices has the implied type (ref func), whatever the features. */
    private int elementType(ElementSegment e, int i) {
        return e.usesExpressions() ? types.checkElementType(e.type(), place(SectionId.ELEMENT, i))
                : TypeCode.ref(false, TypeCode.FUNC);
    }

    private void constExpr(FunctionValidator cv, ConstExpr c, int type, int visibleGlobals) {
        InstructionReader r = new InstructionReader(c.code(), c.offset());
        cv.setPosition(r::offset);
        cv.beginConst(type, visibleGlobals, importedGlobals);
        r.readBody(cv);
        cv.finish();
    }

    // ---------------------------------------------------------------- function bodies

    private void bodies(ModuleContext ctx, ValidatedModule vm) {
        List<FuncBody> code = module.code();
        int imported = funcTypes.size() - code.size();
        long total = 0;
        for (FuncBody b : code) {
            total += b.instructions().length();
        }
        // The calling thread works too, so even a common pool of one worker gives two threads.
        int threads = Math.min(Runtime.getRuntime().availableProcessors(),
                ForkJoinPool.getCommonPoolParallelism() + 1);
        if (total < PARALLEL_CODE_BYTES || code.size() < 2 || threads < 2) {
            FunctionValidator v = new FunctionValidator(ctx);
            for (int i = 0; i < code.size(); i++) {
                body(v, ctx, vm, imported, i);
            }
            return;
        }
        // Chunks of similar byte size, taken in order by the calling thread and by helpers from the
        // common pool as they come free. The caller never waits for a helper to start (on a busy
        // machine the pool may not run one before the caller has done everything), only for the
        // chunks a helper has taken to end. The first failure in function order wins, so that the
        // answer does not depend on scheduling.
        int wanted = Math.min(code.size(), threads * 8);
        long per = total / wanted + 1;
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        long acc = 0;
        for (int i = 0; i < code.size(); i++) {
            acc += code.get(i).instructions().length();
            if (acc >= per || i == code.size() - 1) {
                ranges.add(new int[] {from, i + 1});
                from = i + 1;
                acc = 0;
            }
        }
        int chunks = ranges.size();
        Throwable[] failures = new Throwable[chunks];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(chunks);
        Runnable worker = () -> {
            FunctionValidator v = null;
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (v == null) {
                        v = new FunctionValidator(ctx);
                    }
                    int[] range = ranges.get(c);
                    for (int i = range[0]; i < range[1]; i++) {
                        body(v, ctx, vm, imported, i);
                    }
                } catch (RuntimeException | Error e) {
                    failures[c] = e;
                    v = null;
                } finally {
                    done.countDown();
                }
            }
        };
        for (int t = 1; t < threads; t++) {
            ForkJoinPool.commonPool().execute(worker);
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable e : failures) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            if (e != null) {
                throw (Error) e;
            }
        }
    }

    private void body(FunctionValidator v, ModuleContext ctx, ValidatedModule vm, int imported, int i) {
        FuncBody b = module.code().get(i);
        int typeIndex = funcTypes.get(imported + i);
        FuncType ft = types.funcType(typeIndex);
        long count = ft.params().size();
        for (Local l : b.locals()) {
            count += l.count();
            if (count > MAX_LOCALS) {
                throw new ValidationException("too many locals: locals exceed maximum", b.offset());
            }
        }
        int[] locals = new int[(int) count];
        int n = 0;
        for (var p : ft.params()) {
            locals[n++] = TypeSpace.code(p);
        }
        for (Local l : b.locals()) {
            int t = types.checkValType(l.type(), b.offset());
            for (long k = 0; k < l.count(); k++) {
                locals[n++] = t;
            }
        }
        v.beginFunction(typeIndex, locals);
        v.validateBody(new InstructionReader(b.instructions(), b.offset()));
        v.finish();
        vm.localTypes[i] = locals;
        vm.maxStackDepth[i] = v.maxStackDepth();
    }
}
