package dev.jwt.wit.wasm;

import dev.jwt.binary.component.Alias;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentDecl;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentInstance;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.ComponentValType;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.DefValType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.InstanceDecl;
import dev.jwt.binary.component.PrimValType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.component.SortIndex;
import dev.jwt.wit.WitException;
import dev.jwt.wit.resolve.Function;
import dev.jwt.wit.resolve.Interface;
import dev.jwt.wit.resolve.Package;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.Resolve;
import dev.jwt.wit.resolve.Stability;
import dev.jwt.wit.resolve.Type;
import dev.jwt.wit.resolve.TypeDef;
import dev.jwt.wit.resolve.TypeDefKind;
import dev.jwt.wit.resolve.TypeOwner;
import dev.jwt.wit.resolve.World;
import dev.jwt.wit.resolve.WorldItem;
import dev.jwt.wit.resolve.WorldKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads WIT back from a component ({@code wasm-tools component wit x.wasm}): either a binary WIT
 * package (every export a component type, as {@link WitEncoder} writes), or any component, whose
 * imports and exports become the world {@code root} of package {@code root:component}.
 *
 * <p>The component's index spaces are followed as far as WIT needs: types (defined, aliased,
 * imported, exported), instances (imported, instantiated from nested components, made of
 * exports) and component functions, each with the WIT type it stands for.
 */
public final class WitDecoder {
    /** What {@link #decode} found: the resolve and its main package (the WIT package, or {@code root:component}). */
    public record Decoded(Resolve resolve, int mainPackage, boolean isWitPackage) {}

    // ---- the Resolve being built -------------------------------------------------------------------

    private static final class IfaceB {
        final String name;
        final int pkg;
        final Map<String, Integer> types = new LinkedHashMap<>();
        final Map<String, Function> funcs = new LinkedHashMap<>();

        IfaceB(String name, int pkg) {
            this.name = name;
            this.pkg = pkg;
        }
    }

    private static final class WorldB {
        final String name;
        final int pkg;
        final Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        final Map<WorldKey, WorldItem> exports = new LinkedHashMap<>();

        WorldB(String name, int pkg) {
            this.name = name;
            this.pkg = pkg;
        }
    }

    private static final class PkgB {
        final PackageName name;
        final Map<String, Integer> interfaces = new LinkedHashMap<>();
        final Map<String, Integer> worlds = new LinkedHashMap<>();

        PkgB(PackageName name) {
            this.name = name;
        }
    }

    private final List<TypeDef> types = new ArrayList<>();
    private final List<IfaceB> interfaces = new ArrayList<>();
    private final List<WorldB> worlds = new ArrayList<>();
    private final List<PkgB> packages = new ArrayList<>();
    private final Map<PackageName, Integer> packageByName = new HashMap<>();
    /**
     * For a type a component re-exports under another name: the newest name, which later uses
     * of the type refer to (wit-component maps each component type to its latest WIT type).
     */
    private final Map<Integer, Integer> latestName = new HashMap<>();

    // ---- index spaces ---------------------------------------------------------------------------------

    /** A type of some scope: a definition (converted to WIT on first use), or a WIT type already made. */
    private static final class TypeRef {
        final DefType def;
        final Scope scope;
        /** The WIT type this stands for once known: a TypeDef id. */
        Integer id;
        /** Whether {@link #id} is a named type (so another name for it is an alias). */
        boolean named;

        TypeRef(DefType def, Scope scope) {
            this.def = def;
            this.scope = scope;
        }

        static TypeRef named(int id) {
            TypeRef r = new TypeRef(null, null);
            r.id = id;
            r.named = true;
            return r;
        }
    }

    /** A fresh abstract resource: {@code (sub resource)}, or a resource definition. */
    private static final DefType ABSTRACT_RESOURCE = new DefType.Resource(null, java.util.OptionalInt.empty());

    private sealed interface Item {}

    private record TypeItem(TypeRef ref) implements Item {}

    private record FuncItem(TypeRef type) implements Item {}

    /** An instance: its exports in order; the interface it was registered as, if any. */
    private static final class InstanceItem implements Item {
        final Map<String, Item> exports = new LinkedHashMap<>();
        Integer iface;
    }

    private record ComponentItem(Component component, Scope scope) implements Item {}

    private record Other() implements Item {}

