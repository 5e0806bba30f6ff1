package dev.jwt.validate.component;

import dev.jwt.binary.DecodedModule;
import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.CanonOption;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.ComponentStart;
import dev.jwt.binary.component.ComponentValue;
import dev.jwt.binary.component.CoreInstance;
import dev.jwt.binary.component.CoreType;
import dev.jwt.binary.component.DecodedComponent;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.DefValType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.InstanceDecl;
import dev.jwt.binary.component.PrimValType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.component.SortIndex;
import dev.jwt.binary.module.Export;
import dev.jwt.binary.module.Import;
import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.ContType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.SubType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import dev.jwt.validate.ValidatedModule;
import dev.jwt.validate.ValidationException;
import dev.jwt.validate.Validator;
import dev.jwt.validate.types.TypeSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a component (Explainer.md, Binary.md, CanonicalABI.md "Canonical Definitions") the
 * way wasm-tools does: sections in order, each index space growing as definitions are met, types
 * resolved as they are defined ({@link ValueType}, {@link ComponentFuncType}, ...), resources
 * compared by identity. Messages are wasm-tools'.
 */
public final class ComponentValidator {
            private final FeatureSet features;
    /** Function-body validation of the core modules, run after the component's own rules. */
    private final List<Runnable> deferredBodies = new ArrayList<>();

    /** Canonical ids of the core signatures of canonical built-ins and lowerings. */
    private final Map<FuncType, Integer> builtinIds = new HashMap<>();

    

    private ComponentValidator(FeatureSet features) {
        this.features = features;
    }

    /** Validates a component model; places come from {@code layout} when it is known (else 0). */
    public static ComponentInfo validate(Component component, List<DecodedComponent.SectionPlace> layout,
            FeatureSet features) {
                ComponentValidator v = new ComponentValidator(features);
        Scope s = v.component(component, layout, null);
        for (Runnable bodies : v.deferredBodies) {
            bodies.run();
        }
        return new ComponentInfo(s.type(), s.modules, s.imports, s.exports);
    }

    /** What validation learnt about a component: its type, and every nested core module validated. */
    public record ComponentInfo(ComponentType type, List<ValidatedModule> modules,
            Map<String, ComponentEntityType> imports, Map<String, ComponentEntityType> exports) {
    }

    // ================================================================ scopes

    enum ScopeKind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    /** A core type index space entry: a core rec-group member or a module type. */
    private sealed interface CoreTypeEntry {
    }

    private record CoreSub(int canonicalId, SubType type) implements CoreTypeEntry {
    }

    private record ModuleTypeEntry(CoreModuleType type) implements CoreTypeEntry {
    }

    /** One component, component type or instance type being validated, with its index spaces. */
    private final class Scope {
        final ScopeKind kind;
        final Scope parent;
        long offset;

        final List<CoreExternType.Func> coreFuncs = new ArrayList<>();
        final List<TableType> coreTables = new ArrayList<>();
        final List<MemoryType> coreMemories = new ArrayList<>();
        final List<GlobalType> coreGlobals = new ArrayList<>();
        final List<CoreExternType.Tag> coreTags = new ArrayList<>();
        final List<CoreTypeEntry> coreTypes = new ArrayList<>();
        /** The rec groups behind {@code coreTypes}, one per group (placeholders for other entries). */
        final List<RecGroup> coreGroups = new ArrayList<>();
        final List<CoreModuleType> coreModules = new ArrayList<>();
        final List<Map<String, CoreExternType>> coreInstances = new ArrayList<>();

        final List<ComponentFuncType> funcs = new ArrayList<>();
        final List<ValueType> values = new ArrayList<>();
        final List<Boolean> valueUsed = new ArrayList<>();
        final List<ComponentTypeDef> types = new ArrayList<>();
        final List<ComponentType> components = new ArrayList<>();
        final List<InstanceType> instances = new ArrayList<>();

        final Map<String, ComponentEntityType> imports = new LinkedHashMap<>();
        final Map<String, String> importKeys = new HashMap<>();
        final Map<String, ComponentEntityType> exports = new LinkedHashMap<>();
        final Map<String, String> exportKeys = new HashMap<>();
        /** Resources bound by {@code (sub resource)} imports (component types: substituted at instantiation). */
        final List<ResourceType> importedResources = new ArrayList<>();
        /** Resources exported abstractly (types), or defined by {@code (resource ...)} (components). */
        final List<ResourceType> definedResources = new ArrayList<>();
        /** Types that have a name here (imported or exported, by identity): exports may only use these. */
        final Set<Object> importedTypes = Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<Object> exportedTypes = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Resource labels of this scope's imports/exports, for {@code [constructor]} and friends. */
        final Map<ResourceType, String> importResourceNames = new IdentityHashMap<>();
        final Map<ResourceType, String> exportResourceNames = new IdentityHashMap<>();
        final Set<ResourceType> localResources = Collections.newSetFromMap(new IdentityHashMap<>());
        
        final List<ValidatedModule> modules = new ArrayList<>();
        boolean hasStart;
        /** The slot type of this component's context.get/set built-ins, once one is seen. */
        ValType contextType;

        Scope(ScopeKind kind, Scope parent) {
            this.kind = kind;
            this.parent = parent;
        }

        ComponentType type() {
            return new ComponentType(imports, exports, importedResources, definedResources);
        }
    }

    private ValidationException error(Scope s, String message) {
        return new ValidationException(message, s.offset);
    }

    private ValidationException outOfBounds(Scope s, String what, int index) {
        return error(s, "unknown " + what + " " + index + ": " + what + " index out of bounds");
    }

    private static <T> T get(List<T> list, int index) {
        return index >= 0 && index < list.size() ? list.get(index) : null;
    }

    private void require(Scope s, Feature f, String message) {
        if (!features.has(f)) {
            throw error(s, message);
        }
    }

    // ================================================================ components

    private Scope component(Component c, List<DecodedComponent.SectionPlace> layout, Scope parent) {
        Scope s = new Scope(ScopeKind.COMPONENT, parent);
        List<ComponentSection> sections = c.sections();
        for (int i = 0; i < sections.size(); i++) {
            DecodedComponent.SectionPlace place = layout != null && i < layout.size() ? layout.get(i) : null;
            s.offset = place != null ? place.contentOffset() : 0;
            section(s, sections.get(i), place);
        }
        for (int v = 0; v < s.valueUsed.size(); v++) {
            if (!s.valueUsed.get(v)) {
                throw error(s, "value index " + v + " was not used as part of an instantiation, start function, or export");
            }
        }
        return s;
    }

    private static long itemOffset(DecodedComponent.SectionPlace place, int item) {
        if (place == null) {
            return 0;
        }
        long[] items = place.itemOffsets();
        return items != null && item < items.length ? items[item] : place.contentOffset();
    }

    private void section(Scope s, ComponentSection section, DecodedComponent.SectionPlace place) {
        if (section instanceof ComponentSection.Custom c) {
        } else if (section instanceof ComponentSection.CoreModuleSection m) {
            ValidatedModule vm;
            if (place != null && place.nested() instanceof DecodedModule dm) {
                vm = Validator.validateDecoded(dm, features, deferredBodies);
            } else {
                vm = Validator.validate(m.module(), features);
            }
                            // Modules in components may not import one name twice (module types neither).
                java.util.Set<String> names = new java.util.HashSet<>();
                for (Import imp : vm.module().imports()) {
                    if (!names.add(imp.module() + "\0" + imp.name())) {
                        throw error(s, "duplicate import name `" + imp.module() + ":" + imp.name() + "`");
                    }
                }
                s.modules.add(vm);
                s.coreModules.add(moduleType(vm));
        } else if (section instanceof ComponentSection.CoreInstanceSection ci) {
            for (int i = 0; i < ci.instances().size(); i++) {
                s.offset = itemOffset(place, i);
                coreInstance(s, ci.instances().get(i));
            }
        } else if (section instanceof ComponentSection.CoreTypeSection ct) {
            for (int i = 0; i < ct.types().size(); i++) {
                s.offset = itemOffset(place, i);
                coreType(s, ct.types().get(i));
            }
        } else if (section instanceof ComponentSection.NestedComponentSection nc) {
            List<DecodedComponent.SectionPlace> nested = place != null
                    && place.nested() instanceof DecodedComponent dc ? dc.places() : null;
            Scope inner = component(nc.component(), nested, s);
            s.components.add(inner.type());
        } else if (section instanceof ComponentSection.InstanceSection is) {
            for (int i = 0; i < is.instances().size(); i++) {
                s.offset = itemOffset(place, i);
                instance(s, is.instances().get(i));
            }
        } else if (section instanceof ComponentSection.AliasSection as) {
            for (int i = 0; i < as.aliases().size(); i++) {
                s.offset = itemOffset(place, i);
                alias(s, as.aliases().get(i));
            }
        } else if (section instanceof ComponentSection.TypeSection ts) {
            for (int i = 0; i < ts.types().size(); i++) {
                s.offset = itemOffset(place, i);
                ComponentTypeDef t = defType(s, ts.types().get(i));
                s.types.add(t);
            }
        } else if (section instanceof ComponentSection.CanonSection cs) {
            for (int i = 0; i < cs.canons().size(); i++) {
                s.offset = itemOffset(place, i);
                canon(s, cs.canons().get(i));
            }
        } else if (section instanceof ComponentSection.StartSection st) {
            s.offset = itemOffset(place, 0);
            start(s, st.start());
        } else if (section instanceof ComponentSection.ImportSection im) {
            for (int i = 0; i < im.imports().size(); i++) {
                s.offset = itemOffset(place, i);
                ComponentImport imp = im.imports().get(i);
                importDecl(s, imp.name(), imp.type());
            }
        } else if (section instanceof ComponentSection.ExportSection ex) {
            for (int i = 0; i < ex.exports().size(); i++) {
                s.offset = itemOffset(place, i);
                export(s, ex.exports().get(i));
            }
        } else if (section instanceof ComponentSection.ValueSection vs) {
            require(s, Feature.CM_VALUES, "support for component model `value`s is not enabled");
            for (int i = 0; i < vs.values().size(); i++) {
                s.offset = itemOffset(place, i);
                ComponentValue v = vs.values().get(i);
                pushValue(s, valType(s, v.type()));
            }
        }
    }

