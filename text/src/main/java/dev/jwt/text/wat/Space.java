package dev.jwt.text.wat;

import dev.jwt.binary.module.NameSection.Naming;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.TokenKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One index space of a module (types, functions, tables, ...) as the text format sees it: how
 * many entries it has and which symbolic ids name them, plus the names for the name section.
 */
public final class Space {
    final String what;
    private final Map<String, Integer> ids = new HashMap<>();
    final List<Naming> names = new ArrayList<>();
    int count;

    /** The number of entries. */
    public int count() { return count; }

    /** The names given by ids and {@code @name} annotations, for a name section. */
    public List<Naming> names() { return names; }

    public Space(String what) {
        this.what = what;
    }

    /** Adds an entry, named by {@code id} (may be null) at token {@code at}; returns its index. */
    public int define(Cursor c, int at, String id, String name) {
        if (id != null) {
            if (ids.putIfAbsent(id, count) != null) {
                throw c.errorAt(at, "duplicate " + what + " identifier $" + id);
            }
        }
        String shown = name != null ? name : id;
        if (shown != null) {
            names.add(new Naming(count, shown));
        }
        return count++;
    }

    /** Adds an entry that {@code id} refers to but that gets no name in a name section. */
    public int defineUnnamed(Cursor c, int at, String id) {
        int index = define(c, at, id, null);
        if (id != null) {
            names.remove(names.size() - 1);
        }
        return index;
    }

    public Integer lookup(String id) {
        return ids.get(id);
    }

    /** An index written as a number or an id. */
    public int resolve(Cursor c) {
        if (c.at(TokenKind.ID)) {
            int at = c.pos();
            String id = c.optionalId();
            Integer i = ids.get(id);
            if (i == null) {
                throw c.errorAt(at, "unknown " + what + ": failed to find name `$" + id + "`");
            }
            return i;
        }
        if (c.at(TokenKind.NUMBER)) {
            return c.u32();
        }
        throw c.unexpected("an index or an identifier");
    }

    public static boolean atIndex(Cursor c) {
        return c.at(TokenKind.ID) || c.at(TokenKind.NUMBER);
    }
}