    private static final class Scope {
        final Scope parent;
        final List<TypeRef> types = new ArrayList<>();
        final List<Item> funcs = new ArrayList<>();
        final List<Item> instances = new ArrayList<>();
        final List<Item> components = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        TypeRef type(int i) {
            if (i < 0 || i >= types.size()) {
                throw new WitException("type index " + i + " out of bounds", null);
            }
            return types.get(i);
        }

        Scope outer(int count) {
            Scope s = this;
            for (int i = 0; i < count; i++) {
                if (s.parent == null) {
                    throw new WitException("outer alias count " + count + " out of bounds", null);
                }
                s = s.parent;
            }
            return s;
        }

        List<?> space(Sort sort) {
            return switch (sort) {
                case TYPE -> types;
                case FUNC -> funcs;
                case INSTANCE -> instances;
                case COMPONENT -> components;
                default -> null;
            };
        }
    }

    private WitDecoder() {}

    // ---- entry points -------------------------------------------------------------------------------------

    /** Decodes a component: a binary WIT package if it looks like one, otherwise its world. */
    public static Decoded decode(Component component) {
        WitDecoder d = new WitDecoder();
        try {
            if (isWitPackage(component)) {
                int main = d.decodePackage(component);
                return d.finish(main, component, true);
            }
            int main = d.decodeComponent(component);
            return d.finish(main, component, false);
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
            // The decoder trusts what validation guarantees (types of the right kind at valid
            // indices); an invalid component that slips past its checks still ends in one error.
            throw new WitException("failed to decode WIT: the component is not valid (" + e.getMessage() + ")", null);
        }
    }

    /**
     * A binary WIT package has at least one export and every export is a type, defined as a
     * component type, named by a plain (kebab) name.
     */
    static boolean isWitPackage(Component c) {
        int exports = 0;
        for (ComponentSection s : c.sections()) {
            if (s instanceof ComponentSection.ImportSection is && !is.imports().isEmpty()) {
                return false;
            }
            if (s instanceof ComponentSection.ExportSection es) {
                for (ComponentExport e : es.exports()) {
                    if (e.item().sort() != Sort.TYPE || e.name().name().contains(":")) {
                        return false;
                    }
                    exports++;
                }
            }
        }
        return exports > 0;
    }

    private Decoded finish(int mainPkg, Component component, boolean witPackage) {
        // Packages in dependency order, the main one last, as wit-component lays them out.
        List<Integer> order = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (int p = 0; p < packages.size(); p++) {
            if (p != mainPkg) {
                visitPackage(p, seen, order, mainPkg);
            }
        }
        order.add(mainPkg);
        int[] newIndex = new int[packages.size()];
        for (int i = 0; i < order.size(); i++) {
            newIndex[order.get(i)] = i;
        }
        List<Package> ps = new ArrayList<>();
        for (int old : order) {
            PkgB p = packages.get(old);
            ps.add(new Package(p.name, null, p.interfaces, p.worlds));
        }
        List<Interface> is = new ArrayList<>();
        for (IfaceB i : interfaces) {
            is.add(new Interface(i.name, i.types, i.funcs, null, Stability.UNKNOWN, newIndex[i.pkg]));
        }
        List<World> ws = new ArrayList<>();
        for (WorldB w : worlds) {
            ws.add(new World(w.name, w.imports, w.exports, newIndex[w.pkg], null, Stability.UNKNOWN));
        }
        Resolve r = new Resolve(ws, is, types, ps);
        int main = newIndex[mainPkg];
        if (witPackage) {
            for (ComponentSection s : component.sections()) {
                if (s instanceof ComponentSection.Custom c && c.section().name().equals(PackageMetadata.SECTION_NAME)) {
                    r = PackageMetadata.apply(c.section().data().toArray(), r, main);
                }
            }
        }
        return new Decoded(r, main, witPackage);
    }

    private void visitPackage(int p, Set<Integer> seen, List<Integer> order, int mainPkg) {
        if (!seen.add(p)) {
            return;
        }
        for (int iface : packages.get(p).interfaces.values()) {
            for (int t : interfaces.get(iface).types.values()) {
                if (types.get(t).kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id id
                        && types.get(id.index()).owner() instanceof TypeOwner.OfInterface o) {
                    int dep = interfaces.get(o.index()).pkg;
                    if (dep != p && dep != mainPkg) {
                        visitPackage(dep, seen, order, mainPkg);
                    }
                }
            }
        }
        order.add(p);
    }