    private void pushValue(Scope s, ValueType t) {
        s.values.add(t);
        s.valueUsed.add(false);
    }

    private ValueType useValue(Scope s, int index) {
        ValueType t = get(s.values, index);
        if (t == null) {
            throw outOfBounds(s, "value", index);
        }
        if (s.valueUsed.get(index)) {
            throw error(s, "value index " + index + " cannot be used more than once");
        }
        s.valueUsed.set(index, true);
        return t;
    }

    // ================================================================ core modules and instances

    private CoreModuleType moduleType(ValidatedModule vm) {
        List<CoreModuleType.Import> imports = new ArrayList<>();
        for (Import i : vm.module().imports()) {
            imports.add(new CoreModuleType.Import(i.module(), i.name(), coreExtern(vm, i.desc())));
        }
        Map<String, CoreExternType> exports = new LinkedHashMap<>();
        for (Export e : vm.module().exports()) {
            exports.put(e.name(), switch (e.kind()) {
                case FUNC -> coreFunc(vm, vm.funcTypeIndex(e.index()));
                case TABLE -> new CoreExternType.Table(vm.tables().get(e.index()));
                case MEMORY -> new CoreExternType.Memory(vm.memories().get(e.index()));
                case GLOBAL -> new CoreExternType.Global(vm.globals().get(e.index()));
                case TAG -> {
                    int t = vm.tags().get(e.index()).typeIndex();
                    yield new CoreExternType.Tag(vm.canonicalTypeId(t), vm.types().funcType(t));
                }
            });
        }
        return new CoreModuleType(imports, exports);
    }

    private static CoreExternType.Func coreFunc(ValidatedModule vm, int typeIndex) {
        return new CoreExternType.Func(vm.canonicalTypeId(typeIndex), vm.types().funcType(typeIndex));
    }

    private static CoreExternType coreExtern(ValidatedModule vm, ImportDesc d) {
        if (d instanceof ImportDesc.Func f) {
            return coreFunc(vm, f.typeIndex());
        } else if (d instanceof ImportDesc.TableImport t) {
            return new CoreExternType.Table(t.type());
        } else if (d instanceof ImportDesc.Memory m) {
            return new CoreExternType.Memory(m.type());
        } else if (d instanceof ImportDesc.GlobalImport g) {
            return new CoreExternType.Global(g.type());
        } else if (d instanceof ImportDesc.Tag t) {
            return new CoreExternType.Tag(vm.canonicalTypeId(t.type().typeIndex()), vm.types().funcType(t.type().typeIndex()));
        }
        throw new AssertionError(d);
    }

    private void coreInstance(Scope s, CoreInstance ci) {
        if (ci instanceof CoreInstance.Instantiate in) {
            CoreModuleType mt = get(s.coreModules, in.moduleIndex());
            if (mt == null) {
                throw outOfBounds(s, "module", in.moduleIndex());
            }
            Map<String, Map<String, CoreExternType>> args = new HashMap<>();
            for (CoreInstance.InstantiateArg a : in.args()) {
                Map<String, CoreExternType> inst = get(s.coreInstances, a.instanceIndex());
                if (inst == null) {
                    throw outOfBounds(s, "core instance", a.instanceIndex());
                }
                if (args.put(a.name(), inst) != null) {
                    throw error(s, "duplicate module instantiation argument named `" + a.name() + "`");
                }
            }
            for (CoreModuleType.Import imp : mt.imports()) {
                Map<String, CoreExternType> arg = args.get(imp.module());
                if (arg == null) {
                    throw error(s, "missing module instantiation argument named `" + imp.module() + "`");
                }
                CoreExternType actual = arg.get(imp.name());
                if (actual == null) {
                    throw error(s, "module instantiation argument `" + imp.module()
                            + "` does not export an item named `" + imp.name() + "`");
                }
                try {
                    Subtyping.core(actual, imp.type());
                } catch (Subtyping.Mismatch m) {
                    throw error(s, m.context("type mismatch for export `" + imp.name()
                            + "` of module instantiation argument `" + imp.module() + "`").getMessage());
                }
            }
            s.coreInstances.add(mt.exports());
        } else if (ci instanceof CoreInstance.FromExports fe) {
            Map<String, CoreExternType> exports = new LinkedHashMap<>();
            for (CoreInstance.InlineExport e : fe.exports()) {
                CoreExternType t = coreItem(s, e.item());
                if (exports.put(e.name(), t) != null) {
                    throw error(s, "export name `" + e.name() + "` already defined");
                }
            }
            s.coreInstances.add(exports);
        }
    }

    /** The type of a core item named by a core sort index (func, table, memory, global, tag). */
    private CoreExternType coreItem(Scope s, SortIndex si) {
        int i = si.index();
        switch (si.sort()) {
            case CORE_FUNC -> {
                CoreExternType.Func f = get(s.coreFuncs, i);
                if (f == null) {
                    throw outOfBounds(s, "function", i);
                }
                return f;
            }
            case CORE_TABLE -> {
                TableType t = get(s.coreTables, i);
                if (t == null) {
                    throw outOfBounds(s, "table", i);
                }
                return new CoreExternType.Table(t);
            }
            case CORE_MEMORY -> {
                MemoryType m = get(s.coreMemories, i);
                if (m == null) {
                    throw outOfBounds(s, "memory", i);
                }
                return new CoreExternType.Memory(m);
            }
            case CORE_GLOBAL -> {
                GlobalType g = get(s.coreGlobals, i);
                if (g == null) {
                    throw outOfBounds(s, "global", i);
                }
                return new CoreExternType.Global(g);
            }
            case CORE_TAG -> {
                require(s, Feature.EXCEPTIONS, "exceptions proposal not enabled");
                CoreExternType.Tag t = get(s.coreTags, i);
                if (t == null) {
                    throw outOfBounds(s, "tag", i);
                }
                return t;
            }
            default -> throw error(s, "core instances may only export functions, tables, memories, globals and tags");
        }
    }

    private void addCoreItem(Scope s, CoreExternType t) {
        if (t instanceof CoreExternType.Func f) {
            s.coreFuncs.add(f);
        } else if (t instanceof CoreExternType.Table tt) {
            s.coreTables.add(tt.type());
        } else if (t instanceof CoreExternType.Memory m) {
            s.coreMemories.add(m.type());
        } else if (t instanceof CoreExternType.Global g) {
            s.coreGlobals.add(g.type());
        } else if (t instanceof CoreExternType.Tag tg) {
            s.coreTags.add(tg);
        }
    }

    // ================================================================ core types

    private void coreType(Scope s, CoreType t) {
        if (t instanceof CoreType.Rec r) {
            coreRecGroup(s, s.coreTypes, s.coreGroups, r.group());
        } else if (t instanceof CoreType.ModuleType mt) {
            s.coreTypes.add(new ModuleTypeEntry(moduleTypeDecl(s, mt)));
            s.coreGroups.add(PLACEHOLDER_GROUP);
        }
    }

    /**
     * Stands in for an index space entry that is not a rec group member of this space (a module
     * type, an aliased type) when the space's groups are checked together.
     */
    private static final RecGroup PLACEHOLDER_GROUP = RecGroup.single(SubType.plain(new FuncType(List.of(), List.of())));

    /**
     * Adds a rec group's members. A group that refers to no type is checked and canonicalised on
     * its own; one that does is checked with the whole space before it ({@code groups}, which
     * mirrors {@code space}), as a module's type section is, since its indices are absolute.
     */
    private void coreRecGroup(Scope s, List<CoreTypeEntry> space, List<RecGroup> groups, RecGroup group) {
        if (group.explicit() || group.types().size() != 1 || !group.types().get(0).isFinal()
                || !group.types().get(0).supertypes().isEmpty()
                || !(group.types().get(0).composite() instanceof FuncType)) {
            require(s, Feature.GC, "gc proposal must be enabled to use rec groups or non-function core types");
        }
        int start = space.size();
        List<Integer> refs = typeRefs(group);
        for (int index : refs) {
            if (index >= 0 && index < start && space.get(index) instanceof ModuleTypeEntry) {
                throw error(s, "type index " + index + " is a module type");
            }
        }
        groups.add(group);
        TypeSpace ts;
        int base;
        if (!refs.isEmpty()) {
            ts = TypeSpace.build(groups, features, s.offset);
            base = start;
        } else {
            ts = TypeSpace.build(List.of(group), features, s.offset);
            base = 0;
        }
        for (int i = 0; i < group.types().size(); i++) {
            space.add(new CoreSub(ts.canonicalId(base + i), group.types().get(i)));
        }
    }

