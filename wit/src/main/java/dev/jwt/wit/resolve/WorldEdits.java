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