    // ---- binary WIT packages ------------------------------------------------------------------------------

    private int decodePackage(Component c) {
        Scope top = new Scope(null);
        List<Runnable> work = new ArrayList<>();
        Integer main = null;
        for (ComponentSection s : c.sections()) {
            if (s instanceof ComponentSection.TypeSection ts) {
                for (DefType t : ts.types()) {
                    top.types.add(new TypeRef(t, top));
                }
            } else if (s instanceof ComponentSection.ExportSection es) {
                for (ComponentExport e : es.exports()) {
                    TypeRef ref = top.type(e.item().index());
                    top.types.add(ref);
                    if (!(ref.def instanceof DefType.ComponentType ct)) {
                        throw new WitException("export `" + e.name().name() + "` is not a component type", null);
                    }
                    // The one export of the wrapper names the item: ns:pkg/name.
                    InstanceDecl.Export inner = null;
                    for (ComponentDecl d : ct.decls()) {
                        if (d instanceof InstanceDecl.Export x) {
                            inner = x;
                        }
                    }
                    if (inner == null) {
                        throw new WitException("export `" + e.name().name() + "` is not a WIT interface or world", null);
                    }
                    ParsedName pn = ParsedName.parse(inner.name().name());
                    if (pn == null) {
                        throw new WitException("`" + inner.name().name() + "` is not an interface name", null);
                    }
                    int pkg = pkg(pn.pkg());
                    if (main == null) {
                        main = pkg;
                    } else if (main != pkg) {
                        throw new WitException("exports of a WIT package must all be in one package", null);
                    }
                    // Make the package's items in export order before decoding any of them, since
                    // one may use another defined later.
                    if (inner.type() instanceof ExternType.Component) {
                        worlds.add(new WorldB(pn.name(), pkg));
                        packages.get(pkg).worlds.put(pn.name(), worlds.size() - 1);
                        int world = worlds.size() - 1;
                        work.add(() -> decodeWorldWrapper(ct, ref.scope, world));
                    } else {
                        iface(pkg, pn.name());
                        work.add(() -> walkTypeDecls(ct.decls(), new Scope(ref.scope), null));
                    }
                }
            }
        }
        for (Runnable r : work) {
            r.run();
        }
        return main;
    }

    private void decodeWorldWrapper(DefType.ComponentType wrapper, Scope scope, int world) {
        Scope s = new Scope(scope);
        for (ComponentDecl d : wrapper.decls()) {
            if (d instanceof InstanceDecl.TypeDecl t) {
                s.types.add(new TypeRef(t.type(), s));
            } else if (d instanceof InstanceDecl.Export e && e.type() instanceof ExternType.Component c) {
                if (!(s.type(c.typeIndex()).def instanceof DefType.ComponentType inner)) {
                    throw new WitException("world `" + e.name().name() + "` is not a component type", null);
                }
                walkTypeDecls(inner.decls(), new Scope(s), world);
            }
        }
    }

    /**
     * Walks the declarations of a component type: an interface's (imports of the interfaces it
     * uses, export of itself) or, with {@code world} set, a world's.
     */
    private void walkTypeDecls(List<ComponentDecl> decls, Scope s, Integer world) {
        for (ComponentDecl d : decls) {
            if (d instanceof InstanceDecl.TypeDecl t) {
                s.types.add(new TypeRef(t.type(), s));
            } else if (d instanceof InstanceDecl.AliasDecl a) {
                alias(s, a.alias());
            } else if (d instanceof InstanceDecl.CoreTypeDecl) {
                // core types have their own index space, which WIT never refers to
            } else if (d instanceof ComponentDecl.Import im) {
                externItem(s, im.name(), im.type(), world, true);
            } else if (d instanceof InstanceDecl.Export ex) {
                externItem(s, ex.name(), ex.type(), world, false);
            }
        }
    }

