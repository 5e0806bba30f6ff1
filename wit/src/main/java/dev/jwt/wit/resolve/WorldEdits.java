package dev.jwt.wit.resolve;

import dev.jwt.wit.WitException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Edits of one world of a {@link Resolve} that tools ask for (wit-parser's {@code importize},
 * {@code exportize} and {@code merge_world_imports_based_on_semver}, behind
 * {@code wasm-tools component wit --importize-world} and friends). Each returns a new Resolve
 * whose world indices are those of the input; the edited world keeps its index.
 */
public final class WorldEdits {
    private WorldEdits() {}

    /**
     * The world a tool means by {@code name} (wit-parser's select_world): null is the only world
     * of the main package; a plain name one of its worlds; {@code ns:pkg/world[@version]} a world
     * of any package.
     */
    public static int select(Resolve resolve, int mainPackage, String name) {
        Package main = resolve.packages().get(mainPackage);
        if (name == null) {
            if (main.worlds().size() == 1) {
                return main.worlds().values().iterator().next();
            }
            if (main.worlds().isEmpty()) {
                throw new WitException("no worlds found in package `" + main.name() + "`", null);
            }
            throw new WitException("multiple worlds found in package `" + main.name() + "`: one must be explicitly chosen", null);
        }
        int slash = name.indexOf('/');
        if (name.indexOf(':') < 0 || slash < 0) {
            Integer w = main.worlds().get(name);
            if (w == null) {
                throw new WitException("no world named `" + name + "` in package", null);
            }
            return w;
        }
        String pkg = name.substring(0, slash);
        String world = name.substring(slash + 1);
        String version = null;
        int at = world.indexOf('@');
        if (at >= 0) {
            version = world.substring(at + 1);
            world = world.substring(0, at);
        }
        int colon = pkg.indexOf(':');
        PackageName wanted = new PackageName(pkg.substring(0, colon), pkg.substring(colon + 1), version);
        for (Package p : resolve.packages()) {
            if (p.name().equals(wanted)) {
                Integer w = p.worlds().get(world);
                if (w == null) {
                    throw new WitException("no world named `" + world + "` in package `" + wanted + "`", null);
                }
                return w;
            }
        }
        throw new WitException("no package named `" + wanted + "`", null);
    }

    /**
     * The world that imports what {@code world} exports: its exports become imports, its other
     * imports go except types (which the moved items may use), and it is renamed {@code outName}
     * or {@code <name>-importized}.
     */
    public static Resolve importize(Resolve resolve, int world, String outName) {
        Linker l = Linker.of(resolve);
        World w = rename(l, world, outName, "-importized");
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        w.imports().forEach((k, item) -> {
            if (item instanceof WorldItem.OfType) {
                imports.put(k, item);
            }
        });
        for (Map.Entry<WorldKey, WorldItem> e : w.exports().entrySet()) {
            if (imports.putIfAbsent(e.getKey(), e.getValue()) != null && e.getKey() instanceof WorldKey.Name n) {
                throw new WitException("failed to move world exports to imports\n\nCaused by:\n    0: world export `" + n.name()
                        + "` conflicts with import of same name", null);
            }
        }
        w.imports().clear();
        w.imports().putAll(imports);
        w.exports().clear();
        l.elaborate(world, null);
        return l.finish();
    }

    /**
     * The world that exports what {@code world} imports: its imports that {@code moved} accepts
     * (all when null) become exports, other imports stay, its exports go, and it is renamed
     * {@code outName} or {@code <name>-exportized}. Imported types stay imports.
     */
    public static Resolve exportize(Resolve resolve, int world, String outName, BiPredicate<WorldKey, WorldItem> moved) {
        Linker l = Linker.of(resolve);
        World w = rename(l, world, outName, "-exportized");
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        Map<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        w.imports().forEach((k, item) -> {
            if (!(item instanceof WorldItem.OfType) && (moved == null || moved.test(k, item))) {
                exports.put(k, item);
            } else {
                imports.put(k, item);
            }
        });
        w.imports().clear();
        w.imports().putAll(imports);
        w.exports().clear();
        w.exports().putAll(exports);
        l.elaborate(world, null);
        return l.finish();
    }