    /** The type indices a rec group mentions: supertypes and concrete heap types. */
    private static List<Integer> typeRefs(RecGroup group) {
        List<Integer> refs = new ArrayList<>();
        for (SubType st : group.types()) {
            refs.addAll(st.supertypes());
            CompositeType c = st.composite();
            if (c instanceof FuncType f) {
                f.params().forEach(t -> typeRef(t, refs));
                f.results().forEach(t -> typeRef(t, refs));
            } else if (c instanceof StructType struct) {
                struct.fields().forEach(field -> typeRef(field.storage(), refs));
            } else if (c instanceof ArrayType a) {
                typeRef(a.element().storage(), refs);
            } else if (c instanceof ContType k) {
                refs.add(k.funcTypeIndex());
            }
        }
        return refs;
    }

    private static void typeRef(StorageType t, List<Integer> refs) {
        if (t instanceof RefType r && r.heapType() instanceof ConcreteHeapType h) {
            refs.add(h.typeIndex());
        }
    }

    private CoreModuleType moduleTypeDecl(Scope s, CoreType.ModuleType mt) {
        List<CoreTypeEntry> types = new ArrayList<>();
        List<RecGroup> groups = new ArrayList<>();
        List<CoreModuleType.Import> imports = new ArrayList<>();
        Map<String, CoreExternType> exports = new LinkedHashMap<>();
        java.util.Set<String> importNames = new java.util.HashSet<>();
        for (CoreType.ModuleDecl d : mt.decls()) {
            if (d instanceof CoreType.ModuleDecl.Type ty) {
                coreRecGroup(s, types, groups, ty.group());
            } else if (d instanceof CoreType.ModuleDecl.OuterAlias oa) {
                // count 0 is the module type itself; 1 the enclosing scope, and so on.
                if (oa.count() == 0) {
                    CoreTypeEntry e = get(types, oa.index());
                    if (e == null) {
                        throw outOfBounds(s, "type", oa.index());
                    }
                    types.add(e);
                    groups.add(PLACEHOLDER_GROUP);
                } else {
                    Scope target = outer(s, oa.count() - 1);
                    CoreTypeEntry e = get(target.coreTypes, oa.index());
                    if (e == null) {
                        throw outOfBounds(s, "type", oa.index());
                    }
                    if (e instanceof ModuleTypeEntry) {
                        throw error(s, "cannot alias a module type into a module type");
                    }
                    types.add(e);
                    groups.add(PLACEHOLDER_GROUP);
                }
            } else if (d instanceof CoreType.ModuleDecl.Import im) {
                Import i = im.item();
                if (!importNames.add(i.module() + "\0" + i.name())) {
                    throw error(s, "duplicate import name `" + i.module() + ":" + i.name() + "`");
                }
                imports.add(new CoreModuleType.Import(i.module(), i.name(), declExtern(s, types, i.desc())));
            } else if (d instanceof CoreType.ModuleDecl.Export ex) {
                if (exports.put(ex.name(), declExtern(s, types, ex.type())) != null) {
                    throw error(s, "export name `" + ex.name() + "` already defined");
                }
            }
        }
        return new CoreModuleType(imports, exports);
    }

    private CoreExternType declExtern(Scope s, List<CoreTypeEntry> types, ImportDesc d) {
        if (d instanceof ImportDesc.Func f) {
            CoreSub e = coreFuncTypeAt(s, types, f.typeIndex());
            return new CoreExternType.Func(e.canonicalId(), (FuncType) e.type().composite());
        } else if (d instanceof ImportDesc.TableImport t) {
            return new CoreExternType.Table(t.type());
        } else if (d instanceof ImportDesc.Memory m) {
            if (m.type().limits().is64() && !features.has(Feature.MEMORY64)) {
                                throw error(s, "memory64 must be enabled for 64-bit memories");
            }
            checkMemoryLimits(s, m.type());
            return new CoreExternType.Memory(m.type());
        } else if (d instanceof ImportDesc.GlobalImport g) {
            return new CoreExternType.Global(g.type());
        } else if (d instanceof ImportDesc.Tag t) {
            require(s, Feature.EXCEPTIONS, "exceptions proposal not enabled");
            CoreSub e = coreFuncTypeAt(s, types, t.type().typeIndex());
            return new CoreExternType.Tag(e.canonicalId(), (FuncType) e.type().composite());
        }
        throw new AssertionError(d);
    }

        /** The core rule on memory sizes, for memories declared in module types. */
    private void checkMemoryLimits(Scope s, MemoryType m) {
        int log = m.limits().pageSizeLog2() < 0 ? 16 : m.limits().pageSizeLog2();
        long maxPages = m.limits().is64() ? 1L << (64 - log) : 1L << (32 - log);
        if (Long.compareUnsigned(m.limits().min(), maxPages) > 0 || m.limits().max().isPresent()
                && Long.compareUnsigned(m.limits().max().getAsLong(), maxPages) > 0) {
            throw error(s, "memory size must be at most " + maxPages + " pages");
        }
    }

    private CoreSub coreFuncTypeAt(Scope s, List<CoreTypeEntry> types, int index) {
        CoreTypeEntry e = get(types, index);
        if (e == null) {
            throw error(s, "unknown type " + index + ": type index out of bounds");
        }
        if (!(e instanceof CoreSub sub) || !(sub.type().composite() instanceof FuncType)) {
            throw error(s, "type index " + index + " is not a function type");
        }
        return sub;
    }

    // ================================================================ aliases

    /** The scope {@code count} levels out from {@code s} (0 is {@code s}). */
    private Scope outer(Scope s, int count) {
        Scope t = s;
        for (int i = 0; i < count; i++) {
            if (t.parent == null) {
                throw error(s, "invalid outer alias count of " + count);
            }
            t = t.parent;
        }
        return t;
    }

    private void alias(Scope s, Alias a) {
        if (a instanceof Alias.InstanceExport ie) {
            InstanceType it = get(s.instances, ie.instanceIndex());
            if (it == null) {
                throw outOfBounds(s, "instance", ie.instanceIndex());
            }
            ComponentEntityType t = it.exports().get(ie.name());
            if (t == null) {
                throw error(s, "instance " + ie.instanceIndex() + " has no export named `" + ie.name() + "`");
            }
            if (!sortOf(t).equals(ie.sort())) {
                throw error(s, "export `" + ie.name() + "` for instance " + ie.instanceIndex() + " is not a "
                        + sortName(ie.sort()));
            }
            if (s.kind != ScopeKind.COMPONENT && ie.sort() != Sort.TYPE && ie.sort() != Sort.INSTANCE) {
                throw error(s, "aliases in a component or instance type may only refer to types or instances");
            }
            addEntity(s, t, true);
        } else if (a instanceof Alias.CoreInstanceExport ce) {
            if (s.kind != ScopeKind.COMPONENT) {
                throw error(s, "aliases in a component or instance type may only refer to types or instances");
            }
                            if (ce.sort() == Sort.CORE_TAG) {
                    require(s, Feature.EXCEPTIONS, "exceptions proposal not enabled");
                }
                Map<String, CoreExternType> inst = get(s.coreInstances, ce.instanceIndex());
            if (inst == null) {
                throw outOfBounds(s, "core instance", ce.instanceIndex());
            }
            CoreExternType t = inst.get(ce.name());
            if (t == null) {
                throw error(s, "core instance " + ce.instanceIndex() + " has no export named `" + ce.name() + "`");
            }
                            String kind = CoreExternType.kindName(t);
                if (t instanceof CoreExternType.Tag) {
                    require(s, Feature.EXCEPTIONS, "exceptions proposal not enabled");
                }
            if (!ce.sort().isCore() || !ce.sort().coreSort().text().equals(kind)) {
                throw error(s, "export `" + ce.name() + "` for core instance " + ce.instanceIndex() + " is not a "
                        + (ce.sort().isCore() ? ce.sort().coreSort().text() : ce.sort().text()));
            }
            addCoreItem(s, t);
        } else if (a instanceof Alias.Outer o) {
            outerAlias(s, o);
        }
    }

    private void outerAlias(Scope s, Alias.Outer o) {
        Sort sort = o.sort();
        if (sort != Sort.TYPE && sort != Sort.CORE_TYPE && sort != Sort.CORE_MODULE && sort != Sort.COMPONENT) {
            throw error(s, "only outer type, core type, core module and component aliases are allowed");
        }
        if (s.kind != ScopeKind.COMPONENT && sort != Sort.TYPE && sort != Sort.CORE_TYPE) {
            throw error(s, "aliases in a component or instance type may only refer to types or instances");
        }
        Scope target = s;
        boolean crossesComponent = false;
        for (int i = 0; i < o.count(); i++) {
            if (target.parent == null) {
                throw error(s, "invalid outer alias count of " + o.count());
            }
            crossesComponent |= target.kind == ScopeKind.COMPONENT;
            target = target.parent;
        }
        switch (sort) {
            case TYPE -> {
                ComponentTypeDef t = get(target.types, o.index());
                if (t == null) {
                    throw outOfBounds(s, "type", o.index());
                }
                if (crossesComponent && refersToResources(t)) {
                    throw error(s, "type transitively refers to resources not defined in the current component");
                }
                s.types.add(t);
            }
            case CORE_TYPE -> {
                CoreTypeEntry t = get(target.coreTypes, o.index());
                if (t == null) {
                    throw outOfBounds(s, "core type", o.index());
                }
                s.coreTypes.add(t);
                s.coreGroups.add(PLACEHOLDER_GROUP);
            }
            case CORE_MODULE -> {
                CoreModuleType m = get(target.coreModules, o.index());
                if (m == null) {
                    throw outOfBounds(s, "module", o.index());
                }
                s.coreModules.add(m);
            }
            default -> {
                ComponentType c = get(target.components, o.index());
                if (c == null) {
                    throw outOfBounds(s, "component", o.index());
                }
                s.components.add(c);
            }
        }
    }