    private void alias(Scope s, Alias a) {
        if (a instanceof Alias.Outer o) {
            List<?> space = s.outer(o.count()).space(o.sort());
            if (space != null && (o.index() < 0 || o.index() >= space.size())) {
                throw new WitException("outer alias index " + o.index() + " out of bounds", null);
            }
            Object item = space == null ? new Other() : space.get(o.index());
            add(s, o.sort(), item);
        } else if (a instanceof Alias.InstanceExport ie) {
            Item inst = ie.instanceIndex() < s.instances.size() ? s.instances.get(ie.instanceIndex()) : null;
            Item item = inst instanceof InstanceItem ii ? ii.exports.get(ie.name()) : null;
            if (item == null && (ie.sort() == Sort.TYPE || ie.sort() == Sort.FUNC || ie.sort() == Sort.INSTANCE)) {
                throw new WitException("instance " + ie.instanceIndex() + " has no export `" + ie.name() + "`", null);
            }
            add(s, ie.sort(), item instanceof TypeItem ti ? ti.ref : item);
        }
        // core export aliases name core items, which WIT never refers to
    }

    @SuppressWarnings("unchecked")
    private static void add(Scope s, Sort sort, Object item) {
        List<Object> space = (List<Object>) s.space(sort);
        if (space != null) {
            space.add(item);
        }
    }

    /** One import or export of a component type (or of a component itself). */
    private void externItem(Scope s, ExternName name, ExternType type, Integer world, boolean isImport) {
        String n = name.name();
        if (type instanceof ExternType.Instance it) {
            TypeRef ref = s.type(it.typeIndex());
            if (!(ref.def instanceof DefType.InstanceType inst)) {
                throw new WitException("import or export `" + n + "` is not an instance type", null);
            }
            int iface = interfaceFor(name, world);
            InstanceItem item = instanceOfType(inst, ref.scope, iface);
            s.instances.add(item);
            if (world != null) {
                worldItem(world, name, iface, isImport);
            }
        } else if (type instanceof ExternType.Func f) {
            s.funcs.add(new FuncItem(s.type(f.typeIndex())));
            if (world == null) {
                return;
            }
            Function fn = function(n, s.type(f.typeIndex()), new TypeOwner.OfWorld(world));
            (isImport ? worlds.get(world).imports : worlds.get(world).exports).put(new WorldKey.Name(n), new WorldItem.OfFunction(fn));
        } else if (type instanceof ExternType.Type t) {
            TypeOwner owner = world == null ? TypeOwner.NONE : new TypeOwner.OfWorld(world);
            int id = namedType(owner, n, t.bound() instanceof ExternType.TypeBound.Eq eq ? s.type(eq.typeIndex())
                    : new TypeRef(ABSTRACT_RESOURCE, s), null);
            s.types.add(TypeRef.named(id));
            if (world != null) {
                worlds.get(world).imports.put(new WorldKey.Name(n), new WorldItem.OfType(id));
            }
        } else if (type instanceof ExternType.Component) {
            s.components.add(new Other());
            throw new WitException("cannot represent the component import or export `" + n + "` in WIT", null);
        } else {
            throw new WitException("cannot represent the import or export `" + n + "` in WIT", null);
        }
    }

    private void worldItem(int world, ExternName name, int iface, boolean isImport) {
        WorldB w = worlds.get(world);
        WorldKey key = ParsedName.parse(name.name()) != null ? new WorldKey.OfInterface(iface) : new WorldKey.Name(name.name());
        Map<WorldKey, WorldItem> m = isImport ? w.imports : w.exports;
        if (m.containsKey(key)) {
            throw new WitException("duplicate " + (isImport ? "import" : "export") + " `" + name.name() + "`", null);
        }
        m.put(key, new WorldItem.OfInterface(iface, Stability.UNKNOWN, null));
    }

    /** The interface an instance import or export stands for: named by its id, or anonymous in a world. */
    private int interfaceFor(ExternName name, Integer world) {
        ParsedName pn = ParsedName.parse(name.name());
        if (pn == null) {
            for (ExternName.Attribute a : name.attributes()) {
                if (a instanceof ExternName.Attribute.Implements im) {
                    pn = ParsedName.parse(im.interfaceName());
                }
            }
        }
        if (pn != null) {
            return iface(pkg(pn.pkg()), pn.name());
        }
        if (world == null) {
            throw new WitException("instance `" + name.name() + "` has no interface name", null);
        }
        interfaces.add(new IfaceB(null, worlds.get(world).pkg));
        return interfaces.size() - 1;
    }

