package dev.jwt.wit.resolve;

import dev.jwt.wit.WitException;
import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.Span;
import dev.jwt.wit.resolve.UnresolvedPackage.ForeignItem;
import dev.jwt.wit.resolve.UnresolvedPackage.IfaceDraft;
import dev.jwt.wit.resolve.UnresolvedPackage.IncludeDraft;
import dev.jwt.wit.resolve.UnresolvedPackage.WorldDraft;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Resolve} package by package (wit-parser's {@code Resolve::push} and its
 * {@code Remap}): copies each {@link UnresolvedPackage} in, drops what feature gates exclude,
 * maps foreign stubs to the packages already linked, turns references to resources into
 * {@code own} handles, then processes includes and elaborates worlds.
 */
public final class Linker {
    private final List<World> worlds = new ArrayList<>();
    private final List<Interface> interfaces = new ArrayList<>();
    private final List<TypeDef> types = new ArrayList<>();
    private final List<Package> packages = new ArrayList<>();
    private final Map<PackageName, Integer> packageNames = new LinkedHashMap<>();
    private final Set<String> features;
    private final boolean allFeatures;

    public Linker(Set<String> features, boolean allFeatures) {
        this.features = Set.copyOf(features);
        this.allFeatures = allFeatures;
    }

    /** A linker holding a modifiable copy of resolve, for the world edits of {@link WorldEdits}. */
    static Linker of(Resolve resolve) {
        Linker l = new Linker(Set.of(), false);
        for (World w : resolve.worlds()) {
            l.worlds.add(new World(w.name(), new LinkedHashMap<>(w.imports()), new LinkedHashMap<>(w.exports()),
                    w.packageIndex(), w.docs(), w.stability()));
        }
        for (Interface i : resolve.interfaces()) {
            l.interfaces.add(new Interface(i.name(), new LinkedHashMap<>(i.types()), new LinkedHashMap<>(i.functions()),
                    i.docs(), i.stability(), i.packageIndex()));
        }
        l.types.addAll(resolve.types());
        for (int id = 0; id < resolve.packages().size(); id++) {
            Package p = resolve.packages().get(id);
            l.packages.add(new Package(p.name(), p.docs(), new LinkedHashMap<>(p.interfaces()), new LinkedHashMap<>(p.worlds())));
            l.packageNames.put(p.name(), id);
        }
        return l;
    }

    List<World> worlds() {
        return worlds;
    }

    List<Interface> interfaces() {
        return interfaces;
    }

    List<TypeDef> types() {
        return types;
    }

    List<Package> packages() {
        return packages;
    }

    public Resolve finish() {
        List<World> ws = new ArrayList<>();
        for (World w : worlds) {
            ws.add(new World(w.name(), Collections.unmodifiableMap(new LinkedHashMap<>(w.imports())),
                    Collections.unmodifiableMap(new LinkedHashMap<>(w.exports())), w.packageIndex(), w.docs(), w.stability()));
        }
        List<Interface> is = new ArrayList<>();
        for (Interface i : interfaces) {
            is.add(new Interface(i.name(), Collections.unmodifiableMap(new LinkedHashMap<>(i.types())),
                    Collections.unmodifiableMap(new LinkedHashMap<>(i.functions())), i.docs(), i.stability(), i.packageIndex()));
        }
        List<Package> ps = new ArrayList<>();
        for (Package p : packages) {
            ps.add(new Package(p.name(), p.docs(), Collections.unmodifiableMap(new LinkedHashMap<>(p.interfaces())),
                    Collections.unmodifiableMap(new LinkedHashMap<>(p.worlds()))));
        }
        return new Resolve(ws, is, types, ps);
    }

    public boolean hasPackage(PackageName name) {
        return packageNames.containsKey(name);
    }

    // ---- gates -------------------------------------------------------------------------------

    private boolean include(Stability stability, int pkg, Span span) {
        if (stability instanceof Stability.Unstable u) {
            return allFeatures || features.contains(u.feature());
        }
        if (stability instanceof Stability.Stable s) {
            PackageName name = packages.get(pkg).name();
            if (name.version() == null) {
                throw WitException.at(span, "package [" + name + "] contains a feature gate with a version specifier, so it must have a version");
            }
            if (Semver.compare(s.since(), name.version()) > 0) {
                throw WitException.at(span, "feature gate cannot reference unreleased version " + s.since() + " of package ["
                        + name + "] (current version " + name.version() + ")");
            }
        }
        return true;
    }