    private static boolean refersToResources(Object t) {
        if (t instanceof ResourceType) {
            return true;
        }
        if (t instanceof ValueType v) {
            return valueRefersToResource(v);
        }
        if (t instanceof ComponentFuncType f) {
            return f.params().stream().anyMatch(p -> valueRefersToResource(p.type()))
                    || f.result() != null && valueRefersToResource(f.result());
        }
        if (t instanceof InstanceType i) {
            return i.exports().values().stream().anyMatch(ComponentValidator::entityRefersToResource);
        }
        if (t instanceof ComponentType c) {
            return c.imports().values().stream().anyMatch(ComponentValidator::entityRefersToResource)
                    || c.exports().values().stream().anyMatch(ComponentValidator::entityRefersToResource);
        }
        return false;
    }

    private static boolean entityRefersToResource(ComponentEntityType e) {
        if (e instanceof ComponentEntityType.Type t) {
            return t.type() instanceof ResourceType r ? r.isDefined() : refersToResources(t.type());
        }
        if (e instanceof ComponentEntityType.Value v) {
            return valueRefersToResource(v.type());
        }
        return refersToResources(e);
    }

    private static boolean valueRefersToResource(ValueType v) {
        if (v instanceof ValueType.Own || v instanceof ValueType.Borrow) {
            return true;
        }
        if (v instanceof ValueType.Record r) {
            return r.fields().stream().anyMatch(f -> valueRefersToResource(f.type()));
        }
        if (v instanceof ValueType.Tuple t) {
            return t.types().stream().anyMatch(ComponentValidator::valueRefersToResource);
        }
        if (v instanceof ValueType.ListType l) {
            return valueRefersToResource(l.element());
        }
        if (v instanceof ValueType.MapType m) {
            return valueRefersToResource(m.key()) || valueRefersToResource(m.value());
        }
        if (v instanceof ValueType.Stream st) {
            return st.type() != null && valueRefersToResource(st.type());
        }
        if (v instanceof ValueType.Future f) {
            return f.type() != null && valueRefersToResource(f.type());
        }
        List<ValueType> cases = CanonicalAbi.cases(v);
        return cases != null && cases.stream().anyMatch(c -> c != null && valueRefersToResource(c));
    }

    private static Sort sortOf(ComponentEntityType t) {
        if (t instanceof CoreModuleType m) {
            return Sort.CORE_MODULE;
        } else if (t instanceof ComponentFuncType f) {
            return Sort.FUNC;
        } else if (t instanceof ComponentEntityType.Value v) {
            return Sort.VALUE;
        } else if (t instanceof ComponentEntityType.Type ty) {
            return Sort.TYPE;
        } else if (t instanceof InstanceType i) {
            return Sort.INSTANCE;
        } else if (t instanceof ComponentType c) {
            return Sort.COMPONENT;
        }
        throw new AssertionError(t);
    }

    private static String sortName(Sort sort) {
        return sort == Sort.CORE_MODULE ? "module" : sort.text();
    }

    /** Adds an imported, exported or aliased item to its index space. */
    private void addEntity(Scope s, ComponentEntityType t, boolean alias) {
        if (t instanceof CoreModuleType m) {
            s.coreModules.add(m);
        } else if (t instanceof ComponentFuncType f) {
            s.funcs.add(f);
        } else if (t instanceof ComponentEntityType.Value v) {
            pushValue(s, v.type());
        } else if (t instanceof ComponentEntityType.Type ty) {
            s.types.add(ty.type());
        } else if (t instanceof InstanceType i) {
            s.instances.add(i);
        } else if (t instanceof ComponentType c) {
            s.components.add(c);
        }
    }

    // ================================================================ types

    /** wasm-tools' bound on a fixed-length list's element count (2^30). */
    private static final long MAX_FIXED_LIST_LENGTH = 1L << 30;

    private ComponentTypeDef typeAt(Scope s, int index) {
        ComponentTypeDef t = get(s.types, index);
        if (t == null) {
            throw outOfBounds(s, "type", index);
        }
        return t;
    }

        private ComponentTypeDef defType(Scope s, DefType d) {
        ComponentTypeDef t;
        if (d instanceof DefValType v) {
            t = defValType(s, v);
        } else if (d instanceof DefType.Func f) {
            t = funcType(s, f);
        } else if (d instanceof DefType.ComponentType ct) {
            t = componentType(s, ct);
        } else if (d instanceof DefType.InstanceType it) {
            t = instanceType(s, it);
        } else {
            t = resourceType(s, (DefType.Resource) d);
        }
        if (typeSize(t) > MAX_TYPE_SIZE) {
            throw error(s, "effective type size exceeds the limit of " + MAX_TYPE_SIZE);
        }
        return t;
    }

    /**
     * wasm-tools' bound on the size of a type (its nodes, counting shared parts each time they are
     * used), which keeps exponentially large types made of small definitions out.
     */
    static final int MAX_TYPE_SIZE = 1_000_000;
    private final Map<Object, Integer> typeSizes = new IdentityHashMap<>();

    private int typeSize(Object t) {
        if (t == null || t instanceof ValueType.Primitive || t instanceof ResourceType) {
            return 1;
        }
        Integer known = typeSizes.get(t);
        if (known != null) {
            return known;
        }
        long n = 1;
        if (t instanceof ValueType.Record r) {
            for (ValueType.Field f : r.fields()) {
                n += typeSize(f.type());
            }
        } else if (t instanceof ValueType.Variant v) {
            for (ValueType.Case c : v.cases()) {
                n += typeSize(c.type());
            }
        } else if (t instanceof ValueType.Tuple tu) {
            for (ValueType e : tu.types()) {
                n += typeSize(e);
            }
        } else if (t instanceof ValueType.ListType l) {
            n += typeSize(l.element());
        } else if (t instanceof ValueType.Option o) {
            n += typeSize(o.type());
        } else if (t instanceof ValueType.Result r) {
            n += typeSize(r.ok()) + typeSize(r.err());
        } else if (t instanceof ValueType.Stream st) {
            n += typeSize(st.type());
        } else if (t instanceof ValueType.Future f) {
            n += typeSize(f.type());
        } else if (t instanceof ValueType.MapType m) {
            n += typeSize(m.key()) + typeSize(m.value());
        } else if (t instanceof ComponentFuncType f) {
            for (ComponentFuncType.Param p : f.params()) {
                n += typeSize(p.type());
            }
            n += typeSize(f.result());
        } else if (t instanceof InstanceType it) {
            for (ComponentEntityType e : it.exports().values()) {
                n += entitySize(e);
            }
        } else if (t instanceof ComponentType ct) {
            for (ComponentEntityType e : ct.imports().values()) {
                n += entitySize(e);
            }
            for (ComponentEntityType e : ct.exports().values()) {
                n += entitySize(e);
            }
        } else if (t instanceof ValueType.Flags f) {
            n += f.names().size();
        } else if (t instanceof ValueType.Enum e) {
            n += e.names().size();
        }
        int size = (int) Math.min(n, Integer.MAX_VALUE);
        typeSizes.put(t, size);
        return size;
    }

    private int entitySize(ComponentEntityType e) {
        if (e instanceof ComponentEntityType.Type t) {
            return typeSize(t.type());
        }
        if (e instanceof ComponentEntityType.Value v) {
            return typeSize(v.type());
        }
        return e instanceof CoreModuleType ? 1 : typeSize(e);
    }

    private ResourceType resourceType(Scope s, DefType.Resource r) {
        if (s.kind != ScopeKind.COMPONENT) {
            throw error(s, "resources can only be defined within a concrete component");
        }
        if (!(r.rep() instanceof NumType n) || n != NumType.I32 && n != NumType.I64) {
            throw error(s, "resources can only be represented by `i32` or `i64`");
        }
        if (n == NumType.I64) {
            require(s, Feature.CM64, "resources with `i64` require the `cm64` feature to be enabled");
        }
        int dtor = -1;
        if (r.dtor().isPresent()) {
            dtor = r.dtor().getAsInt();
            CoreExternType.Func f = get(s.coreFuncs, dtor);
            if (f == null) {
                throw outOfBounds(s, "function", dtor);
            }
            if (!f.type().params().equals(List.of(n)) || !f.type().results().isEmpty()) {
                throw error(s, "wrong signature for a destructor");
            }
        }
        ResourceType rt = ResourceType.defined(r.rep(), dtor);
        s.localResources.add(rt);
        s.definedResources.add(rt);
        return rt;
    }

    ValueType valType(Scope s, dev.jwt.binary.component.ComponentValType t) {
        if (t instanceof PrimValType p) {
            return primitive(s, p);
        }
        int index = ((dev.jwt.binary.component.ComponentValType.TypeIndex) t).index();
        ComponentTypeDef d = typeAt(s, index);
        if (!(d instanceof ValueType v)) {
            throw error(s, "type index " + index + " is not a defined type");
        }
        return v;
    }

