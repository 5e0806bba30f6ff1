package dev.jwt.wit.resolve;

import dev.jwt.wit.WitException;
import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.Span;
import dev.jwt.wit.resolve.UnresolvedPackage.ForeignItem;
import dev.jwt.wit.resolve.UnresolvedPackage.IfaceDraft;
import dev.jwt.wit.resolve.UnresolvedPackage.WorldDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves the names inside one package (wit-parser's {@code ast::Resolver}): orders interfaces,
 * worlds and types topologically, allocates them in that order and checks every reference.
 * Foreign items become stubs that the {@link Linker} maps later.
 */
final class PackageResolver {
    /** An entry of a name space: a type, or a function/other item that is not a type. */
    private sealed interface TypeOrItem {}

    private record TypeRef(int id) implements TypeOrItem {}

    private record ItemRef(String what) implements TypeOrItem {}

    /** An interface or world, local or a foreign stub. */
    private record AstItem(boolean world, int index) {}

    /** An anonymous type's identity, for sharing one entry between equal uses (wit-parser's anon_types). */
    private record AnonKey(TypeDefKind kind, Stability stability) {}

    private final PackageSource src;
    private final UnresolvedPackage pkg;
    /** Per file: top-level names to items. */
    private final List<Map<String, AstItem>> astItems = new ArrayList<>();
    private final Map<String, AstItem> packageItems = new HashMap<>();
    /** Per interface (by index): its name space, complete once the interface is resolved. */
    private final Map<Integer, Map<String, TypeOrItem>> interfaceTypes = new HashMap<>();
    private Map<String, TypeOrItem> typeLookup = new LinkedHashMap<>();
    private final Map<AnonKey, Integer> anonTypes = new HashMap<>();
    private int currentFile;

    private PackageResolver(PackageSource src) {
        this.src = src;
        this.pkg = new UnresolvedPackage(src.name(), src.nameSpan(), src.docs());
    }

    static UnresolvedPackage resolve(PackageSource src) {
        return new PackageResolver(src).run();
    }

    private UnresolvedPackage run() {
        populateForeignDeps();
        List<AstItem> order = populateAstItems();
        populateForeignTypes();
        // Resolve interfaces and worlds in the topological order; find their declarations again.
        Map<String, Object> decls = new HashMap<>();
        Map<String, Integer> declFile = new HashMap<>();
        for (int f = 0; f < src.declLists().size(); f++) {
            for (Ast.Item item : src.declLists().get(f)) {
                if (item instanceof Ast.InterfaceDecl i) {
                    decls.put(i.name().name(), i);
                    declFile.put(i.name().name(), f);
                } else if (item instanceof Ast.WorldDecl w) {
                    decls.put(w.name().name(), w);
                    declFile.put(w.name().name(), f);
                }
            }
        }
        for (AstItem item : order) {
            if (!item.world()) {
                IfaceDraft d = pkg.interfaces.get(item.index());
                Ast.InterfaceDecl decl = (Ast.InterfaceDecl) decls.get(d.name);
                currentFile = declFile.get(d.name);
                resolveInterface(item.index(), decl.items(), decl.docs(), decl.attributes());
            }
        }
        for (AstItem item : order) {
            if (item.world()) {
                WorldDraft d = pkg.worlds.get(item.index());
                Ast.WorldDecl decl = (Ast.WorldDecl) decls.get(d.name);
                currentFile = declFile.get(d.name);
                resolveWorld(item.index(), decl);
            }
        }
        return pkg;
    }

    // ---- paths -------------------------------------------------------------------------------

    /** A use of a path: which item mentions it, the path, and whether it must be a world. */
    private record PathUse(String origin, Ast.UsePath path, List<Ast.Attribute> attributes, Boolean world) {}

    private static List<PathUse> paths(List<Ast.Item> items) {
        List<PathUse> out = new ArrayList<>();
        for (Ast.Item item : items) {
            if (item instanceof Ast.TopUse u) {
                out.add(new PathUse(null, u.path(), u.attributes(), null));
            } else if (item instanceof Ast.InterfaceDecl i) {
                interfacePaths(i.name().name(), i.items(), out);
            } else if (item instanceof Ast.WorldDecl w) {
                String origin = w.name().name();
                for (Ast.WorldItem wi : w.items()) {
                    if (wi instanceof Ast.Use u) {
                        out.add(new PathUse(origin, u.path(), u.attributes(), false));
                    } else if (wi instanceof Ast.Include inc) {
                        out.add(new PathUse(origin, inc.path(), inc.attributes(), true));
                    } else if (wi instanceof Ast.Import imp) {
                        if (imp.extern() instanceof Ast.ExternPath p) {
                            out.add(new PathUse(origin, p.path(), imp.attributes(), false));
                        } else if (imp.extern() instanceof Ast.ExternNamedPath p) {
                            out.add(new PathUse(origin, p.path(), imp.attributes(), false));
                        } else if (imp.extern() instanceof Ast.ExternInterface ei) {
                            interfacePaths(origin, ei.items(), out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void interfacePaths(String origin, List<Ast.InterfaceItem> items, List<PathUse> out) {
        for (Ast.InterfaceItem it : items) {
            if (it instanceof Ast.Use u) {
                out.add(new PathUse(origin, u.path(), u.attributes(), false));
            }
        }
    }

    private static PackageName packageName(Ast.PackagePath p) {
        return new PackageName(p.namespace().name(), p.pkg().name(), p.version());
    }

    private void populateForeignDeps() {
        for (List<Ast.Item> decls : src.declLists()) {
            for (PathUse use : paths(decls)) {
                if (!(use.path() instanceof Ast.PackagePath p)) {
                    continue;
                }
                PackageName name = packageName(p);
                Map<String, ForeignItem> deps = pkg.foreignDeps.computeIfAbsent(name, k -> {
                    pkg.foreignDepSpans.put(k, p.pkgSpan());
                    return new LinkedHashMap<>();
                });
                if (!deps.containsKey(p.name().name())) {
                    Stability stability = stability(use.attributes());
                    if (Boolean.TRUE.equals(use.world())) {
                        WorldDraft w = new WorldDraft(p.name().span());
                        w.name = p.name().name();
                        w.foreignPackage = name;
                        pkg.worlds.add(w);
                        deps.put(p.name().name(), new ForeignItem(true, pkg.worlds.size() - 1, p.name().span(), stability));
                    } else {
                        IfaceDraft i = new IfaceDraft(p.name().span());
                        i.name = p.name().name();
                        i.foreignPackage = name;
                        pkg.interfaces.add(i);
                        deps.put(p.name().name(), new ForeignItem(false, pkg.interfaces.size() - 1, p.name().span(), stability));
                    }
                }
            }
        }
        pkg.foreignInterfaceCount = pkg.interfaces.size();
        pkg.foreignWorldCount = pkg.worlds.size();
    }

    private List<AstItem> populateAstItems() {
        Map<String, Ast.Id> declared = new LinkedHashMap<>();
        Map<String, Boolean> isWorld = new HashMap<>();
        Map<String, List<Ast.Id>> order = new LinkedHashMap<>();
        for (List<Ast.Item> decls : src.declLists()) {
            for (Ast.Item item : decls) {
                Ast.Id name = item instanceof Ast.InterfaceDecl i ? i.name() : item instanceof Ast.WorldDecl w ? w.name() : null;
                if (name == null) {
                    continue;
                }
                if (declared.containsKey(name.name())) {
                    throw WitException.at(name.span(), "duplicate item named `" + name.name() + "`");
                }
                declared.put(name.name(), name);
                isWorld.put(name.name(), item instanceof Ast.WorldDecl);
                order.put(name.name(), new ArrayList<>());
            }
        }
        // Per file: what each top-level name refers to (local items, or foreign ones via `use`).
        List<Map<String, Object>> fileNamespaces = new ArrayList<>();
        for (List<Ast.Item> decls : src.declLists()) {
            Map<String, Object> ns = new LinkedHashMap<>();
            for (Ast.Item item : decls) {
                Ast.Id name;
                Object target;
                if (item instanceof Ast.TopUse u) {
                    name = u.as() != null ? u.as() : u.path() instanceof Ast.LocalPath l ? l.name() : ((Ast.PackagePath) u.path()).name();
                    target = u.path() instanceof Ast.LocalPath l ? l.name() : u.path();
                } else if (item instanceof Ast.InterfaceDecl i) {
                    name = i.name();
                    target = i.name();
                } else {
                    name = ((Ast.WorldDecl) item).name();
                    target = name;
                }
                if (ns.containsKey(name.name())) {
                    throw WitException.at(name.span(), "duplicate name `" + name.name() + "` in this file");
                }
                ns.put(name.name(), target);
            }
            for (PathUse use : paths(decls)) {
                if (!(use.path() instanceof Ast.LocalPath l)) {
                    continue;
                }
                Object target = ns.get(l.name().name());
                Ast.Id dep;
                if (target instanceof Ast.PackagePath) {
                    continue;
                } else if (target instanceof Ast.Id id) {
                    dep = id;
                    if (!declared.containsKey(id.name())) {
                        throw WitException.at(id.span(), "interface or world `" + id.name() + "` does not exist");
                    }
                    dep = declared.get(id.name());
                } else if (declared.containsKey(l.name().name())) {
                    dep = declared.get(l.name().name());
                } else {
                    throw WitException.at(l.name().span(), "interface or world `" + l.name().name() + "` does not exist");
                }
                boolean depIsWorld = isWorld.get(dep.name());
                if (Boolean.FALSE.equals(use.world()) && depIsWorld) {
                    throw WitException.at(l.name().span(), "name `" + l.name().name() + "` is defined as a world, not an interface");
                }
                if (Boolean.TRUE.equals(use.world()) && !depIsWorld) {
                    throw WitException.at(l.name().span(), "name `" + l.name().name() + "` is defined as an interface, not a world");
                }
                if (use.origin() != null) {
                    order.get(use.origin()).add(dep);
                }
            }
            fileNamespaces.add(ns);
        }
        List<String> sorted = Toposort.sort("interface or world", order);
        Map<String, AstItem> ids = new LinkedHashMap<>();
        List<AstItem> result = new ArrayList<>();
        for (String name : sorted) {
            AstItem item;
            if (isWorld.get(name)) {
                WorldDraft w = new WorldDraft(declared.get(name).span());
                w.name = name;
                pkg.worlds.add(w);
                item = new AstItem(true, pkg.worlds.size() - 1);
            } else {
                IfaceDraft i = new IfaceDraft(declared.get(name).span());
                i.name = name;
                pkg.interfaces.add(i);
                item = new AstItem(false, pkg.interfaces.size() - 1);
            }
            ids.put(name, item);
            result.add(item);
        }
        packageItems.putAll(ids);
        for (Map<String, Object> ns : fileNamespaces) {
            Map<String, AstItem> items = new HashMap<>();
            for (Map.Entry<String, Object> e : ns.entrySet()) {
                if (e.getValue() instanceof Ast.Id id) {
                    items.put(e.getKey(), ids.get(id.name()));
                } else {
                    Ast.PackagePath p = (Ast.PackagePath) e.getValue();
                    ForeignItem f = pkg.foreignDeps.get(packageName(p)).get(p.name().name());
                    items.put(e.getKey(), new AstItem(f.world(), f.index()));
                }
            }
            astItems.add(items);
        }
        return result;
    }

    private void populateForeignTypes() {
        for (int f = 0; f < src.declLists().size(); f++) {
            currentFile = f;
            for (Ast.Item item : src.declLists().get(f)) {
                List<Ast.Use> uses = new ArrayList<>();
                if (item instanceof Ast.InterfaceDecl i) {
                    collectUses(i.items(), uses);
                } else if (item instanceof Ast.WorldDecl w) {
                    for (Ast.WorldItem wi : w.items()) {
                        if (wi instanceof Ast.Use u) {
                            uses.add(u);
                        } else if (wi instanceof Ast.Import imp && imp.extern() instanceof Ast.ExternInterface ei) {
                            collectUses(ei.items(), uses);
                        }
                    }
                }
                for (Ast.Use u : uses) {
                    AstItem target = resolvePath(u.path());
                    if (target.world() || pkg.interfaces.get(target.index()).foreignPackage == null) {
                        continue;
                    }
                    Map<String, TypeOrItem> lookup = interfaceTypes.computeIfAbsent(target.index(), k -> new LinkedHashMap<>());
                    for (Ast.UseName n : u.names()) {
                        if (!lookup.containsKey(n.name().name())) {
                            pkg.types.add(new TypeDef(n.name().name(), new TypeDefKind.Unknown(),
                                    new TypeOwner.OfInterface(target.index()), null, stability(u.attributes())));
                            pkg.typeSpans.add(n.name().span());
                            pkg.typeRefSpans.add(null);
                            lookup.put(n.name().name(), new TypeRef(pkg.types.size() - 1));
                        }
                    }
                }
            }
        }
        pkg.foreignTypeCount = pkg.types.size();
    }

    private static void collectUses(List<Ast.InterfaceItem> items, List<Ast.Use> out) {
        for (Ast.InterfaceItem it : items) {
            if (it instanceof Ast.Use u) {
                out.add(u);
            }
        }
    }

    /** What a path names, from the current file's point of view. */
    private AstItem resolvePath(Ast.UsePath path) {
        if (path instanceof Ast.LocalPath l) {
            AstItem item = astItems.get(currentFile).get(l.name().name());
            if (item == null) {
                item = packageItems.get(l.name().name());
            }
            if (item == null) {
                throw WitException.at(l.name().span(), "interface or world `" + l.name().name() + "` does not exist");
            }
            return item;
        }
        Ast.PackagePath p = (Ast.PackagePath) path;
        ForeignItem f = pkg.foreignDeps.get(packageName(p)).get(p.name().name());
        return new AstItem(f.world(), f.index());
    }

    private static String pathName(Ast.UsePath path) {
        return path instanceof Ast.LocalPath l ? l.name().name() : ((Ast.PackagePath) path).name().name();
    }

    private int interfaceOf(Ast.UsePath path) {
        AstItem item = resolvePath(path);
        if (item.world()) {
            throw WitException.at(path.span(), "name `" + pathName(path) + "` is defined as a world, not an interface");
        }
        return item.index();
    }

    // ---- interfaces --------------------------------------------------------------------------

    private void resolveInterface(int id, List<Ast.InterfaceItem> items, Ast.Docs docs, List<Ast.Attribute> attrs) {
        IfaceDraft iface = pkg.interfaces.get(id);
        iface.docs = docs(docs);
        iface.stability = stability(attrs);
        typeLookup = new LinkedHashMap<>();
        List<Ast.Use> uses = new ArrayList<>();
        List<Ast.TypeDef> defs = new ArrayList<>();
        for (Ast.InterfaceItem it : items) {
            if (it instanceof Ast.Use u) {
                uses.add(u);
            } else if (it instanceof Ast.TypeDef t) {
                defs.add(t);
            }
        }
        resolveTypes(new TypeOwner.OfInterface(id), uses, defs);
        for (Map.Entry<String, TypeOrItem> e : typeLookup.entrySet()) {
            iface.types.put(e.getKey(), ((TypeRef) e.getValue()).id());
        }
        for (Ast.InterfaceItem it : items) {
            if (it instanceof Ast.Func f) {
                defineName(f.name(), new ItemRef("function"));
                Function fn = resolveFunction(f.docs(), f.attributes(), f.name().name(),
                        f.type(), new Function.Freestanding(f.type().async()));
                iface.functions.put(fn.name(), fn);
                iface.functionSpans.add(f.name().span());
            } else if (it instanceof Ast.TypeDef t && t.type() instanceof Ast.Resource r) {
                Set<String> names = new HashSet<>();
                for (Ast.ResourceFunc rf : r.funcs()) {
                    Function fn = resolveResourceFunc(rf, t.name());
                    if (!names.add(rf.name().name())) {
                        throw WitException.at(rf.name().span(), rf.kind() == Ast.ResourceFuncKind.CONSTRUCTOR
                                ? "duplicate constructors" : "duplicate function name `" + rf.name().name() + "`");
                    }
                    iface.functions.put(fn.name(), fn);
                    iface.functionSpans.add(rf.name().span());
                }
            }
        }
        interfaceTypes.put(id, typeLookup);
        typeLookup = new LinkedHashMap<>();
    }

    private void defineName(Ast.Id name, TypeOrItem item) {
        if (typeLookup.containsKey(name.name())) {
            throw WitException.at(name.span(), "name `" + name.name() + "` is defined more than once");
        }
        typeLookup.put(name.name(), item);
    }

    private void resolveTypes(TypeOwner owner, List<Ast.Use> uses, List<Ast.TypeDef> defs) {
        for (Ast.Use u : uses) {
            resolveUse(owner, u);
        }
        Map<String, List<Ast.Id>> deps = new LinkedHashMap<>();
        Map<String, Ast.TypeDef> byName = new HashMap<>();
        for (Ast.Use u : uses) {
            for (Ast.UseName n : u.names()) {
                deps.put(n.local().name(), new ArrayList<>());
            }
        }
        for (Ast.TypeDef t : defs) {
            if (byName.containsKey(t.name().name()) || typeLookup.containsKey(t.name().name())) {
                throw WitException.at(t.name().span(), "name `" + t.name().name() + "` is defined more than once");
            }
            byName.put(t.name().name(), t);
            List<Ast.Id> d = new ArrayList<>();
            collectDeps(t.type(), d);
            deps.put(t.name().name(), d);
        }
        List<String> order;
        try {
            order = Toposort.sort("type", deps);
        } catch (WitException e) {
            if (e.bareMessage().equals("type `float32` does not exist") || e.bareMessage().equals("type `float64` does not exist")) {
                String old = e.bareMessage().contains("32") ? "float32" : "float64";
                throw WitException.at(e.span(), e.bareMessage() + "\nthe `" + old + "` type has been renamed to `f"
                        + old.substring(5) + "` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment"
                        + " variable can be used to temporarily disable this error");
            }
            throw e;
        }
        for (String name : order) {
            Ast.TypeDef def = byName.get(name);
            if (def == null) {
                continue;
            }
            Stability stability = stability(def.attributes());
            List<Span> refSpans = new ArrayList<>();
            TypeDefKind kind = resolveTypeDef(def.type(), stability, refSpans);
            pkg.types.add(new TypeDef(name, kind, owner, docs(def.docs()), stability));
            pkg.typeSpans.add(def.name().span());
            pkg.typeRefSpans.add(refSpans);
            defineName(def.name(), new TypeRef(pkg.types.size() - 1));
        }
    }

    private static void collectDeps(Ast.Type t, List<Ast.Id> out) {
        if (t == null) {
            return;
        }
        if (t instanceof Ast.Named n) {
            out.add(n.name());
        } else if (t instanceof Ast.Handle h) {
            out.add(h.resource());
        } else if (t instanceof Ast.Tuple tu) {
            tu.types().forEach(x -> collectDeps(x, out));
        } else if (t instanceof Ast.ListType l) {
            collectDeps(l.element(), out);
        } else if (t instanceof Ast.MapType m) {
            collectDeps(m.key(), out);
            collectDeps(m.value(), out);
        } else if (t instanceof Ast.OptionType o) {
            collectDeps(o.type(), out);
        } else if (t instanceof Ast.ResultType r) {
            collectDeps(r.ok(), out);
            collectDeps(r.err(), out);
        } else if (t instanceof Ast.FutureType f) {
            collectDeps(f.type(), out);
        } else if (t instanceof Ast.StreamType s) {
            collectDeps(s.type(), out);
        } else if (t instanceof Ast.Record r) {
            r.fields().forEach(f -> collectDeps(f.type(), out));
        } else if (t instanceof Ast.Variant v) {
            v.cases().forEach(c -> collectDeps(c.type(), out));
        }
    }

    private void resolveUse(TypeOwner owner, Ast.Use u) {
        int from = interfaceOf(u.path());
        Stability stability = stability(u.attributes());
        Map<String, TypeOrItem> lookup = interfaceTypes.getOrDefault(from, Map.of());
        for (Ast.UseName n : u.names()) {
            TypeOrItem found = lookup.get(n.name().name());
            if (found == null) {
                throw WitException.at(n.name().span(), "name `" + n.name().name() + "` does not exist");
            }
            if (found instanceof ItemRef item) {
                throw WitException.at(n.name().span(), "cannot import " + item.what() + " `" + n.name().name() + "`");
            }
            int target = ((TypeRef) found).id();
            pkg.types.add(new TypeDef(n.local().name(), new TypeDefKind.Alias(new Type.Id(target)), owner, null, stability));
            pkg.typeSpans.add(n.name().span());
            pkg.typeRefSpans.add(null);
            defineName(n.local(), new TypeRef(pkg.types.size() - 1));
        }
    }

    private TypeDefKind resolveTypeDef(Ast.Type t, Stability stability, List<Span> refSpans) {
        if (t instanceof Ast.Primitive p) {
            return new TypeDefKind.Alias(Type.Primitive.byName(p.name()));
        }
        if (t instanceof Ast.Named n) {
            return new TypeDefKind.Alias(new Type.Id(lookupType(n.name())));
        }
        if (t instanceof Ast.Handle h) {
            int id = lookupType(h.resource());
            refSpans.add(h.resource().span());
            if (!isResource(id)) {
                throw WitException.at(h.resource().span(), "type `" + h.resource().name() + "` used in a handle must be a resource");
            }
            return new TypeDefKind.Handle(h.own(), id);
        }
        if (t instanceof Ast.Tuple tu) {
            List<Type> types = new ArrayList<>();
            for (Ast.Type x : tu.types()) {
                types.add(resolveType(x, stability));
            }
            return new TypeDefKind.Tuple(types);
        }
        if (t instanceof Ast.ListType l) {
            Type e = resolveType(l.element(), stability);
            return l.size() == null ? new TypeDefKind.ListOf(e) : new TypeDefKind.FixedSizeList(e, l.size());
        }
        if (t instanceof Ast.MapType m) {
            Type k = resolveType(m.key(), stability);
            if (!(k instanceof Type.Primitive p) || p == Type.Primitive.F32 || p == Type.Primitive.F64
                    || p == Type.Primitive.ERROR_CONTEXT) {
                throw WitException.at(m.span(), "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16,"
                        + " s32, s64, char, or string");
            }
            return new TypeDefKind.MapOf(k, resolveType(m.value(), stability));
        }
        if (t instanceof Ast.OptionType o) {
            return new TypeDefKind.Option(resolveType(o.type(), stability));
        }
        if (t instanceof Ast.ResultType r) {
            return new TypeDefKind.Result(r.ok() == null ? null : resolveType(r.ok(), stability),
                    r.err() == null ? null : resolveType(r.err(), stability));
        }
        if (t instanceof Ast.FutureType f) {
            return new TypeDefKind.Future(f.type() == null ? null : resolveType(f.type(), stability));
        }
        if (t instanceof Ast.StreamType s) {
            return new TypeDefKind.Stream(s.type() == null ? null : resolveType(s.type(), stability));
        }
        if (t instanceof Ast.Record r) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Ast.Field f : r.fields()) {
                if (!seen.add(f.name().name())) {
                    throw WitException.at(f.name().span(), "field `" + f.name().name() + "` is defined more than once");
                }
                fields.add(new TypeDefKind.Field(f.name().name(), resolveType(f.type(), stability), docs(f.docs())));
                refSpans.add(f.name().span());
            }
            return new TypeDefKind.Record(fields);
        }
        if (t instanceof Ast.Flags fl) {
            List<TypeDefKind.Flag> flags = new ArrayList<>();
            for (Ast.Flag f : fl.flags()) {
                flags.add(new TypeDefKind.Flag(f.name().name(), docs(f.docs())));
            }
            return new TypeDefKind.Flags(flags);
        }
        if (t instanceof Ast.Variant v) {
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (Ast.Case c : v.cases()) {
                cases.add(new TypeDefKind.Case(c.name().name(), c.type() == null ? null : resolveType(c.type(), stability),
                        docs(c.docs())));
                refSpans.add(c.name().span());
            }
            return new TypeDefKind.Variant(cases);
        }
        if (t instanceof Ast.Enum e) {
            List<TypeDefKind.EnumCase> cases = new ArrayList<>();
            for (Ast.EnumCase c : e.cases()) {
                cases.add(new TypeDefKind.EnumCase(c.name().name(), docs(c.docs())));
            }
            return new TypeDefKind.Enum(cases);
        }
        if (t instanceof Ast.Resource) {
            return new TypeDefKind.Resource();
        }
        throw new IllegalStateException("unknown type " + t);
    }

    private boolean isResource(int id) {
        while (true) {
            TypeDef def = pkg.types.get(id);
            if (def.kind() instanceof TypeDefKind.Resource) {
                return true;
            }
            if (def.kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id i) {
                id = i.index();
                continue;
            }
            // A type from another package is checked when the package is linked.
            return def.kind() instanceof TypeDefKind.Unknown;
        }
    }

    private int lookupType(Ast.Id name) {
        TypeOrItem found = typeLookup.get(name.name());
        if (found == null) {
            throw WitException.at(name.span(), "name `" + name.name() + "` does not exist");
        }
        if (found instanceof ItemRef item) {
            throw WitException.at(name.span(), "cannot use " + item.what() + " `" + name.name() + "` as a type");
        }
        return ((TypeRef) found).id();
    }

    /** A type in a position where anonymous types are shared (wit-parser's resolve_type + anon_type_def). */
    private Type resolveType(Ast.Type t, Stability stability) {
        if (t instanceof Ast.Primitive p) {
            return Type.Primitive.byName(p.name());
        }
        if (t instanceof Ast.Named n) {
            return new Type.Id(lookupType(n.name()));
        }
        TypeDefKind kind = resolveTypeDef(t, stability, new ArrayList<>());
        if (kind instanceof TypeDefKind.Handle h && h.own()) {
            // An anonymous own<T> is T itself; the linker turns references to resources into handles.
            return new Type.Id(h.resource());
        }
        return anon(kind, stability);
    }

    private Type anon(TypeDefKind kind, Stability stability) {
        if (stability instanceof Stability.Unknown) {
            // An anonymous type is as gated as the named types it is made of.
            stability = referencedStability(kind);
        }
        AnonKey key = new AnonKey(kind, stability);
        Integer id = anonTypes.get(key);
        if (id == null) {
            pkg.types.add(new TypeDef(null, kind, TypeOwner.NONE, null, stability));
            pkg.typeSpans.add(null);
            pkg.typeRefSpans.add(null);
            id = pkg.types.size() - 1;
            anonTypes.put(key, id);
        }
        return new Type.Id(id);
    }

    private Stability referencedStability(TypeDefKind kind) {
        List<Type> refs = new ArrayList<>();
        if (kind instanceof TypeDefKind.Handle h) {
            refs.add(new Type.Id(h.resource()));
        } else if (kind instanceof TypeDefKind.Tuple t) {
            refs.addAll(t.types());
        } else if (kind instanceof TypeDefKind.Option o) {
            refs.add(o.type());
        } else if (kind instanceof TypeDefKind.Result r) {
            refs.add(r.ok());
            refs.add(r.err());
        } else if (kind instanceof TypeDefKind.ListOf l) {
            refs.add(l.type());
        } else if (kind instanceof TypeDefKind.FixedSizeList l) {
            refs.add(l.type());
        } else if (kind instanceof TypeDefKind.MapOf m) {
            refs.add(m.key());
            refs.add(m.value());
        } else if (kind instanceof TypeDefKind.Future f) {
            refs.add(f.type());
        } else if (kind instanceof TypeDefKind.Stream st) {
            refs.add(st.type());
        }
        for (Type t : refs) {
            if (t instanceof Type.Id id && !(pkg.types.get(id.index()).stability() instanceof Stability.Unknown)) {
                return pkg.types.get(id.index()).stability();
            }
        }
        return Stability.UNKNOWN;
    }

    // ---- functions ---------------------------------------------------------------------------

    private Function resolveResourceFunc(Ast.ResourceFunc rf, Ast.Id resourceName) {
        int resource = ((TypeRef) typeLookup.get(resourceName.name())).id();
        String r = resourceName.name();
        switch (rf.kind()) {
            case CONSTRUCTOR:
                return resolveFunction(rf.docs(), rf.attributes(), "[constructor]" + r, rf.type(), new Function.Constructor(resource));
            case METHOD:
                return resolveFunction(rf.docs(), rf.attributes(), "[method]" + r + "." + rf.name().name(), rf.type(),
                        new Function.Method(resource, rf.type().async()));
            default:
                return resolveFunction(rf.docs(), rf.attributes(), "[static]" + r + "." + rf.name().name(), rf.type(),
                        new Function.Static(resource, rf.type().async()));
        }
    }

    private Function resolveFunction(Ast.Docs docs, List<Ast.Attribute> attrs, String name, Ast.FuncType ft,
            Function.FunctionKind kind) {
        String d = docs(docs);
        Stability stability = stability(attrs);
        Map<String, Type> params = new LinkedHashMap<>();
        if (kind instanceof Function.Method m) {
            Stability resourceStability = pkg.types.get(m.resource()).stability();
            params.put("self", anon(new TypeDefKind.Handle(false, m.resource()), resourceStability));
        }
        for (Ast.Param p : ft.params()) {
            if (params.containsKey(p.name().name())) {
                throw WitException.at(p.name().span(), "param `" + p.name().name() + "` is defined more than once");
            }
            params.put(p.name().name(), resolveType(p.type(), Stability.UNKNOWN));
        }
        Type result;
        if (kind instanceof Function.Constructor c) {
            if (ft.result() == null) {
                result = new Type.Id(c.resource());
            } else {
                result = resolveType(ft.result(), Stability.UNKNOWN);
                TypeDef def = result instanceof Type.Id i ? pkg.types.get(i.index()) : null;
                if (def == null || !(def.kind() instanceof TypeDefKind.Result res)) {
                    throw WitException.at(ft.result().span(), "if a constructor return type is declared it must be a `result`");
                }
                if (!Objects.equals(res.ok(), new Type.Id(c.resource()))) {
                    Ast.Type okSyntax = ((Ast.ResultType) ft.result()).ok();
                    throw WitException.at(okSyntax != null ? okSyntax.span() : ft.result().span(),
                            "the `ok` type must be the resource being constructed");
                }
            }
        } else {
            result = ft.result() == null ? null : resolveType(ft.result(), Stability.UNKNOWN);
        }
        List<Function.Param> ps = new ArrayList<>();
        params.forEach((n, t) -> ps.add(new Function.Param(n, t)));
        return new Function(name, kind, ps, result, d, stability);
    }

    // ---- worlds ------------------------------------------------------------------------------

    private void resolveWorld(int id, Ast.WorldDecl decl) {
        WorldDraft world = pkg.worlds.get(id);
        world.docs = docs(decl.docs());
        world.stability = stability(decl.attributes());
        typeLookup = new LinkedHashMap<>();
        List<Ast.Use> uses = new ArrayList<>();
        List<Ast.TypeDef> defs = new ArrayList<>();
        for (Ast.WorldItem it : decl.items()) {
            if (it instanceof Ast.Use u) {
                uses.add(u);
            } else if (it instanceof Ast.TypeDef t) {
                defs.add(t);
            }
        }
        resolveTypes(new TypeOwner.OfWorld(id), uses, defs);
        Map<String, TypeOrItem> worldTypes = typeLookup;

        for (Ast.WorldItem it : decl.items()) {
            if (it instanceof Ast.Include inc) {
                AstItem target = resolvePath(inc.path());
                if (!target.world()) {
                    throw WitException.at(inc.path().span(), "name `" + pathName(inc.path()) + "` is defined as an interface, not a world");
                }
                world.includes.add(new UnresolvedPackage.IncludeDraft(target.index(), stability(inc.attributes()), inc.names(),
                        inc.path().span()));
            }
        }

        Map<String, String> importNames = new HashMap<>();
        Map<String, String> exportNames = new HashMap<>();
        for (Map.Entry<String, TypeOrItem> e : worldTypes.entrySet()) {
            importNames.put(e.getKey(), "type");
            int t = ((TypeRef) e.getValue()).id();
            world.imports.put(new WorldKey.Name(e.getKey()), new WorldItem.OfType(t));
            world.importSpans.add(pkg.typeSpans.get(t));
        }
        Set<Integer> importedInterfaces = new HashSet<>();
        Set<Integer> exportedInterfaces = new HashSet<>();
        for (Ast.WorldItem it : decl.items()) {
            if (it instanceof Ast.TypeDef t && t.type() instanceof Ast.Resource r) {
                typeLookup = worldTypes;
                Set<String> names = new HashSet<>();
                for (Ast.ResourceFunc rf : r.funcs()) {
                    Function fn = resolveResourceFunc(rf, t.name());
                    WorldKey key = new WorldKey.Name(fn.name());
                    if (!names.add(rf.name().name())) {
                        throw WitException.at(rf.name().span(), rf.kind() == Ast.ResourceFuncKind.CONSTRUCTOR
                                ? "duplicate constructors" : "duplicate function name `" + rf.name().name() + "`");
                    }
                    world.imports.put(key, new WorldItem.OfFunction(fn));
                    world.importSpans.add(rf.name().span());
                }
                continue;
            }
            if (!(it instanceof Ast.Import imp)) {
                continue;
            }
            String desc = imp.export() ? "export" : "import";
            Map<String, String> names = imp.export() ? exportNames : importNames;
            Set<Integer> ifaces = imp.export() ? exportedInterfaces : importedInterfaces;
            WorldKey key;
            WorldItem item;
            Span span;
            Ast.Extern ext = imp.extern();
            if (ext instanceof Ast.ExternFunc f) {
                span = f.name().span();
                checkName(names, f.name(), "func", desc);
                typeLookup = worldTypes;
                item = new WorldItem.OfFunction(resolveFunction(imp.docs(), imp.attributes(), f.name().name(), f.type(),
                        new Function.Freestanding(f.type().async())));
                key = new WorldKey.Name(f.name().name());
            } else if (ext instanceof Ast.ExternInterface ei) {
                span = ei.name().span();
                checkName(names, ei.name(), "interface", desc);
                IfaceDraft iface = new IfaceDraft(ei.name().span());
                pkg.interfaces.add(iface);
                int iid = pkg.interfaces.size() - 1;
                resolveInterface(iid, ei.items(), imp.docs(), imp.attributes());
                item = new WorldItem.OfInterface(iid, iface.stability, null);
                key = new WorldKey.Name(ei.name().name());
            } else if (ext instanceof Ast.ExternNamedPath np) {
                span = np.name().span();
                checkName(names, np.name(), "interface", desc);
                int iid = interfaceOf(np.path());
                item = new WorldItem.OfInterface(iid, stability(imp.attributes()), docs(imp.docs()));
                key = new WorldKey.Name(np.name().name());
            } else {
                Ast.UsePath path = ((Ast.ExternPath) ext).path();
                span = path.span();
                Stability stability = stability(imp.attributes());
                int iid = interfaceOf(path);
                if (!ifaces.add(iid)) {
                    throw WitException.at(span, "interface cannot be " + desc + "ed more than once");
                }
                item = new WorldItem.OfInterface(iid, stability, docs(imp.docs()));
                key = new WorldKey.OfInterface(iid);
            }
            if (imp.export()) {
                world.exports.put(key, item);
                world.exportSpans.add(span);
            } else {
                world.imports.put(key, item);
                world.importSpans.add(span);
            }
        }
        typeLookup = new LinkedHashMap<>();
    }

    private static void checkName(Map<String, String> names, Ast.Id name, String what, String desc) {
        String prev = names.putIfAbsent(name.name(), what);
        if (prev != null) {
            throw WitException.at(name.span(), desc + " `" + name.name() + "` conflicts with prior " + prev + " of same name");
        }
    }

    // ---- docs and gates ----------------------------------------------------------------------

    /**
     * wit-parser's docs: each comment without its markers ({@code //}, {@code ///}, {@code /** * /}),
     * the indentation all of them share removed, trailing space trimmed, joined by newlines.
     */
    static String docs(Ast.Docs docs) {
        if (docs == null || docs.comments().isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (String c : docs.comments()) {
            String text;
            if (c.startsWith("/**") && c.endsWith("*/") && c.length() >= 5) {
                text = c.substring(3, c.length() - 2);
            } else {
                int i = 0;
                while (i < c.length() && c.charAt(i) == '/') {
                    i++;
                }
                text = c.substring(i);
            }
            texts.add(text.stripTrailing());
        }
        int indent = Integer.MAX_VALUE;
        for (String t : texts) {
            if (!t.isEmpty()) {
                int n = 0;
                while (n < t.length() && t.charAt(n) == ' ') {
                    n++;
                }
                indent = Math.min(indent, n);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String t : texts) {
            lines.add(t.isEmpty() || indent == Integer.MAX_VALUE ? t : t.substring(indent));
        }
        return String.join("\n", lines);
    }

    static Stability stability(List<Ast.Attribute> attrs) {
        if (attrs.isEmpty()) {
            return Stability.UNKNOWN;
        }
        if (attrs.size() == 1) {
            Ast.Attribute a = attrs.get(0);
            if (a instanceof Ast.Since s) {
                return new Stability.Stable(s.version(), null);
            }
            if (a instanceof Ast.Unstable u) {
                return new Stability.Unstable(u.feature(), null);
            }
            throw WitException.at(a.span(), "must pair @deprecated with either @since or @unstable");
        }
        if (attrs.size() == 2) {
            Ast.Attribute a = attrs.get(0);
            Ast.Attribute b = attrs.get(1);
            if (b instanceof Ast.Deprecated && !(a instanceof Ast.Deprecated)) {
                Ast.Attribute t = a;
                a = b;
                b = t;
            }
            if (a instanceof Ast.Deprecated d) {
                if (b instanceof Ast.Since s) {
                    return new Stability.Stable(s.version(), d.version());
                }
                if (b instanceof Ast.Unstable u) {
                    return new Stability.Unstable(u.feature(), d.version());
                }
            }
        }
        throw WitException.at(attrs.get(1).span(), "unsupported combination of attributes");
    }
}