    /**
     * Deduplicates the imported interfaces of {@code world} by semver: of the versions of an
     * interface on one semver-compatible track only the latest stays imported, and everything
     * the world imports or exports that used an older one now uses the latest. Since interfaces
     * change, every world is elaborated again.
     */
    public static Resolve mergeImportsBasedOnSemver(Resolve resolve, int world) {
        Linker l = Linker.of(resolve);
        World w = l.worlds().get(world);
        record Latest(String version, int iface) {}
        Map<String, Latest> tracks = new HashMap<>();
        List<Integer> replaced = new ArrayList<>();
        for (WorldKey key : w.imports().keySet()) {
            if (!(key instanceof WorldKey.OfInterface k)) {
                continue;
            }
            String track = semverTrack(l, k.index());
            if (track == null) {
                continue;
            }
            String version = l.packages().get(l.interfaces().get(k.index()).packageIndex()).name().version();
            Latest prev = tracks.get(track);
            if (prev == null) {
                tracks.put(track, new Latest(version, k.index()));
            } else {
                int c = Semver.compare(version, prev.version());
                if (c > 0) {
                    replaced.add(prev.iface());
                    tracks.put(track, new Latest(version, k.index()));
                } else if (c < 0) {
                    replaced.add(k.index());
                }
            }
        }
        Map<Integer, Integer> replacements = new HashMap<>();
        for (int id : replaced) {
            replacements.put(id, tracks.get(semverTrack(l, id)).iface());
        }
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        w.imports().forEach((k, item) -> {
            if (!(k instanceof WorldKey.OfInterface oi && replacements.containsKey(oi.index()))) {
                updateInterfaceDeps(l, item, replacements);
                imports.put(k, item);
            }
        });
        w.imports().clear();
        w.imports().putAll(imports);
        w.exports().values().forEach(item -> updateInterfaceDeps(l, item, replacements));
        for (int id = 0; id < l.worlds().size(); id++) {
            try {
                l.elaborate(id, null);
            } catch (WitException e) {
                throw new WitException("failed to elaborate world `" + l.worlds().get(id).name()
                        + "` after deduplicating imports based on semver\n\nCaused by:\n    0: " + e.getMessage(), null);
            }
        }
        return l.finish();
    }

    /** A resolve after {@link #generateNominalTypeIds}: which interfaces are clones of which. */
    public record Nominal(Resolve resolve, Map<Integer, Integer> cloneOf) {}

    /**
     * Gives every use of an interface in {@code world} after its first one (an interface both
     * imported and exported, or imported twice under two names) its own copy of the interface,
     * with its own types, so that each type id stands for one type of a bindings generator
     * (wit-parser's {@code generate_nominal_type_ids}). An exported copy uses the exported copies
     * of the interfaces it depends on; an interface that depends on a copied one is copied too.
     */
    public static Nominal generateNominalTypeIds(Resolve resolve, int world) {
        Linker l = Linker.of(resolve);
        World w = l.worlds().get(world);
        Map<Integer, Integer> cloneOf = new LinkedHashMap<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        w.imports().forEach((key, item) -> {
            if (item instanceof WorldItem.OfInterface oi && !seen.add(oi.index())) {
                int copy = cloneInterface(l, oi.index(), Map.of(), cloneOf);
                imports.put(renamed(key, copy), new WorldItem.OfInterface(copy, oi.stability(), oi.docs()));
            } else {
                imports.put(key, item);
            }
        });
        // Exports: an interface's exported dependencies are settled before it.
        Map<Integer, WorldKey> exportedByInterface = new HashMap<>();
        w.exports().forEach((key, item) -> {
            if (key instanceof WorldKey.OfInterface k) {
                exportedByInterface.put(k.index(), key);
            }
        });
        Map<WorldKey, WorldItem> settled = new HashMap<>();
        Map<Integer, Integer> exportedVersion = new HashMap<>();
        // Exports by name are settled first (which decides which copy is which, as wit-parser numbers them).
        for (WorldKey key : w.exports().keySet()) {
            if (key instanceof WorldKey.Name) {
                settleExport(l, w, key, exportedByInterface, settled, exportedVersion, seen, cloneOf);
            }
        }
        for (WorldKey key : w.exports().keySet()) {
            settleExport(l, w, key, exportedByInterface, settled, exportedVersion, seen, cloneOf);
        }
        Map<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        w.exports().forEach((key, item) -> {
            WorldItem now = settled.getOrDefault(key, item);
            exports.put(now instanceof WorldItem.OfInterface oi ? renamed(key, oi.index()) : key, now);
        });
        w.imports().clear();
        w.imports().putAll(imports);
        w.exports().clear();
        w.exports().putAll(exports);
        return new Nominal(l.finish(), cloneOf);
    }