    private ValueType primitive(Scope s, PrimValType p) {
        if (p == PrimValType.ERROR_CONTEXT) {
            require(s, Feature.CM_ERROR_CONTEXT, "`error-context` requires the component model error-context feature");
        }
        return ValueType.Primitive.values()[p.ordinal()];
    }

    private ValueType optionalValType(Scope s, java.util.Optional<dev.jwt.binary.component.ComponentValType> t) {
        return t.isPresent() ? valType(s, t.get()) : null;
    }

    private ValueType defValType(Scope s, DefValType d) {
                return defValTypeShape(s, d);
    }

    private ValueType defValTypeShape(Scope s, DefValType d) {
        if (d instanceof PrimValType p) {
            return primitive(s, p);
        } else if (d instanceof DefValType.Record r) {
            if (r.fields().isEmpty()) {
                throw error(s, "record type must have at least one field");
            }
            List<ValueType.Field> fields = new ArrayList<>();
            Map<String, String> seen = new HashMap<>();
            for (DefType.LabelValType f : r.fields()) {
                label(s, f.label(), "record field name", "field name", seen);
                fields.add(new ValueType.Field(f.label(), valType(s, f.type())));
            }
            return new ValueType.Record(fields);
        } else if (d instanceof DefValType.Variant v) {
            if (v.cases().isEmpty()) {
                throw error(s, "variant type must have at least one case");
            }
            if (v.cases().size() > 0xFFFF_FFFFL) {
                throw error(s, "variant type cannot be represented with a 32-bit discriminant value");
            }
            List<ValueType.Case> cases = new ArrayList<>();
            Map<String, String> seen = new HashMap<>();
            for (DefValType.Case c : v.cases()) {
                label(s, c.label(), "variant case name", "case name", seen);
                cases.add(new ValueType.Case(c.label(), optionalValType(s, c.type())));
            }
            return new ValueType.Variant(cases);
        } else if (d instanceof DefValType.ListType l) {
            return new ValueType.ListType(valType(s, l.element()), -1);
        } else if (d instanceof DefValType.FixedSizeList l) {
            require(s, Feature.CM_FIXED_LENGTH_LISTS,
                    "Fixed-length lists require the component model fixed-length lists feature");
            if (l.length() == 0) {
                throw error(s, "Fixed-length lists must have more than zero elements");
            }
            if (Integer.toUnsignedLong(l.length()) > MAX_FIXED_LIST_LENGTH) {
                throw error(s, "fixed-length list element count exceeds limit of " + MAX_FIXED_LIST_LENGTH);
            }
            return new ValueType.ListType(valType(s, l.element()), Integer.toUnsignedLong(l.length()));
        } else if (d instanceof DefValType.Tuple tu) {
            if (tu.types().isEmpty()) {
                throw error(s, "tuple type must have at least one type");
            }
            List<ValueType> ts = new ArrayList<>();
            for (var e : tu.types()) {
                ts.add(valType(s, e));
            }
            return new ValueType.Tuple(ts);
        } else if (d instanceof DefValType.Flags f) {
            if (f.labels().isEmpty()) {
                throw error(s, "flags must have at least one entry");
            }
            if (f.labels().size() > 32) {
                throw error(s, "cannot have more than 32 flags");
            }
            Map<String, String> seen = new HashMap<>();
            for (String l : f.labels()) {
                label(s, l, "flag name", "flag name", seen);
            }
            return new ValueType.Flags(f.labels());
        } else if (d instanceof DefValType.Enum e) {
            if (e.labels().isEmpty()) {
                throw error(s, "enum type must have at least one variant");
            }
            Map<String, String> seen = new HashMap<>();
            for (String l : e.labels()) {
                label(s, l, "enum tag name", "tag name", seen);
            }
            return new ValueType.Enum(e.labels());
        } else if (d instanceof DefValType.Option o) {
            return new ValueType.Option(valType(s, o.type()));
        } else if (d instanceof DefValType.Result r) {
            return new ValueType.Result(optionalValType(s, r.ok()), optionalValType(s, r.error()));
        } else if (d instanceof DefValType.Own o) {
            return new ValueType.Own(resourceAt(s, o.typeIndex()));
        } else if (d instanceof DefValType.Borrow b) {
            return new ValueType.Borrow(resourceAt(s, b.typeIndex()));
        } else if (d instanceof DefValType.Stream st) {
            require(s, Feature.CM_ASYNC, "`stream` requires the component model async feature");
            ValueType e = optionalValType(s, st.element());
            if (e == ValueType.Primitive.CHAR) {
                throw error(s, "`stream<char>` is not valid at this time, use `stream<u8>` with a defined "
                        + "by encoding instead for now");
            }
            if (e != null && CanonicalAbi.containsBorrow(e)) {
                throw error(s, "stream element type cannot contain a `borrow` type");
            }
            return new ValueType.Stream(e);
        } else if (d instanceof DefValType.Future fu) {
            require(s, Feature.CM_ASYNC, "`future` requires the component model async feature");
            ValueType e = optionalValType(s, fu.element());
            if (e != null && CanonicalAbi.containsBorrow(e)) {
                throw error(s, "future payload type cannot contain a `borrow` type");
            }
            return new ValueType.Future(e);
        } else if (d instanceof DefValType.MapType m) {
            require(s, Feature.CM_MAP, "Maps require the component model map feature");
            ValueType k = valType(s, m.key());
            if (!(k instanceof ValueType.Primitive kp) || kp == ValueType.Primitive.F32
                    || kp == ValueType.Primitive.F64 || kp == ValueType.Primitive.ERROR_CONTEXT) {
                throw error(s, "map key type must be a primitive type other than a float or error-context");
            }
            return new ValueType.MapType(k, valType(s, m.value()));
        }
        throw new AssertionError(d);
    }

    private ResourceType resourceAt(Scope s, int index) {
        ComponentTypeDef t = typeAt(s, index);
        if (!(t instanceof ResourceType r)) {
            throw error(s, "type index " + index + " is not a resource type");
        }
        return r;
    }

    /** A kebab-case label, strongly unique among its siblings. */
    private void label(Scope s, String label, String what, String previous, Map<String, String> seen) {
        if (label.isEmpty()) {
            throw error(s, what + " cannot be empty");
        }
        if (!ComponentName.isKebab(label)) {
            throw error(s, what + " `" + label + "` is not in kebab case");
        }
        String old = seen.put(label.toLowerCase(java.util.Locale.ROOT), label);
        if (old != null) {
            throw error(s, what + " `" + label + "` conflicts with previous " + previous + " `" + old + "`");
        }
    }

    private ComponentFuncType funcType(Scope s, DefType.Func f) {
        if (f.async()) {
            require(s, Feature.CM_ASYNC, "async component functions require the component model async feature");
        }
        List<ComponentFuncType.Param> params = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (DefType.LabelValType p : f.params()) {
            label(s, p.label(), "function parameter name", "parameter name", seen);
            params.add(new ComponentFuncType.Param(p.label(), valType(s, p.type())));
        }
        ValueType result = optionalValType(s, f.result());
        if (result != null && CanonicalAbi.containsBorrow(result)) {
            throw error(s, "function result cannot contain a `borrow` type");
        }
        return new ComponentFuncType(params, result, f.async());
    }

    private ComponentType componentType(Scope s, DefType.ComponentType ct) {
        Scope t = new Scope(ScopeKind.COMPONENT_TYPE, s);
        t.offset = s.offset;
        for (ComponentDecl d : ct.decls()) {
            if (d instanceof ComponentDecl.Import im) {
                importDecl(t, im.name(), im.type());
            } else {
                instanceDecl(t, (InstanceDecl) d);
            }
        }
        return t.type();
    }

    private InstanceType instanceType(Scope s, DefType.InstanceType it) {
        Scope t = new Scope(ScopeKind.INSTANCE_TYPE, s);
        t.offset = s.offset;
        for (InstanceDecl d : it.decls()) {
            instanceDecl(t, d);
        }
        InstanceType result = new InstanceType(t.exports, t.definedResources);
        
        return result;
    }

    private void instanceDecl(Scope t, InstanceDecl d) {
        if (d instanceof InstanceDecl.CoreTypeDecl c) {
            coreType(t, c.type());
        } else if (d instanceof InstanceDecl.TypeDecl ty) {
            ComponentTypeDef def = defType(t, ty.type());
            t.types.add(def);
        } else if (d instanceof InstanceDecl.AliasDecl a) {
            if (a.alias() instanceof Alias.CoreInstanceExport) {
                throw error(t, "aliases in a component or instance type may only refer to types or instances");
            }
            alias(t, a.alias());
        } else if (d instanceof InstanceDecl.Export e) {
            ComponentEntityType et = externType(t, e.type(), e.name().name(), false);
            ComponentName name = externName(t, e.name(), false, et);
            addExport(t, name, et);
        }
    }

    // ================================================================ imports and exports

