package dev.jwt.cli.objdump;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.module.SectionId;
import java.io.IOException;
import java.io.Writer;

/**
 * {@code jwt objdump}: one line per section with its name, the range of its contents, their size
 * and item count, exactly as {@code wasm-tools objdump} prints them:
 *
 * <pre>
 *   types                                  |        0xa -        0xe |         4 bytes | 1 count
 * </pre>
 *
 * Only section headers and counts are read, so a module whose function bodies do not decode
 * still shows its layout. For a custom section the range is its data, after the name.
 */
public final class SectionTable {
    private SectionTable() {}

    public static void print(byte[] binary, Writer out) throws IOException {
        BinaryReader r = new BinaryReader(binary);
        if (ModuleDecoder.readPreamble(r) == ModuleDecoder.BinaryKind.COMPONENT) {
            component(r, out, 1);
        } else {
            module(r, out, 1);
        }
        out.flush();
    }

    /**
     * The sections of a core module whose preamble {@code r} has read; {@code depth} is its nesting
     * (1 at top level), each level indented by two spaces.
     */
    private static void module(BinaryReader r, Writer out, int depth) throws IOException {
        while (!r.eof()) {
            long idAt = r.offset();
            int id = r.u8();
            SectionId section = SectionId.byId(id);
            if (section == null) {
                throw new MalformedException("malformed section id", idAt);
            }
            int size = r.u32Count();
            int start = r.position();
            BinaryReader s = r.slice(size);
            String name;
            int count = 1;
            switch (section) {
                case CUSTOM -> name = "custom " + quoted(s.name());
                case START, DATA_COUNT -> name = plural(section);
                default -> {
                    name = plural(section);
                    count = s.u32Count();
                }
            }
            if (section == SectionId.CUSTOM) {
                start = s.position();
            }
            out.write(line(depth, name, start, s.limit(), count));
        }
    }

    /** Component section names as wasm-tools objdump prints them, by section id. */
    private static final String[] COMPONENT_SECTIONS = {"custom", "module", "core instances", "core types",
        "component", "component instances", "component alias", "component types", "canonical functions",
        "component start", "component imports", "component exports", "component values"};

    /**
     * The sections of a component whose preamble {@code r} has read. A nested module or component
     * is a line of its own (its whole binary, count 1), then its sections one level deeper.
     */
    private static void component(BinaryReader r, Writer out, int depth) throws IOException {
        while (!r.eof()) {
            long idAt = r.offset();
            int id = r.u8();
            if (id >= COMPONENT_SECTIONS.length) {
                throw new MalformedException("malformed section id", idAt);
            }
            int size = r.u32Count();
            int start = r.position();
            BinaryReader s = r.slice(size);
            switch (id) {
                case 0 -> {
                    String name = "custom " + quoted(s.name());
                    out.write(line(depth, name, s.position(), s.limit(), 1));
                }
                case 1, 4 -> {
                    out.write(line(depth, COMPONENT_SECTIONS[id], start, s.limit(), 1));
                    if (ModuleDecoder.readPreamble(s) == ModuleDecoder.BinaryKind.COMPONENT) {
                        component(s, out, depth + 1);
                    } else {
                        module(s, out, depth + 1);
                    }
                }
                case 9 -> out.write(line(depth, COMPONENT_SECTIONS[id], start, s.limit(), 1));
                default -> out.write(line(depth, COMPONENT_SECTIONS[id], start, s.limit(), s.u32Count()));
            }
        }
    }

    /** objdump's name of a section: the plural of its items. */
    private static String plural(SectionId section) {
        return switch (section) {
            case TYPE -> "types";
            case IMPORT -> "imports";
            case FUNCTION -> "functions";
            case TABLE -> "tables";
            case MEMORY -> "memories";
            case TAG -> "tags";
            case GLOBAL -> "globals";
            case EXPORT -> "exports";
            case START -> "start";
            case ELEMENT -> "elements";
            case DATA_COUNT -> "data count";
            case CODE -> "code";
            case DATA -> "data";
            case CUSTOM -> "custom";
        };
    }

    static String line(int depth, String name, int start, int end, long count) {
        return String.format("%-40s | %10s - %10s | %9d bytes | %d count%n", "  ".repeat(depth) + name,
                "0x" + Integer.toHexString(start), "0x" + Integer.toHexString(end), end - start, count);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