    // ---- linking one package -----------------------------------------------------------------

    /** Adds one package, whose dependencies must all be linked already; returns its index. */
    public int link(UnresolvedPackage u) {
        return new Remap(u).run();
    }

    private final class Remap {
        private final UnresolvedPackage u;
        private final int pkg;
        private final int[] typeMap;
        private final int[] ifaceMap;
        private final int[] worldMap;
        private final Map<Integer, Integer> ownHandles = new HashMap<>();

        Remap(UnresolvedPackage u) {
            this.u = u;
            this.pkg = packages.size();
            this.typeMap = new int[u.types.size()];
            this.ifaceMap = new int[u.interfaces.size()];
            this.worldMap = new int[u.worlds.size()];
        }

        int run() {
            packages.add(new Package(u.name, u.docs, new LinkedHashMap<>(), new LinkedHashMap<>()));
            packageNames.put(u.name, pkg);
            processForeignDeps();
            int firstType = types.size();
            for (int i = u.foreignTypeCount; i < u.types.size(); i++) {
                TypeDef t = u.types.get(i);
                if (!include(t.stability(), pkg, u.typeSpans.get(i))) {
                    typeMap[i] = -1;
                    continue;
                }
                TypeDefKind kind = updateKind(t.kind(), i);
                types.add(t.withKind(kind));
                typeMap[i] = types.size() - 1;
            }
            for (int i = u.foreignInterfaceCount; i < u.interfaces.size(); i++) {
                IfaceDraft d = u.interfaces.get(i);
                if (!include(d.stability, pkg, d.span)) {
                    ifaceMap[i] = -1;
                    continue;
                }
                Map<String, Integer> ts = new LinkedHashMap<>();
                d.types.forEach((n, t) -> {
                    if (typeMap[t] >= 0) {
                        ts.put(n, typeMap[t]);
                    }
                });
                Map<String, Function> fs = new LinkedHashMap<>();
                int fi = 0;
                for (Function f : d.functions.values()) {
                    Span span = d.functionSpans.get(fi++);
                    if (include(f.stability(), pkg, span)) {
                        fs.put(f.name(), updateFunction(f, span));
                    }
                }
                interfaces.add(new Interface(d.name, ts, fs, d.docs, d.stability, pkg));
                ifaceMap[i] = interfaces.size() - 1;
            }
            for (int i = u.foreignTypeCount; i < u.types.size(); i++) {
                int id = typeMap[i];
                if (id >= 0 && types.get(id).owner() instanceof TypeOwner.OfInterface o) {
                    int mapped = ifaceMap[o.index()];
                    if (mapped < 0) {
                        throw WitException.at(u.typeSpans.get(i), "found a reference to a interface which is excluded due to"
                                + " its feature not being activated; this type is not gated by a feature but its interface is");
                    }
                    types.set(id, types.get(id).withOwner(new TypeOwner.OfInterface(mapped)));
                }
            }
            for (int i = u.foreignWorldCount; i < u.worlds.size(); i++) {
                WorldDraft d = u.worlds.get(i);
                if (!include(d.stability, pkg, d.span)) {
                    worldMap[i] = -1;
                    continue;
                }
                worlds.add(updateWorld(d));
                worldMap[i] = worlds.size() - 1;
            }
            for (int i = u.foreignTypeCount; i < u.types.size(); i++) {
                int id = typeMap[i];
                if (id >= 0 && types.get(id).owner() instanceof TypeOwner.OfWorld o) {
                    types.set(id, types.get(id).withOwner(new TypeOwner.OfWorld(worldMap[o.index()])));
                }
            }
            Package p = packages.get(pkg);
            for (int i = u.foreignInterfaceCount; i < u.interfaces.size(); i++) {
                if (ifaceMap[i] >= 0 && u.interfaces.get(i).name != null) {
                    p.interfaces().put(u.interfaces.get(i).name, ifaceMap[i]);
                }
            }
            for (int i = u.foreignWorldCount; i < u.worlds.size(); i++) {
                if (worldMap[i] >= 0) {
                    p.worlds().put(u.worlds.get(i).name, worldMap[i]);
                }
            }
            for (int i = u.foreignWorldCount; i < u.worlds.size(); i++) {
                if (worldMap[i] >= 0) {
                    processIncludes(u.worlds.get(i), worldMap[i]);
                    elaborate(worldMap[i], u.worlds.get(i).span);
                    checkCaseInsensitiveNames(worlds.get(worldMap[i]));
                }
            }
            return pkg;
        }