    /** Walks an instance type, adding what it declares to interface {@code iface}. */
    private InstanceItem instanceOfType(DefType.InstanceType it, Scope parent, int iface) {
        Scope s = new Scope(parent);
        InstanceItem inst = new InstanceItem();
        inst.iface = iface;
        IfaceB b = interfaces.get(iface);
        for (InstanceDecl d : it.decls()) {
            if (d instanceof InstanceDecl.TypeDecl t) {
                s.types.add(new TypeRef(t.type(), s));
            } else if (d instanceof InstanceDecl.AliasDecl a) {
                alias(s, a.alias());
            } else if (d instanceof InstanceDecl.Export e) {
                String n = e.name().name();
                if (e.type() instanceof ExternType.Type t) {
                    TypeRef target = t.bound() instanceof ExternType.TypeBound.Eq eq ? s.type(eq.typeIndex())
                            : new TypeRef(ABSTRACT_RESOURCE, s);
                    int id = namedType(new TypeOwner.OfInterface(iface), n, target, b.types.get(n));
                    b.types.putIfAbsent(n, id);
                    TypeRef ref = TypeRef.named(id);
                    s.types.add(ref);
                    inst.exports.put(n, new TypeItem(ref));
                } else if (e.type() instanceof ExternType.Func f) {
                    FuncItem fi = new FuncItem(s.type(f.typeIndex()));
                    s.funcs.add(fi);
                    inst.exports.put(n, fi);
                    if (!b.funcs.containsKey(n)) {
                        b.funcs.put(n, function(n, fi.type, new TypeOwner.OfInterface(iface)));
                    }
                } else if (e.type() instanceof ExternType.Instance) {
                    throw new WitException("cannot represent the nested instance `" + n + "` in WIT", null);
                } else {
                    inst.exports.put(n, new Other());
                }
            }
        }
        return inst;
    }

    /**
     * Gives {@code target} the name {@code name} in {@code owner}: a definition not named yet
     * becomes the named type; a primitive or an already named type gets a named alias. If the
     * owner already has the name ({@code existing}), that type stands for the target.
     */
    private int namedType(TypeOwner owner, String name, TypeRef target, Integer existing) {
        return namedType(owner, name, target, existing, false);
    }

    private int namedType(TypeOwner owner, String name, TypeRef target, Integer existing, boolean reexport) {
        boolean unclaimed = target.id == null && target.def != null && !(target.def instanceof PrimValType);
        if (existing != null) {
            if (unclaimed) {
                target.id = existing;
                target.named = true;
            }
            return existing;
        }
        TypeDefKind kind;
        if (unclaimed) {
            int id = types.size();
            types.add(new TypeDef(name, new TypeDefKind.Unknown(), owner, null, Stability.UNKNOWN));
            target.id = id;
            target.named = true;
            kind = target.def == ABSTRACT_RESOURCE || target.def instanceof DefType.Resource ? new TypeDefKind.Resource()
                    : kind(target.def, target.scope);
            types.set(id, new TypeDef(name, kind, owner, null, Stability.UNKNOWN));
            return id;
        }
        kind = new TypeDefKind.Alias(witType(target));
        types.add(new TypeDef(name, kind, owner, null, Stability.UNKNOWN));
        if (reexport && target.id != null) {
            latestName.put(target.id, types.size() - 1);
        }
        return types.size() - 1;
    }

    // ---- types and functions ----------------------------------------------------------------------------

    private Type witType(TypeRef ref) {
        if (ref.id != null) {
            return new Type.Id(latestName.getOrDefault(ref.id, ref.id));
        }
        if (ref.def instanceof PrimValType p) {
            return primitive(p);
        }
        if (ref.def == ABSTRACT_RESOURCE || ref.def instanceof DefType.Resource) {
            throw new WitException("a resource type must be named", null);
        }
        if (!(ref.def instanceof DefValType)) {
            throw new WitException("type is not a value type", null);
        }
        TypeDefKind k = kind(ref.def, ref.scope);
        types.add(new TypeDef(null, k, TypeOwner.NONE, null, Stability.UNKNOWN));
        ref.id = types.size() - 1;
        return new Type.Id(ref.id);
    }

    private Type witType(ComponentValType t, Scope s) {
        return t instanceof PrimValType p ? primitive(p) : witType(s.type(((ComponentValType.TypeIndex) t).index()));
    }