    /**
     * Parses and checks an import or export name with its attributes, once the item's type is
     * known (wasm-tools checks the item first).
     */
    private ComponentName externName(Scope s, ExternName n, boolean isImport, ComponentEntityType type) {
        boolean nested = features.has(Feature.CM_NESTED_NAMES);
        boolean canon = features.has(Feature.CM_CANON_NAMES);
        ComponentName name;
        try {
            name = ComponentName.parse(n.name(), nested, canon);
        } catch (ComponentName.NameException e) {
            throw error(s, "`" + n.name() + "` is not a valid extern name: " + e.getMessage());
        }
        if (!isImport && !name.exportable()) {
            throw error(s, "`" + n.name() + "` is not a valid export name");
        }
        java.util.Set<Integer> kinds = new java.util.HashSet<>();
        boolean suffix = false;
        for (ExternName.Attribute a : n.attributes()) {
            if (!kinds.add(a.code())) {
                String kind = a instanceof ExternName.Attribute.Implements ? "implements"
                        : a instanceof ExternName.Attribute.VersionSuffix ? "versionsuffix" : "external-id";
                throw error(s, "duplicate '" + kind + "' option in name");
            }
            if (a instanceof ExternName.Attribute.Implements im) {
                require(s, Feature.CM_IMPLEMENTS, "the `cm-implements` feature is not active");
                ComponentName in;
                try {
                    in = ComponentName.parse(im.interfaceName(), nested, canon);
                } catch (ComponentName.NameException e) {
                    throw error(s, "`" + im.interfaceName() + "` is not a valid name: " + e.getMessage());
                }
                if (in.kind() != ComponentName.Kind.INTERFACE) {
                    throw error(s, "`" + im.interfaceName() + "` must be an interface");
                }
                if (!(type instanceof InstanceType)) {
                    throw error(s, "only instances can have an `implements` attribute");
                }
                if (name.kind() != ComponentName.Kind.LABEL) {
                    throw error(s, "name `" + n.name() + "` is not valid with `implements`");
                }
            } else if (a instanceof ExternName.Attribute.VersionSuffix vs) {
                suffix = true;
                if (!(type instanceof InstanceType)) {
                    throw error(s, "only instances can have a `versionsuffix` attribute");
                }
                String v = name.version();
                if (v == null || !ComponentName.isCanonVersion(v) || Semver.check(v + vs.suffix()) != null) {
                    throw error(s, "invalid interface version with `versionsuffix`: `" + n.name() + "` and `"
                            + vs.suffix() + "`");
                }
            }
        }
        if (!suffix && canon && name.version() != null && Semver.check(name.version()) != null) {
            // A canonical version stands for a full one only together with its suffix.
            throw error(s, "invalid interface version: `" + n.name() + "` needs a `versionsuffix`");
        }
        return name;
    }

    /** Resolves an {@code externtype}, creating fresh resources for {@code (sub resource)} bounds. */
    private ComponentEntityType externType(Scope s, ExternType et, String name, boolean isImport) {
        if (et instanceof ExternType.Module m) {
            CoreTypeEntry e = get(s.coreTypes, m.coreTypeIndex());
            if (e == null) {
                throw outOfBounds(s, "core type", m.coreTypeIndex());
            }
            if (!(e instanceof ModuleTypeEntry mt)) {
                throw error(s, "core type index " + m.coreTypeIndex() + " is not a module type");
            }
            return mt.type();
        } else if (et instanceof ExternType.Func f) {
            ComponentTypeDef t = typeAt(s, f.typeIndex());
            if (!(t instanceof ComponentFuncType ft)) {
                throw error(s, "type index " + f.typeIndex() + " is not a function type");
            }
            return ft;
        } else if (et instanceof ExternType.Value v) {
            require(s, Feature.CM_VALUES, "support for component model `value`s is not enabled");
            if (v.bound() instanceof ExternType.ValueBound.Eq eq) {
                ValueType t = get(s.values, eq.valueIndex());
                if (t == null) {
                    throw outOfBounds(s, "value", eq.valueIndex());
                }
                return new ComponentEntityType.Value(t);
            }
            return new ComponentEntityType.Value(valType(s, ((ExternType.ValueBound.Type) v.bound()).type()));
        } else if (et instanceof ExternType.Type t) {
            if (t.bound() instanceof ExternType.TypeBound.Eq eq) {
                return new ComponentEntityType.Type(typeAt(s, eq.typeIndex()));
            }
            ResourceType r = ResourceType.fresh(name);
            if (isImport) {
                s.importedResources.add(r);
            } else {
                s.definedResources.add(r);
            }
            return new ComponentEntityType.Type(r);
        } else if (et instanceof ExternType.Component c) {
            ComponentTypeDef t = typeAt(s, c.typeIndex());
            if (!(t instanceof ComponentType ct)) {
                throw error(s, "type index " + c.typeIndex() + " is not a component type");
            }
            return ct;
        } else if (et instanceof ExternType.Instance i) {
            ComponentTypeDef t = typeAt(s, i.typeIndex());
            if (!(t instanceof InstanceType it)) {
                throw error(s, "type index " + i.typeIndex() + " is not an instance type");
            }
            return it;
        }
        throw new AssertionError(et);
    }

    private void importDecl(Scope s, ExternName n, ExternType et) {
                ComponentEntityType t = externType(s, et, n.name(), true);
        ComponentName name = externName(s, n, true, t);
        t = renamed(t, n.name());
                t = freshResources(s, t, s.importedResources);
        if (s.kind == ScopeKind.COMPONENT && t instanceof ComponentEntityType.Type ty
                && ty.type() instanceof ResourceType r && !r.isDefined()) {
            s.importedResources.add(r);
        }
        checkNamed(s, t, "import", s.importedTypes);
        checkResourceName(s, name, t, s.importResourceNames, true);
        String key = name.uniquenessKey();
        String previous = s.importKeys.putIfAbsent(key, n.name());
        if (previous != null) {
            throw error(s, "import name `" + n.name() + "` conflicts with previous name `" + previous + "`");
        }
        s.imports.put(n.name(), t);
        nameTypes(t, s.importedTypes);
        addEntity(s, t, false);
    }

        /**
     * An import or export of a type gives it a new identity (Explainer, "external visibility of
     * types"): only the new one has a name here, so later uses must go through it. Primitives
     * need no name.
     */
        /** Each type's copies made by {@link #renamed} (original -> copies), for substitution. */
    private final Map<Object, List<Object>> copies = new IdentityHashMap<>();

        /** Maps the value types {@code expected} binds (itself, or its instance's exports) to {@code actual}'s. */
    private void bindTypes(ComponentEntityType expected, ComponentEntityType actual, Map<Object, Object> map) {
        if (expected instanceof ComponentEntityType.Type et && et.type() instanceof ValueType ev
                && !(ev instanceof ValueType.Primitive)
                && actual instanceof ComponentEntityType.Type at && at.type() instanceof ValueType av) {
            mapWithCopies(map, ev, av);
        } else if (expected instanceof InstanceType ei && actual instanceof InstanceType ai) {
            for (Map.Entry<String, ComponentEntityType> e : ei.exports().entrySet()) {
                ComponentEntityType a = ai.exports().get(e.getKey());
                if (a != null) {
                    bindTypes(e.getValue(), a, map);
                }
            }
        }
    }

    private void mapWithCopies(Map<Object, Object> map, Object from, Object to) {
        map.put(from, to);
        for (Object c : copies.getOrDefault(from, List.of())) {
            mapWithCopies(map, c, to);
        }
    }

    private ComponentEntityType renamed(ComponentEntityType t, String name) {
        if (!(t instanceof ComponentEntityType.Type ty)) {
            return t;
        }
        if (ty.type() instanceof ResourceType r) {
            return new ComponentEntityType.Type(ResourceType.alias(r, name));
        }
                if (ty.type() instanceof ValueType v && !(v instanceof ValueType.Primitive)) {
            ValueType c = copy(v);
            copies.computeIfAbsent(v, k -> new ArrayList<>()).add(c);
            return new ComponentEntityType.Type(c);
        }
        return t;
    }

    /** A distinct but equal object for {@code v}. */
    private static ValueType copy(ValueType v) {
        if (v instanceof ValueType.Record r) return new ValueType.Record(r.fields());
        if (v instanceof ValueType.Variant x) return new ValueType.Variant(x.cases());
        if (v instanceof ValueType.ListType l) return new ValueType.ListType(l.element(), l.length());
        if (v instanceof ValueType.Tuple t) return new ValueType.Tuple(t.types());
        if (v instanceof ValueType.Flags f) return new ValueType.Flags(f.names());
        if (v instanceof ValueType.Enum e) return new ValueType.Enum(e.names());
        if (v instanceof ValueType.Option o) return new ValueType.Option(o.type());
        if (v instanceof ValueType.Result r) return new ValueType.Result(r.ok(), r.err());
        if (v instanceof ValueType.Own o) return new ValueType.Own(o.resource());
        if (v instanceof ValueType.Borrow b) return new ValueType.Borrow(b.resource());
        if (v instanceof ValueType.Stream st) return new ValueType.Stream(st.type());
        if (v instanceof ValueType.Future f) return new ValueType.Future(f.type());
        if (v instanceof ValueType.MapType m) return new ValueType.MapType(m.key(), m.value());
        return v;
    }