    private static void settleExport(Linker l, World w, WorldKey key, Map<Integer, WorldKey> exportedByInterface,
            Map<WorldKey, WorldItem> settled, Map<Integer, Integer> exportedVersion, java.util.Set<Integer> seen,
            Map<Integer, Integer> cloneOf) {
        if (settled.containsKey(key) || !(w.exports().get(key) instanceof WorldItem.OfInterface oi)) {
            return;
        }
        settled.put(key, oi);
        boolean depCopied = false;
        for (int dep : interfaceDeps(l, oi.index())) {
            WorldKey depKey = exportedByInterface.get(dep);
            if (depKey != null) {
                settleExport(l, w, depKey, exportedByInterface, settled, exportedVersion, seen, cloneOf);
                depCopied |= exportedVersion.getOrDefault(dep, dep) != dep;
            }
        }
        int id = oi.index();
        if (!seen.add(oi.index()) || depCopied) {
            id = cloneInterface(l, oi.index(), exportedVersion, cloneOf);
        }
        if (key instanceof WorldKey.OfInterface) {
            exportedVersion.put(oi.index(), id);
        }
        settled.put(key, new WorldItem.OfInterface(id, oi.stability(), oi.docs()));
    }

    private static WorldKey renamed(WorldKey key, int iface) {
        return key instanceof WorldKey.OfInterface ? new WorldKey.OfInterface(iface) : key;
    }

    /** The interfaces whose types iface uses. */
    private static List<Integer> interfaceDeps(Linker l, int iface) {
        List<Integer> deps = new ArrayList<>();
        for (int t : l.interfaces().get(iface).types().values()) {
            TypeDef def = l.types().get(t);
            if (def.kind() instanceof TypeDefKind.Alias a && a.type() instanceof Type.Id id
                    && l.types().get(id.index()).owner() instanceof TypeOwner.OfInterface o && o.index() != iface
                    && !deps.contains(o.index())) {
                deps.add(o.index());
            }
        }
        return deps;
    }

    /**
     * A copy of interface orig with copies of its types and of the anonymous types its items
     * reach; types it uses from an interface in {@code versions} come from that interface's version.
     */
    private static int cloneInterface(Linker l, int orig, Map<Integer, Integer> versions, Map<Integer, Integer> cloneOf) {
        Interface src = l.interfaces().get(orig);
        int copy = l.interfaces().size();
        Map<String, Integer> types = new LinkedHashMap<>();
        Map<String, Function> functions = new LinkedHashMap<>();
        l.interfaces().add(new Interface(src.name(), types, functions, src.docs(), src.stability(), src.packageIndex()));
        cloneOf.put(copy, cloneOf.getOrDefault(orig, orig));
        Map<Integer, Integer> memo = new HashMap<>();
        for (Map.Entry<String, Integer> e : src.types().entrySet()) {
            types.put(e.getKey(), cloneType(l, e.getValue(), orig, copy, versions, memo));
        }
        for (Function f : src.functions().values()) {
            List<Function.Param> params = new ArrayList<>();
            for (Function.Param p : f.params()) {
                params.add(new Function.Param(p.name(), cloneTy(l, p.type(), orig, copy, versions, memo)));
            }
            Type result = f.result() == null ? null : cloneTy(l, f.result(), orig, copy, versions, memo);
            Function.FunctionKind kind = f.kind();
            if (kind instanceof Function.Method m) {
                kind = new Function.Method(memo.getOrDefault(m.resource(), m.resource()), m.async());
            } else if (kind instanceof Function.Static st) {
                kind = new Function.Static(memo.getOrDefault(st.resource(), st.resource()), st.async());
            } else if (kind instanceof Function.Constructor c) {
                kind = new Function.Constructor(memo.getOrDefault(c.resource(), c.resource()));
            }
            functions.put(f.name(), new Function(f.name(), kind, params, result, f.docs(), f.stability()));
        }
        return copy;
    }

    private static Type cloneTy(Linker l, Type t, int orig, int copy, Map<Integer, Integer> versions, Map<Integer, Integer> memo) {
        return t instanceof Type.Id id ? new Type.Id(cloneType(l, id.index(), orig, copy, versions, memo)) : t;
    }