    private Type witType(Optional<ComponentValType> t, Scope s) {
        return t.isPresent() ? witType(t.get(), s) : null;
    }

    private TypeDefKind kind(DefType def, Scope s) {
        if (def instanceof DefValType.Record r) {
            return new TypeDefKind.Record(r.fields().stream().map(f -> new TypeDefKind.Field(f.label(), witType(f.type(), s), null)).toList());
        } else if (def instanceof DefValType.Variant v) {
            return new TypeDefKind.Variant(v.cases().stream().map(c -> new TypeDefKind.Case(c.label(), witType(c.type(), s), null)).toList());
        } else if (def instanceof DefValType.ListType l) {
            return new TypeDefKind.ListOf(witType(l.element(), s));
        } else if (def instanceof DefValType.FixedSizeList l) {
            return new TypeDefKind.FixedSizeList(witType(l.element(), s), l.length());
        } else if (def instanceof DefValType.Tuple t) {
            return new TypeDefKind.Tuple(t.types().stream().map(x -> witType(x, s)).toList());
        } else if (def instanceof DefValType.Flags f) {
            return new TypeDefKind.Flags(f.labels().stream().map(l -> new TypeDefKind.Flag(l, null)).toList());
        } else if (def instanceof DefValType.Enum e) {
            return new TypeDefKind.Enum(e.labels().stream().map(l -> new TypeDefKind.EnumCase(l, null)).toList());
        } else if (def instanceof DefValType.Option o) {
            return new TypeDefKind.Option(witType(o.type(), s));
        } else if (def instanceof DefValType.Result r) {
            Type ok = witType(r.ok(), s);
            return new TypeDefKind.Result(ok, witType(r.error(), s));
        } else if (def instanceof DefValType.Own o) {
            return new TypeDefKind.Handle(true, resource(s.type(o.typeIndex())));
        } else if (def instanceof DefValType.Borrow b) {
            return new TypeDefKind.Handle(false, resource(s.type(b.typeIndex())));
        } else if (def instanceof DefValType.Stream st) {
            return new TypeDefKind.Stream(witType(st.element(), s));
        } else if (def instanceof DefValType.Future f) {
            return new TypeDefKind.Future(witType(f.element(), s));
        } else if (def instanceof DefValType.MapType m) {
            Type k = witType(m.key(), s);
            return new TypeDefKind.MapOf(k, witType(m.value(), s));
        } else if (def instanceof PrimValType p) {
            return new TypeDefKind.Alias(primitive(p));
        }
        throw new WitException("type is not a value type", null);
    }

    private int resource(TypeRef ref) {
        if (ref.id == null) {
            throw new WitException("a handle must refer to a named resource", null);
        }
        return latestName.getOrDefault(ref.id, ref.id);
    }

    /** A function from its (possibly decorated) name and type; resource functions find their resource by name. */
    private Function function(String name, TypeRef type, TypeOwner owner) {
        if (!(type.def instanceof DefType.Func f)) {
            throw new WitException("`" + name + "` is not of a function type", null);
        }
        List<Function.Param> params = new ArrayList<>();
        for (DefType.LabelValType p : f.params()) {
            params.add(new Function.Param(p.label(), witType(p.type(), type.scope)));
        }
        Type result = witType(f.result(), type.scope);
        Function.FunctionKind kind = new Function.Freestanding(f.async());
        if (name.startsWith("[constructor]")) {
            kind = new Function.Constructor(resourceNamed(name.substring("[constructor]".length()), owner));
        } else if (name.startsWith("[method]") || name.startsWith("[static]")) {
            String rest = name.substring(8);
            int dot = rest.indexOf('.');
            int r = resourceNamed(dot < 0 ? rest : rest.substring(0, dot), owner);
            kind = name.startsWith("[method]") ? new Function.Method(r, f.async()) : new Function.Static(r, f.async());
        }
        return new Function(name, kind, params, result, null, Stability.UNKNOWN);
    }

    private int resourceNamed(String name, TypeOwner owner) {
        Integer id = null;
        if (owner instanceof TypeOwner.OfInterface o) {
            id = interfaces.get(o.index()).types.get(name);
        } else if (owner instanceof TypeOwner.OfWorld w && worlds.get(w.index()).imports.get(new WorldKey.Name(name)) instanceof WorldItem.OfType t) {
            id = t.index();
        }
        if (id == null) {
            throw new WitException("no resource `" + name + "` for function", null);
        }
        return id;
    }