        /**
     * Each import of an instance type (and each export of one from a type) has resources of its
     * own: the abstract resources the type defines are made fresh. In a type, the fresh ones are
     * bound by that type in turn ({@code into}).
     */
    private ComponentEntityType freshResources(Scope s, ComponentEntityType t, List<ResourceType> into) {
        if (!(t instanceof InstanceType it) || it.definedResources().isEmpty()) {
            return t;
        }
        Map<Object, Object> fresh = new IdentityHashMap<>();
        for (ResourceType r : it.definedResources()) {
            ResourceType f = ResourceType.fresh(r.name());
            fresh.put(r.root(), f);
            if (s.kind != ScopeKind.COMPONENT) {
                into.add(f);
            }
        }
        return Subtyping.substitute(t, fresh);
    }

    private void addExport(Scope s, ComponentName name, ComponentEntityType t) {
        if (s.kind != ScopeKind.COMPONENT) {
            t = freshResources(s, t, s.definedResources);
        }
        Set<Object> named = Collections.newSetFromMap(new IdentityHashMap<>());
        named.addAll(s.importedTypes);
        named.addAll(s.exportedTypes);
                checkNamed(s, t, "export", named);
        t = renamed(t, name.text());
        // Import and export names are disjoint: an export finds only exported resource names.
        checkResourceName(s, name, t, s.exportResourceNames, false);
        String key = name.uniquenessKey();
        String previous = s.exportKeys.putIfAbsent(key, name.text());
        if (previous != null) {
            throw error(s, "export name `" + name.text() + "` conflicts with previous name `" + previous + "`");
        }
        s.exports.put(name.text(), t);
        nameTypes(t, s.exportedTypes);
        addEntity(s, t, false);
        if (t instanceof ComponentEntityType.Value) {
            // The exported value is a new index whose use is the export itself.
            s.valueUsed.set(s.valueUsed.size() - 1, true);
        }
    }

    private void export(Scope s, ComponentExport e) {
        ComponentEntityType t = item(s, e.item(), true);
        if (e.type().isPresent()) {
            ComponentEntityType ascribed = externType(s, e.type().get(), e.name().name(), false);
            try {
                Subtyping.entity(t, ascribed);
            } catch (Subtyping.Mismatch m) {
                throw error(s, "ascribed type of export is not compatible with item's type\n" + m.getMessage());
            }
                        t = ascribed;
        }
        ComponentName name = externName(s, e.name(), false, t);
        addExport(s, name, t);
    }

    /** The type of the item a sort index names (for exports and instantiation arguments). */
    private ComponentEntityType item(Scope s, SortIndex si, boolean consume) {
        int i = si.index();
        switch (si.sort()) {
            case CORE_MODULE -> {
                CoreModuleType m = get(s.coreModules, i);
                if (m == null) {
                    throw outOfBounds(s, "module", i);
                }
                return m;
            }
            case FUNC -> {
                ComponentFuncType f = get(s.funcs, i);
                if (f == null) {
                    throw outOfBounds(s, "function", i);
                }
                return f;
            }
            case VALUE -> {
                require(s, Feature.CM_VALUES, "support for component model `value`s is not enabled");
                return new ComponentEntityType.Value(consume ? useValue(s, i) : get(s.values, i));
            }
            case TYPE -> {
                return new ComponentEntityType.Type(typeAt(s, i));
            }
            case COMPONENT -> {
                ComponentType c = get(s.components, i);
                if (c == null) {
                    throw outOfBounds(s, "component", i);
                }
                return c;
            }
            case INSTANCE -> {
                InstanceType it = get(s.instances, i);
                if (it == null) {
                    throw outOfBounds(s, "instance", i);
                }
                return it;
            }
            default -> throw error(s, "a core " + si.sort().coreSort().text()
                    + " cannot be used here: only core modules are valid component-level items");
        }
    }

    /** Registers the types an import or export gives a name to. */
    private static void nameTypes(ComponentEntityType t, Set<Object> set) {
        if (t instanceof ComponentEntityType.Type ty) {
            set.add(ty.type());
            if (ty.type() instanceof ValueType v) {
                set.add(v);
            }
        } else if (t instanceof InstanceType it) {
            for (ComponentEntityType e : it.exports().values()) {
                nameTypes(e, set);
            }
        }
    }

    /**
     * Exports (and imports) may only use value types that have names here: records, variants,
     * enums, flags and resources must have been imported or exported before (wasm-tools' rule,
     * which keeps components describable in WIT).
     */
    private void checkNamed(Scope s, ComponentEntityType t, String what, Set<Object> named) {
        if (s.kind == ScopeKind.INSTANCE_TYPE) {
            // Instance types may be "temporarily invalid": they are checked when a component uses them.
            return;
        }
        if (!entityNamed(t, named)) {
            throw error(s, sortName(sortOf(t)) + " not valid to be used as " + what);
        }
    }

    private boolean entityNamed(ComponentEntityType t, Set<Object> named) {
        if (t instanceof ComponentFuncType f) {
            return funcNamed(f, named);
        } else if (t instanceof ComponentEntityType.Type ty) {
            if (ty.type() instanceof InstanceType it) {
                return instanceNamed(it, named);
            }
            if (ty.type() instanceof ComponentFuncType f) {
                return funcNamed(f, named);
            }
            return !(ty.type() instanceof ValueType v) || definedNamed(v, named);
        } else if (t instanceof InstanceType it) {
            return instanceNamed(it, named);
        } else if (t instanceof ComponentEntityType.Value v) {
            return valNamed(v.type(), named);
        } else {
            return true;
        }
    }

    private boolean funcNamed(ComponentFuncType f, Set<Object> named) {
        for (ComponentFuncType.Param p : f.params()) {
            if (!valNamed(p.type(), named)) {
                return false;
            }
        }
        return f.result() == null || valNamed(f.result(), named);
    }

    private boolean instanceNamed(InstanceType it, Set<Object> named) {
        Set<Object> inner = Collections.newSetFromMap(new IdentityHashMap<>());
        inner.addAll(named);
                return exportsNamed(it, inner);
    }

    private boolean exportsNamed(InstanceType it, Set<Object> inner) {
        for (ComponentEntityType e : it.exports().values()) {
            if (!entityNamed(e, inner)) {
                return false;
            }
            nameTypes(e, inner);
        }
        return true;
    }

    

    /** The contents of a type being given a name: what it refers to must be named. */
    private boolean definedNamed(ValueType v, Set<Object> named) {
        if (v instanceof ValueType.Primitive || v instanceof ValueType.Flags || v instanceof ValueType.Enum) {
            return true;
        }
        if (v instanceof ValueType.Record r) {
            return r.fields().stream().allMatch(f -> valNamed(f.type(), named));
        }
        if (v instanceof ValueType.Variant va) {
            return va.cases().stream().allMatch(c -> c.type() == null || valNamed(c.type(), named));
        }
        return valNamed(v, named);
    }

    /** A use of a value type: nominal types must themselves be named. */
    private boolean valNamed(ValueType v, Set<Object> named) {

        if (v instanceof ValueType.Primitive) {
            return true;
        }
        if (v instanceof ValueType.Record || v instanceof ValueType.Variant || v instanceof ValueType.Flags
                || v instanceof ValueType.Enum) {
            return named.contains(v);
        }
        if (v instanceof ValueType.Own o) {
            return named.contains(o.resource());
        }
        if (v instanceof ValueType.Borrow b) {
            return named.contains(b.resource());
        }
        if (v instanceof ValueType.Tuple t) {
            return t.types().stream().allMatch(e -> valNamed(e, named));
        }
        if (v instanceof ValueType.ListType l) {
            return valNamed(l.element(), named);
        }
        if (v instanceof ValueType.Option o) {
            return valNamed(o.type(), named);
        }
        if (v instanceof ValueType.Result r) {
            return (r.ok() == null || valNamed(r.ok(), named)) && (r.err() == null || valNamed(r.err(), named));
        }
        if (v instanceof ValueType.Stream st) {
            return st.type() == null || valNamed(st.type(), named);
        }
        if (v instanceof ValueType.Future f) {
            return f.type() == null || valNamed(f.type(), named);
        }
        if (v instanceof ValueType.MapType m) {
            return valNamed(m.key(), named) && valNamed(m.value(), named);
        }
        return true;
    }

    /** The rules of {@code [constructor]}, {@code [method]} and {@code [static]} names. */
    private void checkResourceName(Scope s, ComponentName name, ComponentEntityType t,
            Map<ResourceType, String> names, boolean isImport) {
        if (t instanceof ComponentEntityType.Type ty && ty.type() instanceof ResourceType r
                && name.kind() == ComponentName.Kind.LABEL) {
            names.putIfAbsent(r, name.text());
            return;
        }
        ComponentName.Kind k = name.kind();
        if (k != ComponentName.Kind.CONSTRUCTOR && k != ComponentName.Kind.METHOD && k != ComponentName.Kind.STATIC) {
            return;
        }
        String context = (isImport ? "import" : "export") + " name `" + name.text() + "` is not valid\n";
        if (!(t instanceof ComponentFuncType f)) {
            throw error(s, context + "item is not a func");
        }
        ResourceType r;
        switch (k) {
            case CONSTRUCTOR -> {
                if (f.async()) {
                    throw error(s, context + "constructor function cannot be async");
                }
                ValueType res = f.result();
                if (res == null) {
                    throw error(s, context + "function should return one value");
                }
                if (res instanceof ValueType.Own o) {
                    r = o.resource();
                } else if (res instanceof ValueType.Result rr && rr.ok() instanceof ValueType.Own o) {
                    r = o.resource();
                } else {
                    throw error(s, context + "function should return `(own $T)` or `(result (own $T))`");
                }
            }
            case METHOD -> {
                if (f.params().isEmpty()) {
                    throw error(s, context + "function should have at least one argument");
                }
                ComponentFuncType.Param self = f.params().get(0);
                if (!self.name().equals("self")) {
                    throw error(s, context + "function should have a first argument called `self`");
                }
                if (!(self.type() instanceof ValueType.Borrow b)) {
                    throw error(s, context + "function should take a first argument of `(borrow $T)`");
                }
                r = b.resource();
            }
            default -> {
                // (IdentityHashMap compares values by identity too, so compare names with equals.)
                String label = name.resource();
                if (names.values().stream().noneMatch(label::equals)) {
                    throw error(s, context + "static resource name is not known in this context");
                }
                return;
            }
        }
        String actual = names.get(r);
        if (actual == null) {
            throw error(s, context + "resource used in function does not have a name in this context");
        }
        if (!actual.equals(name.resource())) {
            throw error(s, context + "function does not match expected resource name `" + actual + "`");
        }
    }

