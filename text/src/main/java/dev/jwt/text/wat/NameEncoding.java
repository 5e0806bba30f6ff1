package dev.jwt.text.wat;

import dev.jwt.binary.module.NameSection;
import dev.jwt.binary.module.NameSection.IndirectNaming;
import dev.jwt.binary.module.NameSection.Naming;
import java.util.List;

/**
 * The bytes of a {@code name} custom section (spec appendix, Name Section), with the subsections
 * in id order: module 0, functions 1, locals 2, labels 3, types 4, tables 5, memories 6,
 * globals 7, element segments 8, data segments 9, fields 10, tags 11.
 */
final class NameEncoding {
    private NameEncoding() {}

    static byte[] encode(NameSection n) {
        ByteSink out = new ByteSink();
        if (n.moduleName() != null) {
            ByteSink s = new ByteSink();
            s.name(n.moduleName());
            subsection(out, 0, s);
        }
        map(out, 1, n.functions());
        indirect(out, 2, n.locals());
        indirect(out, 3, n.labels());
        map(out, 4, n.types());
        map(out, 5, n.tables());
        map(out, 6, n.memories());
        map(out, 7, n.globals());
        map(out, 8, n.elements());
        map(out, 9, n.data());
        indirect(out, 10, n.fields());
        map(out, 11, n.tags());
        return out.toArray();
    }

    private static void subsection(ByteSink out, int id, ByteSink content) {
        out.byte_(id);
        out.u32(content.size());
        out.bytes(content.toArray());
    }

    private static void nameMap(ByteSink s, List<Naming> names) {
        s.u32(names.size());
        for (Naming nm : names) {
            s.u32(nm.index());
            s.name(nm.name());
        }
    }

    private static void map(ByteSink out, int id, List<Naming> names) {
        if (names.isEmpty()) {
            return;
        }
        ByteSink s = new ByteSink();
        nameMap(s, names);
        subsection(out, id, s);
    }

    private static void indirect(ByteSink out, int id, List<IndirectNaming> names) {
        if (names.isEmpty()) {
            return;
        }
        ByteSink s = new ByteSink();
        s.u32(names.size());
        for (IndirectNaming in : names) {
            s.u32(in.index());
            nameMap(s, in.names());
        }
        subsection(out, id, s);
    }
}
