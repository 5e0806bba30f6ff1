package dev.jwt.binary.custom;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dylink.0} custom section of dynamic libraries (tool-conventions DynamicLinking.md): a
 * list of subsections. Unknown subsections are kept as bytes.
 */
public record DylinkSection(List<Subsection> subsections) {
    public static final String NAME = "dylink.0";

    public static final int MEM_INFO = 1, NEEDED = 2, EXPORT_INFO = 3, IMPORT_INFO = 4, RUNTIME_PATH = 5;

    public DylinkSection {
        subsections = List.copyOf(subsections);
    }

    public sealed interface Subsection permits MemInfo, Needed, ExportInfo, ImportInfo, RuntimePath, Unknown {}

    /** Alignments are log2. */
    public record MemInfo(int memorySize, int memoryAlignment, int tableSize, int tableAlignment) implements Subsection {}

    public record Needed(List<String> libraries) implements Subsection {
        public Needed {
            libraries = List.copyOf(libraries);
        }
    }

    public record ExportInfo(List<SymbolFlags> exports) implements Subsection {
        public ExportInfo {
            exports = List.copyOf(exports);
        }
    }

    public record ImportInfo(List<ImportFlags> imports) implements Subsection {
        public ImportInfo {
            imports = List.copyOf(imports);
        }
    }

    public record RuntimePath(List<String> paths) implements Subsection {
        public RuntimePath {
            paths = List.copyOf(paths);
        }
    }

    public record Unknown(int id, Bytes data) implements Subsection {}

    /** Symbol flags of an export, e.g. 0x02 binding local, 0x04 visibility hidden, 0x80 TLS. */
    public record SymbolFlags(String name, int flags) {}

    public record ImportFlags(String module, String name, int flags) {}

    public static DylinkSection decode(Bytes payload, long offset) throws MalformedException {
        BinaryReader r = new BinaryReader(payload, offset);
        List<Subsection> out = new ArrayList<>();
        while (!r.eof()) {
            int id = r.u8();
            int size = r.u32Count();
            BinaryReader s = r.slice(size);
            Subsection sub = switch (id) {
                case MEM_INFO -> new MemInfo(s.u32(), s.u32(), s.u32(), s.u32());
                case NEEDED -> new Needed(names(s));
                case EXPORT_INFO -> {
                    int n = s.u32Count();
                    List<SymbolFlags> list = new ArrayList<>(Math.min(n, 64));
                    for (int i = 0; i < n; i++) {
                        String name = s.name();
                        list.add(new SymbolFlags(name, s.u32()));
                    }
                    yield new ExportInfo(list);
                }
                case IMPORT_INFO -> {
                    int n = s.u32Count();
                    List<ImportFlags> list = new ArrayList<>(Math.min(n, 64));
                    for (int i = 0; i < n; i++) {
                        String module = s.name();
                        String name = s.name();
                        list.add(new ImportFlags(module, name, s.u32()));
                    }
                    yield new ImportInfo(list);
                }
                case RUNTIME_PATH -> new RuntimePath(names(s));
                default -> new Unknown(id, s.rest());
            };
            if (!s.eof()) {
                throw new MalformedException("dylink.0 subsection size mismatch", s.offset());
            }
            out.add(sub);
        }
        return new DylinkSection(out);
    }

    private static List<String> names(BinaryReader s) {
        int n = s.u32Count();
        List<String> out = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            out.add(s.name());
        }
        return out;
    }

    public Bytes encode() {
        BinaryWriter w = new BinaryWriter();
        BinaryWriter s = new BinaryWriter();
        for (Subsection sub : subsections) {
            int id;
            if (sub instanceof MemInfo m) {
                id = MEM_INFO;
                s.u32(m.memorySize()).u32(m.memoryAlignment()).u32(m.tableSize()).u32(m.tableAlignment());
            } else if (sub instanceof Needed n) {
                id = NEEDED;
                names(s, n.libraries());
            } else if (sub instanceof ExportInfo e) {
                id = EXPORT_INFO;
                s.u32(e.exports().size());
                for (SymbolFlags f : e.exports()) {
                    s.name(f.name()).u32(f.flags());
                }
            } else if (sub instanceof ImportInfo im) {
                id = IMPORT_INFO;
                s.u32(im.imports().size());
                for (ImportFlags f : im.imports()) {
                    s.name(f.module()).name(f.name()).u32(f.flags());
                }
            } else if (sub instanceof RuntimePath p) {
                id = RUNTIME_PATH;
                names(s, p.paths());
            } else {
                Unknown u = (Unknown) sub;
                id = u.id();
                s.bytes(u.data());
            }
            w.u8(id);
            w.byteVector(s);
            s.reset();
        }
        return w.toBytes();
    }

    private static void names(BinaryWriter s, List<String> names) {
        s.u32(names.size());
        for (String n : names) {
            s.name(n);
        }
    }
}
