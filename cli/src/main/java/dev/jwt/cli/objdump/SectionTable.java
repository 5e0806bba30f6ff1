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
            throw new MalformedException("jwt objdump does not support components yet", 4);
        }
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
            out.write(line(name, start, s.limit(), count));
        }
        out.flush();
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

    static String line(String name, int start, int end, long count) {
        return String.format("%-40s | %10s - %10s | %9d bytes | %d count%n", "  " + name,
                "0x" + Integer.toHexString(start), "0x" + Integer.toHexString(end), end - start, count);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
