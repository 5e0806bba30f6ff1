package dev.jwt.cli.strip;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.SectionId;
import java.util.function.Predicate;

/**
 * {@code jwt strip}: removes custom sections from a module or component, copying every other
 * section byte for byte (so a binary that is not in canonical form keeps its encoding). Modules
 * and components nested in a component are stripped too.
 */
public final class CustomSectionFilter {
    /** Component section ids of a nested core module and a nested component. */
    private static final int CORE_MODULE_SECTION = 1;
    private static final int COMPONENT_SECTION = 4;
    /** The highest component section id (value section, 12). */
    private static final int LAST_COMPONENT_SECTION = 12;

    private CustomSectionFilter() {}

    /**
     * What {@code wasm-tools strip} removes by default: every custom section except {@code name},
     * {@code dylink.0} and the {@code component-type:*} sections.
     */
    public static boolean strippedByDefault(String name) {
        return !name.equals("name") && !name.equals("dylink.0") && !name.startsWith("component-type:");
    }

    /** {@code binary} without the custom sections whose name {@code remove} accepts. */
    public static byte[] strip(byte[] binary, Predicate<String> remove) {
        BinaryReader r = new BinaryReader(binary);
        ModuleDecoder.BinaryKind kind = ModuleDecoder.readPreamble(r);
        BinaryWriter w = new BinaryWriter();
        w.bytes(binary, 0, r.position());
        while (!r.eof()) {
            long idAt = r.offset();
            int id = r.u8();
            boolean known = kind == ModuleDecoder.BinaryKind.MODULE ? SectionId.byId(id) != null
                    : id <= LAST_COMPONENT_SECTION;
            if (!known) {
                throw new MalformedException("malformed section id", idAt);
            }
            int size = r.u32Count();
            int start = r.position();
            BinaryReader s = r.slice(size);
            if (id == 0) {
                if (remove.test(s.name())) {
                    continue;
                }
                section(w, id, binary, start, size);
            } else if (kind == ModuleDecoder.BinaryKind.COMPONENT
                    && (id == CORE_MODULE_SECTION || id == COMPONENT_SECTION)) {
                byte[] nested = new byte[size];
                System.arraycopy(binary, start, nested, 0, size);
                byte[] stripped = strip(nested, remove);
                section(w, id, stripped, 0, stripped.length);
            } else {
                section(w, id, binary, start, size);
            }
        }
        return w.toByteArray();
    }

    private static void section(BinaryWriter w, int id, byte[] content, int start, int size) {
        w.u8(id);
        w.u32(size);
        w.bytes(content, start, size);
    }
}
