package dev.jwt.binary.custom;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.NameSection;
import dev.jwt.binary.module.NameSection.IndirectNaming;
import dev.jwt.binary.module.NameSection.Naming;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code name} custom section (spec appendix "Name Section", extended by the extended-name-section
 * proposal as wasm-tools reads it): subsections 0 module, 1 function, 2 local, 3 label, 4 type,
 * 5 table, 6 memory, 7 global, 8 elem, 9 data, 10 field, 11 tag. Unknown subsections are skipped.
 */
public final class NameSectionCodec {
    private NameSectionCodec() {}

    public static final int MODULE = 0, FUNCTION = 1, LOCAL = 2, LABEL = 3, TYPE = 4, TABLE = 5, MEMORY = 6,
            GLOBAL = 7, ELEM = 8, DATA = 9, FIELD = 10, TAG = 11;

    /**
     * Decodes the section's payload (after its name), which starts at {@code offset} in the binary.
     *
     * @throws MalformedException when it does not decode
     */
    public static NameSection decode(Bytes payload, long offset) {
        BinaryReader r = new BinaryReader(payload, offset);
        String module = null;
        List<Naming> functions = List.of(), types = List.of(), tables = List.of(), memories = List.of(),
                globals = List.of(), elements = List.of(), data = List.of(), tags = List.of();
        List<IndirectNaming> locals = List.of(), labels = List.of(), fields = List.of();
        while (!r.eof()) {
            int id = r.u8();
            int size = r.u32Count();
            BinaryReader s = r.slice(size);
            switch (id) {
                case MODULE -> module = s.name();
                case FUNCTION -> functions = nameMap(s);
                case LOCAL -> locals = indirectNameMap(s);
                case LABEL -> labels = indirectNameMap(s);
                case TYPE -> types = nameMap(s);
                case TABLE -> tables = nameMap(s);
                case MEMORY -> memories = nameMap(s);
                case GLOBAL -> globals = nameMap(s);
                case ELEM -> elements = nameMap(s);
                case DATA -> data = nameMap(s);
                case FIELD -> fields = indirectNameMap(s);
                case TAG -> tags = nameMap(s);
                default -> s.rest();
            }
            if (!s.eof()) {
                throw new MalformedException("name subsection size mismatch", s.offset());
            }
        }
        return new NameSection(module, functions, locals, labels, types, tables, memories, globals, elements, data,
                fields, tags);
    }

    /** Like {@link #decode}, but null when the section does not decode (which must not fail the module). */
    public static NameSection tryDecode(Bytes payload, long offset) {
        try {
            return decode(payload, offset);
        } catch (MalformedException e) {
            return null;
        }
    }

    private static List<Naming> nameMap(BinaryReader s) {
        int n = s.u32Count();
        List<Naming> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            int index = s.u32();
            out.add(new Naming(index, s.name()));
        }
        return List.copyOf(out);
    }

    private static List<IndirectNaming> indirectNameMap(BinaryReader s) {
        int n = s.u32Count();
        List<IndirectNaming> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            int index = s.u32();
            out.add(new IndirectNaming(index, nameMap(s)));
        }
        return List.copyOf(out);
    }

    /** Encodes the payload of a {@code name} section (without the section's own name). */
    public static Bytes encode(NameSection names) {
        BinaryWriter w = new BinaryWriter();
        BinaryWriter sub = new BinaryWriter();
        if (names.moduleName() != null) {
            sub.name(names.moduleName());
            subsection(w, MODULE, sub);
        }
        nameMap(w, sub, FUNCTION, names.functions());
        indirectNameMap(w, sub, LOCAL, names.locals());
        indirectNameMap(w, sub, LABEL, names.labels());
        nameMap(w, sub, TYPE, names.types());
        nameMap(w, sub, TABLE, names.tables());
        nameMap(w, sub, MEMORY, names.memories());
        nameMap(w, sub, GLOBAL, names.globals());
        nameMap(w, sub, ELEM, names.elements());
        nameMap(w, sub, DATA, names.data());
        indirectNameMap(w, sub, FIELD, names.fields());
        nameMap(w, sub, TAG, names.tags());
        return w.toBytes();
    }

    private static void subsection(BinaryWriter w, int id, BinaryWriter sub) {
        w.u8(id);
        w.byteVector(sub);
        sub.reset();
    }

    private static void writeNameMap(BinaryWriter sub, List<Naming> map) {
        sub.u32(map.size());
        for (Naming n : map) {
            sub.u32(n.index());
            sub.name(n.name());
        }
    }

    private static void nameMap(BinaryWriter w, BinaryWriter sub, int id, List<Naming> map) {
        if (map.isEmpty()) {
            return;
        }
        writeNameMap(sub, map);
        subsection(w, id, sub);
    }

    private static void indirectNameMap(BinaryWriter w, BinaryWriter sub, int id, List<IndirectNaming> map) {
        if (map.isEmpty()) {
            return;
        }
        sub.u32(map.size());
        for (IndirectNaming n : map) {
            sub.u32(n.index());
            writeNameMap(sub, n.names());
        }
        subsection(w, id, sub);
    }
}