    private static Type primitive(PrimValType p) {
        return Type.Primitive.byName(p.text());
    }

    // ---- packages and interfaces --------------------------------------------------------------------------

    private int pkg(PackageName name) {
        Integer p = packageByName.get(name);
        if (p == null) {
            packages.add(new PkgB(name));
            p = packages.size() - 1;
            packageByName.put(name, p);
        }
        return p;
    }

    private int iface(int pkg, String name) {
        Integer i = packages.get(pkg).interfaces.get(name);
        if (i == null) {
            interfaces.add(new IfaceB(name, pkg));
            i = interfaces.size() - 1;
            packages.get(pkg).interfaces.put(name, i);
        }
        return i;
    }

    /** {@code ns:pkg/name@version}. */
    record ParsedName(PackageName pkg, String name) {
        static ParsedName parse(String s) {
            int colon = s.indexOf(':');
            int slash = s.indexOf('/');
            if (colon < 0 || slash < colon) {
                return null;
            }
            String version = null;
            String rest = s.substring(slash + 1);
            int at = rest.indexOf('@');
            if (at >= 0) {
                version = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String ns = s.substring(0, colon);
            String pkg = s.substring(colon + 1, slash);
            // nested namespaces (a:b:c/d) keep their inner colons in the package name
            return new ParsedName(new PackageName(ns, pkg, version), rest);
        }
    }

    // ---- any component -----------------------------------------------------------------------------------

    private int decodeComponent(Component c) {
        int pkg = pkg(new PackageName("root", "component", null));
        worlds.add(new WorldB("root", pkg));
        int world = worlds.size() - 1;
        packages.get(pkg).worlds.put("root", world);
        Scope s = new Scope(null);
        walkComponent(c, s, world, Map.of());
        return pkg;
    }

    /**
     * Walks a component's sections. At the top ({@code world} set) imports and exports become the
     * world's; in a nested component being instantiated, imports take the instantiation's
     * arguments and the exports are returned.
     */
    private InstanceItem walkComponent(Component c, Scope s, Integer world, Map<String, Item> args) {
        InstanceItem exports = new InstanceItem();
        for (ComponentSection sec : c.sections()) {
            if (sec instanceof ComponentSection.TypeSection ts) {
                for (DefType t : ts.types()) {
                    s.types.add(new TypeRef(t, s));
                }
            } else if (sec instanceof ComponentSection.AliasSection as) {
                for (Alias a : as.aliases()) {
                    alias(s, a);
                }
            } else if (sec instanceof ComponentSection.ImportSection is) {
                for (ComponentImport im : is.imports()) {
                    if (world != null) {
                        externItem(s, im.name(), im.type(), world, true);
                    } else {
                        Item arg = args.get(im.name().name());
                        bindImport(s, im.type(), arg);
                    }
                }
            } else if (sec instanceof ComponentSection.NestedComponentSection nc) {
                s.components.add(new ComponentItem(nc.component(), s));
            } else if (sec instanceof ComponentSection.InstanceSection ins) {
                for (ComponentInstance i : ins.instances()) {
                    s.instances.add(instance(s, i));
                }
            } else if (sec instanceof ComponentSection.CanonSection cs) {
                for (Canon canon : cs.canons()) {
                    if (canon instanceof Canon.Lift l) {
                        s.funcs.add(new FuncItem(s.type(l.typeIndex())));
                    }
                }
            } else if (sec instanceof ComponentSection.ExportSection es) {
                for (ComponentExport e : es.exports()) {
                    Item item = item(s, e.item());
                    if (e.type().isPresent() && e.type().get() instanceof ExternType.Func f) {
                        item = new FuncItem(s.type(f.typeIndex()));
                    } else if (e.type().isPresent() && e.type().get() instanceof ExternType.Type t
                            && t.bound() instanceof ExternType.TypeBound.Eq eq) {
                        item = new TypeItem(s.type(eq.typeIndex()));
                    }
                    // An export adds to its index space too.
                    add(s, e.item().sort(), item instanceof TypeItem ti ? ti.ref : item);
                    exports.exports.put(e.name().name(), item);
                    if (world != null) {
                        exportToWorld(world, e.name(), item);
                    }
                }
            }
        }
        return exports;
    }

