package dev.jwt.wit.resolve;

import dev.jwt.wit.parse.Ast;
import dev.jwt.wit.parse.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One package after its own names are resolved but before it joins a {@link Resolve}: arenas with
 * package-local indices, in the order wit-parser allocates them (foreign stubs first). The
 * {@link Linker} then copies it into the Resolve, dropping gated-out items and mapping stubs.
 */
public final class UnresolvedPackage {
    final PackageName name;
    final Span nameSpan;
    final String docs;
    final List<TypeDef> types = new ArrayList<>();
    final List<Span> typeSpans = new ArrayList<>();
    /** Spans for errors about a type's contents, by type index: record fields etc. (may be null). */
    final List<List<Span>> typeRefSpans = new ArrayList<>();
    final List<IfaceDraft> interfaces = new ArrayList<>();
    final List<WorldDraft> worlds = new ArrayList<>();
    /** Foreign packages this one uses, in first-use order, with the stubs standing for their items. */
    final Map<PackageName, Map<String, ForeignItem>> foreignDeps = new LinkedHashMap<>();
    final Map<PackageName, Span> foreignDepSpans = new LinkedHashMap<>();
    int foreignTypeCount;
    int foreignInterfaceCount;
    int foreignWorldCount;

    UnresolvedPackage(PackageName name, Span nameSpan, String docs) {
        this.name = name;
        this.nameSpan = nameSpan;
        this.docs = docs;
    }

    /** A stub for an interface or world of another package, with the span and gate of its first use. */
    record ForeignItem(boolean world, int index, Span span, Stability stability) {}

    static final class IfaceDraft {
        String name;
        final Span span;
        final Map<String, Integer> types = new LinkedHashMap<>();
        final Map<String, Function> functions = new LinkedHashMap<>();
        final List<Span> functionSpans = new ArrayList<>();
        String docs;
        Stability stability = Stability.UNKNOWN;
        /** For stubs: the foreign package and the name there. */
        PackageName foreignPackage;

        IfaceDraft(Span span) {
            this.span = span;
        }
    }

    static final class WorldDraft {
        String name;
        final Span span;
        final Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        final Map<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        final List<Span> importSpans = new ArrayList<>();
        final List<Span> exportSpans = new ArrayList<>();
        final List<IncludeDraft> includes = new ArrayList<>();
        String docs;
        Stability stability = Stability.UNKNOWN;
        PackageName foreignPackage;

        WorldDraft(Span span) {
            this.span = span;
        }
    }

    record IncludeDraft(int world, Stability stability, List<Ast.IncludeName> names, Span span) {}
}