    private static int cloneType(Linker l, int t, int orig, int copy, Map<Integer, Integer> versions, Map<Integer, Integer> memo) {
        Integer done = memo.get(t);
        if (done != null) {
            return done;
        }
        TypeDef def = l.types().get(t);
        if (def.owner() instanceof TypeOwner.OfInterface o && o.index() != orig) {
            Integer version = versions.get(o.index());
            int mapped = version == null ? t : l.interfaces().get(version).types().get(def.name());
            memo.put(t, mapped);
            return mapped;
        }
        if (!(def.owner() instanceof TypeOwner.OfInterface) && !(def.owner() instanceof TypeOwner.None)) {
            return t;
        }
        TypeDefKind k = def.kind();
        TypeDefKind kind;
        if (k instanceof TypeDefKind.Handle h) {
            kind = new TypeDefKind.Handle(h.own(), cloneType(l, h.resource(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.Alias a) {
            kind = new TypeDefKind.Alias(cloneTy(l, a.type(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.Record r) {
            kind = new TypeDefKind.Record(r.fields().stream().map(f -> new TypeDefKind.Field(f.name(),
                    cloneTy(l, f.type(), orig, copy, versions, memo), f.docs())).toList());
        } else if (k instanceof TypeDefKind.Variant v) {
            kind = new TypeDefKind.Variant(v.cases().stream().map(c -> new TypeDefKind.Case(c.name(),
                    c.type() == null ? null : cloneTy(l, c.type(), orig, copy, versions, memo), c.docs())).toList());
        } else if (k instanceof TypeDefKind.Tuple tu) {
            kind = new TypeDefKind.Tuple(tu.types().stream().map(x -> cloneTy(l, x, orig, copy, versions, memo)).toList());
        } else if (k instanceof TypeDefKind.Option op) {
            kind = new TypeDefKind.Option(cloneTy(l, op.type(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.Result r) {
            kind = new TypeDefKind.Result(r.ok() == null ? null : cloneTy(l, r.ok(), orig, copy, versions, memo),
                    r.err() == null ? null : cloneTy(l, r.err(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.ListOf li) {
            kind = new TypeDefKind.ListOf(cloneTy(l, li.type(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.FixedSizeList li) {
            kind = new TypeDefKind.FixedSizeList(cloneTy(l, li.type(), orig, copy, versions, memo), li.size());
        } else if (k instanceof TypeDefKind.MapOf m) {
            kind = new TypeDefKind.MapOf(cloneTy(l, m.key(), orig, copy, versions, memo), cloneTy(l, m.value(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.Future f) {
            kind = new TypeDefKind.Future(f.type() == null ? null : cloneTy(l, f.type(), orig, copy, versions, memo));
        } else if (k instanceof TypeDefKind.Stream st) {
            kind = new TypeDefKind.Stream(st.type() == null ? null : cloneTy(l, st.type(), orig, copy, versions, memo));
        } else {
            kind = k;
        }
        TypeOwner owner = def.owner() instanceof TypeOwner.OfInterface ? new TypeOwner.OfInterface(copy) : def.owner();
        l.types().add(new TypeDef(def.name(), kind, owner, def.docs(), def.stability()));
        int id = l.types().size() - 1;
        memo.put(t, id);
        return id;
    }

    /** {@code ns:name@track/interface} of a versioned, named interface, or null. */
    private static String semverTrack(Linker l, int iface) {
        Interface i = l.interfaces().get(iface);
        if (i.name() == null || i.packageIndex() == null) {
            return null;
        }
        PackageName p = l.packages().get(i.packageIndex()).name();
        if (p.version() == null) {
            return null;
        }
        return p.namespace() + ":" + p.name() + "@" + Semver.track(p.version()) + "/" + i.name();
    }

    /** Points the types that item uses from a replaced interface at the same-named types of its replacement. */
    private static void updateInterfaceDeps(Linker l, WorldItem item, Map<Integer, Integer> replacements) {
        if (item instanceof WorldItem.OfType t) {
            updateInterfaceDep(l, t.index(), replacements);
        } else if (item instanceof WorldItem.OfInterface oi) {
            for (int t : l.interfaces().get(oi.index()).types().values()) {
                updateInterfaceDep(l, t, replacements);
            }
        }
    }

    private static void updateInterfaceDep(Linker l, int type, Map<Integer, Integer> replacements) {
        TypeDef def = l.types().get(type);
        if (!(def.kind() instanceof TypeDefKind.Alias a) || !(a.type() instanceof Type.Id target)) {
            return;
        }
        TypeDef used = l.types().get(target.index());
        if (used.owner().equals(def.owner()) || !(used.owner() instanceof TypeOwner.OfInterface from)) {
            return;
        }
        Integer with = replacements.get(from.index());
        if (with == null) {
            return;
        }
        Integer replacement = l.interfaces().get(with).types().get(used.name());
        if (replacement == null) {
            throw new WitException("type `" + used.name() + "` not defined in interface `" + l.interfaceIdName(with) + "`", null);
        }
        l.types().set(type, def.withKind(new TypeDefKind.Alias(new Type.Id(replacement))));
    }

    /** Gives world its new name, which moves it last among its package's worlds (as an IndexMap's remove + insert). */
    private static World rename(Linker l, int world, String outName, String suffix) {
        World w = l.worlds().get(world);
        String name = outName != null ? outName : w.name() + suffix;
        World renamed = new World(name, w.imports(), w.exports(), w.packageIndex(), w.docs(), w.stability());
        l.worlds().set(world, renamed);
        Map<String, Integer> worlds = l.packages().get(w.packageIndex()).worlds();
        worlds.remove(w.name());
        worlds.put(name, world);
        return renamed;
    }
}
