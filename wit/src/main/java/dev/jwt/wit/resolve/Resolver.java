package dev.jwt.wit.resolve;

import dev.jwt.wit.Wit;
import dev.jwt.wit.WitException;
import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves a group of packages (the input's own packages plus its dependencies): resolves each
 * package's names, orders the packages so dependencies come first (wit-parser's order: by name,
 * depth first) and links them into one {@link Resolve}.
 */
public final class Resolver {
    private Resolver() {}

    /** Resolves the names inside one package (wit-parser's "parse" step, before linking). */
    public static UnresolvedPackage resolvePackage(PackageSource source) {
        return PackageResolver.resolve(source);
    }

    /**
     * Links the input's packages ({@code main} and its {@code nested} ones) and its dependencies
     * into one Resolve, dependencies first.
     */
    public static Wit.Loaded link(UnresolvedPackage main, List<UnresolvedPackage> nested, List<UnresolvedPackage> deps,
            Wit.Features features) {
        return link(main, nested, List.of(), deps, features);
    }

    /**
     * As {@link #link(UnresolvedPackage, List, List, Wit.Features)}, with dependencies that were
     * binaries ({@code first}), which are linked before all others, in their order.
     */
    public static Wit.Loaded link(UnresolvedPackage main, List<UnresolvedPackage> nested, List<UnresolvedPackage> first,
            List<UnresolvedPackage> deps, Wit.Features features) {
        Map<PackageName, UnresolvedPackage> byName = new TreeMap<>();
        List<UnresolvedPackage> all = new ArrayList<>(nested);
        all.add(main);
        all.addAll(first);
        all.addAll(deps);
        for (UnresolvedPackage p : all) {
            UnresolvedPackage prev = byName.put(p.name, p);
            if (prev != null) {
                throw new WitException("package `" + p.name + "` is defined in two different locations:\n  * "
                        + location(p.nameSpan) + "\n  * " + location(prev.nameSpan), null);
            }
        }
        Set<PackageName> order = new LinkedHashSet<>();
        Set<PackageName> visiting = new HashSet<>();
        for (UnresolvedPackage p : first) {
            visit(p, byName, order, visiting);
        }
        for (UnresolvedPackage p : byName.values()) {
            visit(p, byName, order, visiting);
        }
        Linker linker = new Linker(features.enabled(), features.all());
        int mainId = -1;
        List<Integer> own = new ArrayList<>();
        Set<PackageName> ownNames = new HashSet<>();
        ownNames.add(main.name);
        nested.forEach(n -> ownNames.add(n.name));
        for (PackageName n : order) {
            int id = linker.link(byName.get(n));
            if (n.equals(main.name)) {
                mainId = id;
            }
            if (ownNames.contains(n)) {
                own.add(id);
            }
        }
        return new Wit.Loaded(linker.finish(), mainId, own);
    }

    private static void visit(UnresolvedPackage pkg, Map<PackageName, UnresolvedPackage> byName, Set<PackageName> order, Set<PackageName> visiting) {
        if (order.contains(pkg.name)) {
            return;
        }
        for (PackageName dep : pkg.foreignDeps.keySet()) {
            UnresolvedPackage e = byName.get(dep);
            if (e == null) {
                continue;
            }
            if (!visiting.add(dep)) {
                throw WitException.at(pkg.foreignDepSpans.get(dep), "package `" + dep + "` creates a dependency cycle");
            }
            visit(e, byName, order, visiting);
            visiting.remove(dep);
        }
        order.add(pkg.name);
    }

    private static String location(Span span) {
        return span.source().path() + ":" + span.line() + ":" + span.column();
    }

    /** wit-parser's documentation text for a run of comments. */
    public static String docs(Ast.Docs docs) {
        return PackageResolver.docs(docs);
    }
}
