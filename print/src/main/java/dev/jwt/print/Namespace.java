package dev.jwt.print;

import dev.jwt.binary.module.NameSection.Naming;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The printed identifiers of one index space (functions, the locals of one function, ...). A name
 * is used as is the first time it appears; an empty name or a repeat gets the identifier
 * {@code $"#kindN name"} and keeps its real name in an {@code (@name "...")} annotation, which is
 * how wasm-tools keeps every identifier unique while the round trip stays exact.
 */
final class Namespace {
    static final Namespace EMPTY = new Namespace("", List.of(), false);

    private final String kind;
    private final boolean nameUnnamed;
    private final Map<Integer, String> ids = new HashMap<>();
    private final Map<Integer, String> annotations = new HashMap<>();

    Namespace(String kind, List<Naming> names, boolean nameUnnamed) {
        this(kind, kind, names, nameUnnamed);
    }

    /**
     * With {@code kind} for the identifiers of empty and repeated names and {@code unnamedKind} for
     * those {@code --name-unnamed} makes up (a component's core functions: {@code $"#core-func3 f"}
     * but {@code $#func3}).
     */
    Namespace(String kind, String unnamedKind, List<Naming> names, boolean nameUnnamed) {
        this.kind = unnamedKind;
        this.nameUnnamed = nameUnnamed;
        add(kind, names);
    }

    /**
     * From several name maps of one index space (a component-name section may repeat a sort), read
     * in turn: a later map renames an index, and repeats are told within each map only.
     */
    static Namespace ofMaps(String kind, String unnamedKind, List<List<Naming>> maps, boolean nameUnnamed) {
        Namespace ns = new Namespace(kind, unnamedKind, List.of(), nameUnnamed);
        for (List<Naming> names : maps) {
            ns.add(kind, names);
        }
        return ns;
    }

    private void add(String kind, List<Naming> names) {
        Set<String> used = new HashSet<>();
        for (Naming n : names) {
            // a repeated index: the last name wins, but the earlier one stays used (as in wasm-tools)
            annotations.remove(n.index());
            String name = n.name();
            if (name.isEmpty() || !used.add(name)) {
                ids.put(n.index(), Strings.identifier("#" + kind + n.index() + " " + name));
                StringBuilder a = new StringBuilder(" (@name ");
                Strings.quoted(a, name);
                annotations.put(n.index(), a.append(')').toString());
            } else {
                ids.put(n.index(), Strings.identifier(name));
            }
        }
    }

    /** The identifier of item {@code index} ({@code $x}), or null when it has none. */
    String id(int index) {
        String id = ids.get(index);
        if (id == null && nameUnnamed) {
            id = "$#" + kind + index;
        }
        return id;
    }

    /** The {@code (@name "...")} annotation (with a leading space) of item {@code index}, or "". */
    String annotation(int index) {
        String a = annotations.get(index);
        return a == null ? "" : a;
    }

    /** Appends the identifier of {@code index}, or the index itself. */
    void ref(StringBuilder out, int index) {
        String id = id(index);
        if (id != null) {
            out.append(id);
        } else {
            out.append(index);
        }
    }
}