        private void processForeignDeps() {
            for (Map.Entry<PackageName, Map<String, ForeignItem>> dep : u.foreignDeps.entrySet()) {
                Integer depId = packageNames.get(dep.getKey());
                if (depId == null) {
                    StringBuilder known = new StringBuilder();
                    for (PackageName n : new TreeSet<>(packageNames.keySet())) {
                        known.append("\n    ").append(n);
                    }
                    throw WitException.at(u.foreignDepSpans.get(dep.getKey()),
                            "package '" + dep.getKey() + "' not found. known packages:" + known);
                }
                Package p = packages.get(depId);
                for (Map.Entry<String, ForeignItem> item : dep.getValue().entrySet()) {
                    ForeignItem f = item.getValue();
                    Integer found = f.world() ? p.worlds().get(item.getKey()) : p.interfaces().get(item.getKey());
                    if (found == null) {
                        if (!include(f.stability(), pkg, f.span())) {
                            found = -1;
                        } else {
                            throw WitException.at(f.span(), (f.world() ? "world '" : "interface '") + item.getKey()
                                    + "' not found in package '" + p.name() + "'");
                        }
                    }
                    if (f.world()) {
                        worldMap[f.index()] = found;
                    } else {
                        ifaceMap[f.index()] = found;
                    }
                }
            }
            for (int i = 0; i < u.foreignTypeCount; i++) {
                TypeDef t = u.types.get(i);
                int iface = ifaceMap[((TypeOwner.OfInterface) t.owner()).index()];
                if (iface < 0) {
                    typeMap[i] = -1;
                    continue;
                }
                Integer found = interfaces.get(iface).types().get(t.name());
                if (found == null && !include(t.stability(), pkg, u.typeSpans.get(i))) {
                    typeMap[i] = -1;
                    continue;
                }
                if (found == null) {
                    throw WitException.at(u.typeSpans.get(i), "type `" + t.name() + "` not defined in interface");
                }
                typeMap[i] = found;
            }
        }

        private int mapType(int id, Span span) {
            int m = typeMap[id];
            if (m < 0) {
                throw WitException.at(span, "found a reference to a type which is excluded due to its feature not being activated");
            }
            return m;
        }

        /** wit-parser's update_ty: map the id, and make a reference to a resource an own handle. */
        private Type updateTy(Type t, Span span) {
            if (!(t instanceof Type.Id id)) {
                return t;
            }
            int mapped = mapType(id.index(), span);
            int cur = mapped;
            while (true) {
                TypeDefKind k = types.get(cur).kind();
                if (k instanceof TypeDefKind.Resource) {
                    return new Type.Id(ownHandles.computeIfAbsent(mapped, r -> {
                        types.add(new TypeDef(null, new TypeDefKind.Handle(true, r), TypeOwner.NONE, null, Stability.UNKNOWN));
                        return types.size() - 1;
                    }));
                }
                if (k instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id next) {
                    cur = next.index();
                    continue;
                }
                return new Type.Id(mapped);
            }
        }