    private void bindImport(Scope s, ExternType type, Item arg) {
        if (type instanceof ExternType.Type t) {
            if (arg instanceof TypeItem ti) {
                s.types.add(ti.ref);
            } else if (t.bound() instanceof ExternType.TypeBound.Eq eq) {
                s.types.add(s.type(eq.typeIndex()));
            } else {
                s.types.add(new TypeRef(ABSTRACT_RESOURCE, s));
            }
        } else if (type instanceof ExternType.Func f) {
            s.funcs.add(arg != null ? arg : new FuncItem(s.type(f.typeIndex())));
        } else if (type instanceof ExternType.Instance) {
            s.instances.add(arg != null ? arg : new Other());
        } else if (type instanceof ExternType.Component) {
            s.components.add(arg != null ? arg : new Other());
        }
    }

    private Item item(Scope s, SortIndex si) {
        List<?> space = s.space(si.sort());
        if (space == null) {
            return new Other();
        }
        if (si.index() < 0 || si.index() >= space.size()) {
            throw new WitException(si.sort().text() + " index " + si.index() + " out of bounds", null);
        }
        Object o = space.get(si.index());
        return o instanceof TypeRef r ? new TypeItem(r) : (Item) o;
    }

    private Item instance(Scope s, ComponentInstance i) {
        if (i instanceof ComponentInstance.FromExports fe) {
            InstanceItem inst = new InstanceItem();
            for (ComponentInstance.InlineExport e : fe.exports()) {
                inst.exports.put(e.name().name(), item(s, e.item()));
            }
            return inst;
        }
        ComponentInstance.Instantiate in = (ComponentInstance.Instantiate) i;
        Item c = in.componentIndex() < s.components.size() ? s.components.get(in.componentIndex()) : null;
        if (!(c instanceof ComponentItem ci)) {
            return new Other();
        }
        Map<String, Item> args = new HashMap<>();
        for (ComponentInstance.InstantiateArg a : in.args()) {
            args.put(a.name(), item(s, a.item()));
        }
        return walkComponent(ci.component(), new Scope(ci.scope()), null, args);
    }

    /** A top-level export of a component as an export of its world. */
    private void exportToWorld(int world, ExternName name, Item item) {
        String n = name.name();
        if (item instanceof FuncItem f) {
            worlds.get(world).exports.put(new WorldKey.Name(n), new WorldItem.OfFunction(function(n, f.type, new TypeOwner.OfWorld(world))));
        } else if (item instanceof InstanceItem inst) {
            int iface = interfaceFor(name, world);
            if (inst.iface != null && inst.iface != iface) {
                String type = interfaces.get(inst.iface).types.keySet().stream().findFirst().orElse(null);
                // Reported as wasm-tools does: the context, then the cause below it.
                throw new WitException("failed to decode WIT from export `" + n + "`\n\nCaused by:\n    0: " + (type == null
                        ? "cannot represent this component in WIT: the instance `" + n + "` is an imported instance re-exported under a new name"
                        : "cannot represent this component in WIT: the type `" + type + "` appears more than once "
                                + "(for example, when an imported instance is re-exported under a new name)"), null);
            }
            if (inst.iface == null) {
                IfaceB b = interfaces.get(iface);
                for (Map.Entry<String, Item> e : inst.exports.entrySet()) {
                    if (e.getValue() instanceof TypeItem ti) {
                        int id = namedType(new TypeOwner.OfInterface(iface), e.getKey(), ti.ref, b.types.get(e.getKey()), true);
                        b.types.putIfAbsent(e.getKey(), id);
                    }
                }
                for (Map.Entry<String, Item> e : inst.exports.entrySet()) {
                    if (e.getValue() instanceof FuncItem fi && !b.funcs.containsKey(e.getKey())) {
                        b.funcs.put(e.getKey(), function(e.getKey(), fi.type, new TypeOwner.OfInterface(iface)));
                    }
                }
            }
            worldItem(world, name, iface, false);
        } else if (item instanceof TypeItem) {
            throw new WitException("cannot represent the type export `" + n + "` of a component in WIT", null);
        } else {
            throw new WitException("cannot represent the export `" + n + "` in WIT", null);
        }
    }
}