    // ================================================================ instances

    private void instance(Scope s, ComponentInstance ci) {
        if (ci instanceof ComponentInstance.Instantiate in) {
            InstanceType it = instantiate(s, in);
            // Instances of instances grow exponentially with nesting, as type definitions can.
            if (typeSize(it) > MAX_TYPE_SIZE) {
                throw error(s, "effective type size exceeds the limit of " + MAX_TYPE_SIZE);
            }
            s.instances.add(it);
        } else if (ci instanceof ComponentInstance.FromExports fe) {
            Map<String, ComponentEntityType> exports = new LinkedHashMap<>();
            Map<String, String> keys = new HashMap<>();
            // The synthesized instance type names its resources afresh: an exported resource is a
            // new alias there, so a function of the bag only finds names its own type gives.
            Map<ResourceType, String> resourceNames = new IdentityHashMap<>();
            for (ComponentInstance.InlineExport e : fe.exports()) {
                ComponentEntityType t = item(s, e.item(), true);
                ComponentName name = externName(s, e.name(), false, t);
                String previous = keys.putIfAbsent(name.uniquenessKey(), name.text());
                if (previous != null) {
                    throw error(s, "export name `" + name.text() + "` conflicts with previous name `" + previous
                            + "`");
                }
                ComponentEntityType named = t instanceof ComponentEntityType.Type ty && ty.type() instanceof ResourceType r
                        ? new ComponentEntityType.Type(ResourceType.alias(r, name.text())) : t;
                checkResourceName(s, name, named, resourceNames, false);
                exports.put(name.text(), t);
            }
            s.instances.add(new InstanceType(exports, List.of()));
        }
    }

    private InstanceType instantiate(Scope s, ComponentInstance.Instantiate in) {
        ComponentType ct = get(s.components, in.componentIndex());
        if (ct == null) {
            throw outOfBounds(s, "component", in.componentIndex());
        }
        Map<String, ComponentEntityType> args = new HashMap<>();
        for (ComponentInstance.InstantiateArg a : in.args()) {
            ComponentEntityType t = item(s, a.item(), true);
            if (args.put(a.name(), t) != null) {
                throw error(s, "instantiation argument `" + a.name() + "` conflicts with previous argument `"
                        + a.name() + "`");
            }
        }
        Map<Object, Object> map = new IdentityHashMap<>();
        for (Map.Entry<String, ComponentEntityType> imp : ct.imports().entrySet()) {
            ComponentEntityType actual = args.get(imp.getKey());
            if (actual == null) {
                throw error(s, "missing import named `" + imp.getKey() + "`");
            }
            ComponentEntityType expected = Subtyping.substitute(imp.getValue(), map);
            // Resources the import binds are the ones the argument supplies.
            Subtyping.bindResources(expected, actual, map);
            expected = Subtyping.substitute(imp.getValue(), map);
                        try {
                Subtyping.entity(actual, expected);
            } catch (Subtyping.Mismatch m) {
                throw error(s, "type mismatch for import `" + imp.getKey() + "`\n" + m.getMessage());
            }
                        // A supplied value type replaces the imported one (and its re-exports) from now on.
            bindTypes(imp.getValue(), actual, map);
        }
        // Each instantiation defines resources of its own.
        for (ResourceType r : ct.definedResources()) {
            map.put(r, ResourceType.fresh(r.name()));
        }
        Map<String, ComponentEntityType> exports = new LinkedHashMap<>();
        for (Map.Entry<String, ComponentEntityType> e : ct.exports().entrySet()) {
            exports.put(e.getKey(), Subtyping.substitute(e.getValue(), map));
        }
        List<ResourceType> defined = new ArrayList<>();
        for (ResourceType r : ct.definedResources()) {
            defined.add((ResourceType) map.get(r));
        }
        return new InstanceType(exports, List.of());
    }

    // ================================================================ start

    private void start(Scope s, ComponentStart st) {
        require(s, Feature.CM_VALUES, "support for component model `value`s is not enabled");
        if (s.hasStart) {
            throw error(s, "component cannot have more than one start function");
        }
        s.hasStart = true;
        ComponentFuncType f = get(s.funcs, st.funcIndex());
        if (f == null) {
            throw outOfBounds(s, "function", st.funcIndex());
        }
        if (f.params().size() != st.args().size()) {
            throw error(s, "component start function requires " + f.params().size() + " arguments but was given "
                    + st.args().size());
        }
        if (f.resultTypes().size() != st.results()) {
            throw error(s, "component start function has a result count of " + f.resultTypes().size()
                    + " but the function type has a result count of " + st.results());
        }
        for (int i = 0; i < st.args().size(); i++) {
            ValueType v = useValue(s, st.args().get(i));
            try {
                Subtyping.value(v, f.params().get(i).type());
            } catch (Subtyping.Mismatch m) {
                throw error(s, "type mismatch for component start function argument " + i + "\n" + m.getMessage());
            }
        }
        for (ValueType r : f.resultTypes()) {
            pushValue(s, r);
        }
    }

    // ================================================================ canonical definitions

    private void canon(Scope s, Canon c) {
        new CanonChecker(this, s).check(c);
    }

    // ---- access for CanonChecker (same package, one concern per class)

    FeatureSet features() {
        return features;
    }

    ValidationException err(Object scope, String message) {
        return error((Scope) scope, message);
    }

    ComponentTypeDef type(Object scope, int index) {
        return typeAt((Scope) scope, index);
    }

    ComponentFuncType func(Object scope, int index) {
        Scope s = (Scope) scope;
        ComponentFuncType f = get(s.funcs, index);
        if (f == null) {
            throw outOfBounds(s, "function", index);
        }
        return f;
    }

    CoreExternType.Func coreFunc(Object scope, int index) {
        Scope s = (Scope) scope;
        CoreExternType.Func f = get(s.coreFuncs, index);
        if (f == null) {
            throw outOfBounds(s, "function", index);
        }
        return f;
    }

    MemoryType coreMemory(Object scope, int index) {
        Scope s = (Scope) scope;
        MemoryType m = get(s.coreMemories, index);
        if (m == null) {
            throw outOfBounds(s, "memory", index);
        }
        return m;
    }

    TableType coreTable(Object scope, int index) {
        Scope s = (Scope) scope;
        TableType t = get(s.coreTables, index);
        if (t == null) {
            throw outOfBounds(s, "table", index);
        }
        return t;
    }

    /** The composite type at a core type index of the scope; null out of bounds or for a module type. */
    CompositeType coreCompositeAt(Object scope, int index) {
        Scope s = (Scope) scope;
        return get(s.coreTypes, index) instanceof CoreSub sub ? sub.type().composite() : null;
    }

    FuncType coreFuncTypeAt(Object scope, int index) {
        Scope s = (Scope) scope;
        return (FuncType) coreFuncTypeAt(s, s.coreTypes, index).type().composite();
    }

    /** Records the first context slot type; whether {@code t} agrees with it. */
    boolean contextType(Object scope, ValType t) {
        Scope s = (Scope) scope;
        if (s.contextType == null) {
            s.contextType = t;
        }
        return s.contextType == t;
    }

    boolean isLocalResource(Object scope, ResourceType r) {
        return ((Scope) scope).localResources.contains(r.root());
    }

    ValueType resolve(Object scope, dev.jwt.binary.component.ComponentValType t) {
        return valType((Scope) scope, t);
    }

    void addFunc(Object scope, ComponentFuncType f) {
        ((Scope) scope).funcs.add(f);
    }

    /** Adds a core function of the type at a core type index of the scope (a {@code core-type} option). */
    void addCoreFuncOfType(Object scope, int typeIndex) {
        Scope s = (Scope) scope;
        CoreSub sub = coreFuncTypeAt(s, s.coreTypes, typeIndex);
        s.coreFuncs.add(new CoreExternType.Func(sub.canonicalId(), (FuncType) sub.type().composite()));
    }

    void addCoreFunc(Object scope, FuncType f) {
                // Built-ins have numeric signatures: one canonical id per signature, computed once.
        int id = builtinIds.computeIfAbsent(f,
                k -> TypeSpace.build(List.of(RecGroup.single(SubType.plain(k))), features, 0).canonicalId(0));
        ((Scope) scope).coreFuncs.add(new CoreExternType.Func(id, f));
    }

    static boolean isFunc(CompositeType c) {
        return c instanceof FuncType;
    }
}