        private TypeDefKind updateKind(TypeDefKind kind, int index) {
            Span span = u.typeSpans.get(index);
            List<Span> refs = u.typeRefSpans.get(index);
            if (kind instanceof TypeDefKind.Alias a) {
                return a.type() instanceof Type.Id id ? new TypeDefKind.Alias(new Type.Id(mapType(id.index(), span))) : a;
            }
            if (kind instanceof TypeDefKind.Handle h) {
                Span rspan = refs != null && !refs.isEmpty() ? refs.get(0) : span;
                int r = mapType(h.resource(), rspan);
                if (!isResource(r)) {
                    throw WitException.at(rspan, "type used in a handle must be a resource");
                }
                return new TypeDefKind.Handle(h.own(), r);
            }
            if (kind instanceof TypeDefKind.Record r) {
                List<TypeDefKind.Field> fs = new ArrayList<>();
                for (int i = 0; i < r.fields().size(); i++) {
                    TypeDefKind.Field f = r.fields().get(i);
                    Span fspan = refs != null && i < refs.size() ? refs.get(i) : span;
                    fs.add(new TypeDefKind.Field(f.name(), updateTy(f.type(), fspan), f.docs()));
                }
                return new TypeDefKind.Record(fs);
            }
            if (kind instanceof TypeDefKind.Variant v) {
                List<TypeDefKind.Case> cs = new ArrayList<>();
                for (int i = 0; i < v.cases().size(); i++) {
                    TypeDefKind.Case c = v.cases().get(i);
                    Span cspan = refs != null && i < refs.size() ? refs.get(i) : span;
                    cs.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : updateTy(c.type(), cspan), c.docs()));
                }
                return new TypeDefKind.Variant(cs);
            }
            if (kind instanceof TypeDefKind.Tuple t) {
                List<Type> ts = new ArrayList<>();
                for (Type x : t.types()) {
                    ts.add(updateTy(x, span));
                }
                return new TypeDefKind.Tuple(ts);
            }
            if (kind instanceof TypeDefKind.Option o) {
                return new TypeDefKind.Option(updateTy(o.type(), span));
            }
            if (kind instanceof TypeDefKind.Result r) {
                return new TypeDefKind.Result(r.ok() == null ? null : updateTy(r.ok(), span),
                        r.err() == null ? null : updateTy(r.err(), span));
            }
            if (kind instanceof TypeDefKind.ListOf l) {
                return new TypeDefKind.ListOf(updateTy(l.type(), span));
            }
            if (kind instanceof TypeDefKind.FixedSizeList l) {
                return new TypeDefKind.FixedSizeList(updateTy(l.type(), span), l.size());
            }
            if (kind instanceof TypeDefKind.MapOf m) {
                return new TypeDefKind.MapOf(updateTy(m.key(), span), updateTy(m.value(), span));
            }
            if (kind instanceof TypeDefKind.Future f) {
                return new TypeDefKind.Future(f.type() == null ? null : updateTy(f.type(), span));
            }
            if (kind instanceof TypeDefKind.Stream s) {
                return new TypeDefKind.Stream(s.type() == null ? null : updateTy(s.type(), span));
            }
            return kind;
        }

        private boolean isResource(int id) {
            while (true) {
                TypeDefKind k = types.get(id).kind();
                if (k instanceof TypeDefKind.Resource) {
                    return true;
                }
                if (k instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id next) {
                    id = next.index();
                    continue;
                }
                return false;
            }
        }

        private Function updateFunction(Function f, Span span) {
            Function.FunctionKind kind = f.kind();
            if (kind instanceof Function.Method m) {
                kind = new Function.Method(mapType(m.resource(), span), m.async());
            } else if (kind instanceof Function.Static s) {
                kind = new Function.Static(mapType(s.resource(), span), s.async());
            } else if (kind instanceof Function.Constructor c) {
                kind = new Function.Constructor(mapType(c.resource(), span));
            }
            List<Function.Param> ps = new ArrayList<>();
            for (Function.Param p : f.params()) {
                ps.add(new Function.Param(p.name(), updateTy(p.type(), span)));
            }
            Type result = f.result() == null ? null : updateTy(f.result(), span);
            if (result != null && hasBorrow(result)) {
                throw WitException.at(span, "function `" + f.name() + "` returns a type which contains a `borrow<T>` which is not supported");
            }
            return new Function(f.name(), kind, ps, result, f.docs(), f.stability());
        }

        private boolean hasBorrow(Type t) {
            if (!(t instanceof Type.Id id)) {
                return false;
            }
            TypeDefKind k = types.get(id.index()).kind();
            if (k instanceof TypeDefKind.Handle h) {
                return !h.own();
            }
            if (k instanceof TypeDefKind.Alias a) {
                return hasBorrow(a.type());
            }
            if (k instanceof TypeDefKind.Record r) {
                return r.fields().stream().anyMatch(f -> hasBorrow(f.type()));
            }
            if (k instanceof TypeDefKind.Variant v) {
                return v.cases().stream().anyMatch(c -> hasBorrow(c.type()));
            }
            if (k instanceof TypeDefKind.Tuple tu) {
                return tu.types().stream().anyMatch(this::hasBorrow);
            }
            if (k instanceof TypeDefKind.Option o) {
                return hasBorrow(o.type());
            }
            if (k instanceof TypeDefKind.Result r) {
                return hasBorrow(r.ok()) || hasBorrow(r.err());
            }
            if (k instanceof TypeDefKind.ListOf l) {
                return hasBorrow(l.type());
            }
            if (k instanceof TypeDefKind.FixedSizeList l) {
                return hasBorrow(l.type());
            }
            if (k instanceof TypeDefKind.MapOf m) {
                return hasBorrow(m.key()) || hasBorrow(m.value());
            }
            return false;
        }

        private World updateWorld(WorldDraft d) {
            Map<WorldKey, WorldItem> imports = updateItems(d.imports, d.importSpans);
            Map<WorldKey, WorldItem> exports = updateItems(d.exports, d.exportSpans);
            return new World(d.name, imports, exports, pkg, d.docs, d.stability);
        }

        private Map<WorldKey, WorldItem> updateItems(Map<WorldKey, WorldItem> items, List<Span> spans) {
            Map<WorldKey, WorldItem> out = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<WorldKey, WorldItem> e : items.entrySet()) {
                Span span = spans.get(i++);
                WorldItem item = e.getValue();
                WorldKey key = e.getKey();
                if (item instanceof WorldItem.OfType t) {
                    if (typeMap[t.index()] < 0) {
                        continue;
                    }
                    item = new WorldItem.OfType(typeMap[t.index()]);
                } else if (item instanceof WorldItem.OfFunction f) {
                    if (!include(f.function().stability(), pkg, span)) {
                        continue;
                    }
                    item = new WorldItem.OfFunction(updateFunction(f.function(), span));
                } else {
                    WorldItem.OfInterface oi = (WorldItem.OfInterface) item;
                    if (!include(oi.stability(), pkg, span)) {
                        continue;
                    }
                    int mapped = ifaceMap[oi.index()];
                    if (mapped < 0) {
                        throw WitException.at(span, "found a reference to a interface which is excluded due to its feature not being activated");
                    }
                    item = new WorldItem.OfInterface(mapped, oi.stability(), oi.docs());
                }
                if (key instanceof WorldKey.OfInterface k) {
                    key = new WorldKey.OfInterface(ifaceMap[k.index()]);
                }
                out.put(key, item);
            }
            return out;
        }

        private void processIncludes(WorldDraft d, int worldId) {
            for (IncludeDraft inc : d.includes) {
                if (!include(inc.stability(), pkg, inc.span())) {
                    continue;
                }
                int target = worldMap[inc.world()];
                if (target < 0) {
                    throw WitException.at(inc.span(), "found a reference to a world which is excluded due to its feature not being activated");
                }
                World from = worlds.get(target);
                List<Ast.IncludeName> unmatched = new ArrayList<>(inc.names());
                for (WorldKey k : from.imports().keySet()) {
                    unmatched.removeIf(n -> k instanceof WorldKey.Name name && name.name().equals(n.name().name()));
                }
                for (WorldKey k : from.exports().keySet()) {
                    unmatched.removeIf(n -> k instanceof WorldKey.Name name && name.name().equals(n.name().name()));
                }
                if (!unmatched.isEmpty()) {
                    throw WitException.at(inc.span(), "no import or export kebab-name `" + unmatched.get(0).name().name()
                            + "`. Note that an ID does not support renaming");
                }
                World w = worlds.get(worldId);
                boolean external = from.packageIndex() != w.packageIndex();
                TypeCloner cloner = new TypeCloner(target, worldId, inc);
                for (Map.Entry<WorldKey, WorldItem> e : from.imports().entrySet()) {
                    includeItem(inc, w.imports(), e.getKey(), cloner.item(e.getKey(), e.getValue()), "import", external);
                }
                for (Map.Entry<WorldKey, WorldItem> e : from.exports().entrySet()) {
                    includeItem(inc, w.exports(), e.getKey(), cloner.item(e.getKey(), e.getValue()), "export", external);
                }
            }
        }

        private void includeItem(IncludeDraft inc, Map<WorldKey, WorldItem> items, WorldKey key, WorldItem item, String what,
                boolean external) {
            // A `@since` gate names a version of the package that declares it; another package's
            // world brings its items in ungated.
            if (external && item instanceof WorldItem.OfInterface oi && oi.stability() instanceof Stability.Stable) {
                item = oi.withStability(Stability.UNKNOWN);
            }
            if (key instanceof WorldKey.Name n) {
                String name = n.name();
                for (Ast.IncludeName in : inc.names()) {
                    if (in.name().name().equals(name)) {
                        name = in.as().name();
                    }
                }
                if (item instanceof WorldItem.OfFunction f && f.function().kind().resource() >= 0) {
                    // Resource functions follow their (possibly renamed) resource.
                    name = f.function().name();
                } else if (!name.equals(n.name()) && item instanceof WorldItem.OfFunction f) {
                    Function fn = f.function();
                    item = new WorldItem.OfFunction(new Function(name, fn.kind(), fn.params(), fn.result(), fn.docs(), fn.stability()));
                }
                if (items.putIfAbsent(new WorldKey.Name(name), item) != null) {
                    throw WitException.at(inc.span(), what + " of `" + name + "` shadows previously " + what + "ed items");
                }
            } else {
                WorldItem prev = items.putIfAbsent(key, item);
                // An interface already there without a gate takes the gate it is included with.
                if (prev instanceof WorldItem.OfInterface p && p.stability() instanceof Stability.Unknown
                        && item instanceof WorldItem.OfInterface i) {
                    items.put(key, p.withStability(i.stability()));
                }
            }
        }

        /**
         * Copies the types an included world owns into the including world (renamed as the
         * include's {@code with} says), and everything of the included world that refers to them.
         */
        private final class TypeCloner {
            private final int from;
            private final int to;
            private final IncludeDraft inc;
            private final Map<Integer, Integer> cloned = new HashMap<>();
            private final Map<String, String> renamedResources = new HashMap<>();

            TypeCloner(int from, int to, IncludeDraft inc) {
                this.from = from;
                this.to = to;
                this.inc = inc;
            }

            WorldItem item(WorldKey key, WorldItem item) {
                if (item instanceof WorldItem.OfType t) {
                    String name = ((WorldKey.Name) key).name();
                    for (Ast.IncludeName in : inc.names()) {
                        if (in.name().name().equals(name)) {
                            name = in.as().name();
                        }
                    }
                    TypeDef def = types.get(t.index());
                    if (!def.owner().equals(new TypeOwner.OfWorld(from))) {
                        return item;
                    }
                    if (!name.equals(def.name()) && def.kind() instanceof TypeDefKind.Resource) {
                        renamedResources.put(def.name(), name);
                    }
                    types.add(new TypeDef(name, def.kind(), new TypeOwner.OfWorld(to), def.docs(), def.stability()));
                    cloned.put(t.index(), types.size() - 1);
                    TypeDef copy = types.get(types.size() - 1);
                    types.set(types.size() - 1, copy.withKind(kind(copy.kind())));
                    return new WorldItem.OfType(types.size() - 1);
                }
                if (item instanceof WorldItem.OfFunction f && !cloned.isEmpty()) {
                    return new WorldItem.OfFunction(function(f.function()));
                }
                return item;
            }

            private Function function(Function f) {
                Function.FunctionKind k = f.kind();
                String name = f.name();
                if (k.resource() >= 0) {
                    int r = id(k.resource());
                    k = k instanceof Function.Method m ? new Function.Method(r, m.async())
                            : k instanceof Function.Static st ? new Function.Static(r, st.async()) : new Function.Constructor(r);
                    for (Map.Entry<String, String> e : renamedResources.entrySet()) {
                        name = name.replace("]" + e.getKey() + ".", "]" + e.getValue() + ".");
                        if (name.equals("[constructor]" + e.getKey())) {
                            name = "[constructor]" + e.getValue();
                        }
                    }
                }
                List<Function.Param> ps = new ArrayList<>();
                for (Function.Param p : f.params()) {
                    ps.add(new Function.Param(p.name(), ty(p.type())));
                }
                return new Function(name, k, ps, f.result() == null ? null : ty(f.result()), f.docs(), f.stability());
            }

            private int id(int t) {
                Integer c = cloned.get(t);
                if (c != null) {
                    return c;
                }
                TypeDef def = types.get(t);
                if (!(def.owner() instanceof TypeOwner.None)) {
                    return t;
                }
                TypeDefKind k = kind(def.kind());
                if (k.equals(def.kind())) {
                    return t;
                }
                types.add(def.withKind(k));
                cloned.put(t, types.size() - 1);
                return types.size() - 1;
            }

            private Type ty(Type t) {
                return t instanceof Type.Id i ? new Type.Id(id(i.index())) : t;
            }

            private TypeDefKind kind(TypeDefKind k) {
                if (k instanceof TypeDefKind.Handle h) {
                    return new TypeDefKind.Handle(h.own(), id(h.resource()));
                }
                if (k instanceof TypeDefKind.Alias a) {
                    return new TypeDefKind.Alias(ty(a.type()));
                }
                if (k instanceof TypeDefKind.Option o) {
                    return new TypeDefKind.Option(ty(o.type()));
                }
                if (k instanceof TypeDefKind.Result r) {
                    return new TypeDefKind.Result(r.ok() == null ? null : ty(r.ok()), r.err() == null ? null : ty(r.err()));
                }
                if (k instanceof TypeDefKind.ListOf l) {
                    return new TypeDefKind.ListOf(ty(l.type()));
                }
                if (k instanceof TypeDefKind.FixedSizeList l) {
                    return new TypeDefKind.FixedSizeList(ty(l.type()), l.size());
                }
                if (k instanceof TypeDefKind.Tuple t) {
                    return new TypeDefKind.Tuple(t.types().stream().map(this::ty).toList());
                }
                if (k instanceof TypeDefKind.MapOf m) {
                    return new TypeDefKind.MapOf(ty(m.key()), ty(m.value()));
                }
                if (k instanceof TypeDefKind.Future f) {
                    return new TypeDefKind.Future(f.type() == null ? null : ty(f.type()));
                }
                if (k instanceof TypeDefKind.Stream s) {
                    return new TypeDefKind.Stream(s.type() == null ? null : ty(s.type()));
                }
                if (k instanceof TypeDefKind.Record r) {
                    return new TypeDefKind.Record(r.fields().stream()
                            .map(f -> new TypeDefKind.Field(f.name(), ty(f.type()), f.docs())).toList());
                }
                if (k instanceof TypeDefKind.Variant v) {
                    return new TypeDefKind.Variant(v.cases().stream()
                            .map(c -> new TypeDefKind.Case(c.name(), c.type() == null ? null : ty(c.type()), c.docs())).toList());
                }
                return k;
            }
        }

    }


    /**
     * wit-parser's elaborate_world: imports gain the interfaces their items depend on (each
     * before its dependents), exported interfaces the interfaces they depend on (as imports unless
     * exported too), and imports are sorted by kind. span (may be null) places an error.
     */
    void elaborate(int worldId, Span span) {
        World w = worlds.get(worldId);
        List<Map.Entry<WorldKey, WorldItem>> sortedImports = new ArrayList<>(w.imports().entrySet());
        sortedImports.sort(Comparator.comparingInt(e -> sortKey(e.getValue())));
        Map<WorldKey, WorldItem> newImports = new LinkedHashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : sortedImports) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.OfInterface oi) {
                elaborateImport(newImports, e.getKey(), oi.index(), oi.stability(), oi.docs());
            } else if (item instanceof WorldItem.OfFunction) {
                newImports.put(e.getKey(), item);
            } else {
                int t = ((WorldItem.OfType) item).index();
                int dep = typeInterfaceDep(t);
                if (dep >= 0) {
                    elaborateImport(newImports, new WorldKey.OfInterface(dep), dep, types.get(t).stability(), null);
                }
                newImports.put(e.getKey(), item);
            }
        }
        Map<WorldKey, WorldItem> newExports = new LinkedHashMap<>();
        // Functions first, then the exported interfaces in their order (each after the exported
        // interfaces it depends on); a named interface may be exported under several names.
        List<Map.Entry<WorldKey, WorldItem.OfInterface>> exportInterfaces = new ArrayList<>();
        Set<Integer> exportedIds = new HashSet<>();
        for (Map.Entry<WorldKey, WorldItem> e : w.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.OfInterface oi) {
                exportInterfaces.add(Map.entry(e.getKey(), oi));
                if (!(e.getKey() instanceof WorldKey.Name && interfaces.get(oi.index()).name() != null)) {
                    exportedIds.add(oi.index());
                }
            } else {
                newExports.put(e.getKey(), e.getValue());
            }
        }
        Set<Integer> requiredImports = new HashSet<>();
        for (Map.Entry<WorldKey, WorldItem.OfInterface> e : exportInterfaces) {
            WorldKey key = e.getKey();
            WorldItem.OfInterface oi = e.getValue();
            if (!addExport(newImports, newExports, exportedIds, requiredImports, oi.index(), key, true, oi.stability(), oi.docs())) {
                String name = key instanceof WorldKey.Name n ? n.name() : interfaceIdName(((WorldKey.OfInterface) key).index());
                throw WitException.at(span, "interface `" + name + "` transitively depends on an interface in incompatible ways");
            }
        }
        List<Map.Entry<WorldKey, WorldItem>> imps = new ArrayList<>(newImports.entrySet());
        imps.sort(Comparator.comparingInt(e -> sortKey(e.getValue())));
        // Exports keep their order: wit-parser sorts only imports by kind.
        List<Map.Entry<WorldKey, WorldItem>> exps = new ArrayList<>(newExports.entrySet());
        w.imports().clear();
        imps.forEach(e -> w.imports().put(e.getKey(), e.getValue()));
        w.exports().clear();
        exps.forEach(e -> w.exports().put(e.getKey(), e.getValue()));
    }

    /** Component names are kebab-case and compared without case, so {@code a} and {@code A} collide. */
    private void checkCaseInsensitiveNames(World w) {
        checkNames(w, w.imports(), "import");
        checkNames(w, w.exports(), "export");
    }

    private void checkNames(World w, Map<WorldKey, WorldItem> items, String what) {
        Map<String, String> seen = new HashMap<>();
        for (WorldKey k : items.keySet()) {
            if (k instanceof WorldKey.Name n) {
                String prev = seen.putIfAbsent(n.name().toLowerCase(java.util.Locale.ROOT), n.name());
                if (prev != null) {
                    throw new WitException(what + " `" + n.name() + "` in world `" + w.name() + "` conflicts with " + what
                            + " `" + prev + "` (kebab-case identifiers are case-insensitive)", null);
                }
            }
        }
    }

    private int sortKey(WorldItem item) {
        if (item instanceof WorldItem.OfInterface) {
            return 0;
        }
        if (item instanceof WorldItem.OfType t) {
            TypeDef def = types.get(t.index());
            if (def.kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id id
                    && !types.get(id.index()).owner().equals(def.owner())) {
                return 1;
            }
            return 2;
        }
        return ((WorldItem.OfFunction) item).function().kind().resource() < 0 ? 3 : 4;
    }

    private void elaborateImport(Map<WorldKey, WorldItem> imports, WorldKey key, int id, Stability stability, String docs) {
        if (imports.containsKey(key)) {
            return;
        }
        for (int dep : directDeps(id)) {
            elaborateImport(imports, new WorldKey.OfInterface(dep), dep, stability, null);
        }
        imports.put(key, new WorldItem.OfInterface(id, stability, docs));
    }

    private boolean addExport(Map<WorldKey, WorldItem> imports, Map<WorldKey, WorldItem> exports,
            Set<Integer> exportInterfaces, Set<Integer> required, int id,
            WorldKey key, boolean addExport, Stability stability, String docs) {
        if (exports.containsKey(key)) {
            return addExport;
        }
        if (!addExport && required.contains(id)) {
            return true;
        }
        for (int dep : directDeps(id)) {
            boolean depExport = addExport && exportInterfaces.contains(dep);
            if (!addExport(imports, exports, exportInterfaces, required, dep, new WorldKey.OfInterface(dep), depExport, stability, null)) {
                return false;
            }
        }
        WorldItem item = new WorldItem.OfInterface(id, stability, docs);
        if (addExport) {
            if (required.contains(id)) {
                return false;
            }
            exports.put(key, item);
        } else {
            required.add(id);
            // An interface the world already imports keeps its own gate and docs.
            imports.putIfAbsent(key, item);
        }
        return true;
    }

    private List<Integer> directDeps(int iface) {
        List<Integer> deps = new ArrayList<>();
        for (int t : interfaces.get(iface).types().values()) {
            int d = typeInterfaceDep(t);
            if (d >= 0) {
                deps.add(d);
            }
        }
        return deps;
    }

    private int typeInterfaceDep(int t) {
        TypeDef def = types.get(t);
        if (!(def.kind() instanceof TypeDefKind.Alias a) || !(a.type() instanceof Type.Id id)) {
            return -1;
        }
        TypeDef other = types.get(id.index());
        if (other.owner().equals(def.owner())) {
            return -1;
        }
        return other.owner() instanceof TypeOwner.OfInterface o ? o.index() : -1;
    }

    /** {@code ns:pkg/name@version}, as wit-parser's id_of. */
    String interfaceIdName(int iface) {
        Interface i = interfaces.get(iface);
        if (i.name() == null || i.packageIndex() == null) {
            return "anon";
        }
        PackageName p = packages.get(i.packageIndex()).name();
        return p.namespace() + ":" + p.name() + "/" + i.name() + (p.version() == null ? "" : "@" + p.version());
    }
}
