package dev.jwt.print;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.custom.DylinkSection;
import dev.jwt.binary.custom.ProducersSection;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.module.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * The custom sections wasm-tools prints in their own annotation syntax: {@code producers} as
 * {@code (@producers ...)}, {@code dylink.0} as {@code (@dylink.0 ...)}, and the code metadata
 * sections ({@code metadata.code.*}, e.g. branch hints) inline before the instructions they
 * annotate. Others, and these when they do not decode, print as {@code (@custom "name" ...)}; a
 * decoding error is shown in a comment just above, with its offset.
 */
final class CustomSections {
    private final ModulePrinter m;

    /** Code metadata: function index, then offset in the body (from its locals), then the annotation text. */
    private final Map<Integer, Map<Integer, String>> codeMetadata = new HashMap<>();

    CustomSections(ModulePrinter m) {
        this.m = m;
    }

    // ------------------------------------------------------------------ code metadata

    /** First pass: remembers a {@code metadata.code.*} section; false when it does not decode. */
    boolean readCodeMetadata(String name, BinaryReader s) {
        Map<Integer, Map<Integer, String>> found = new HashMap<>();
        try {
            int funcs = s.u32Count();
            for (int i = 0; i < funcs; i++) {
                int func = s.u32();
                int hints = s.u32Count();
                Map<Integer, String> byOffset = found.computeIfAbsent(func, k -> new HashMap<>());
                for (int k = 0; k < hints; k++) {
                    int offset = s.u32();
                    Bytes value = s.byteVector();
                    StringBuilder text = new StringBuilder("(@").append(name).append(' ');
                    Strings.bytes(text, value.array(), value.start(), value.length());
                    byOffset.put(offset, text.append(')').toString());
                }
            }
            if (!s.eof()) {
                return false;
            }
        } catch (MalformedException e) {
            return false;
        }
        found.forEach((f, hints) -> codeMetadata.computeIfAbsent(f, k -> new HashMap<>()).putAll(hints));
        return true;
    }

    /** The code metadata of function {@code func}, by offset in its body; null when none. */
    Map<Integer, String> codeMetadata(int func) {
        return codeMetadata.get(func);
    }

    // ------------------------------------------------------------------ producers

    private static final java.util.Set<String> PRODUCER_FIELDS = java.util.Set.of("language", "processed-by", "sdk");

    /** Prints a producers section; false (after printing the error comment) when it does not decode. */
    boolean producers(Bytes payload, long payloadOffset, long start) {
        ProducersSection section;
        try {
            section = ProducersSection.decode(payload, payloadOffset);
            for (int i = 0; i < section.fields().size(); i++) {
                String field = section.fields().get(i).name();
                if (!PRODUCER_FIELDS.contains(field)) {
                    throw new MalformedException("invalid producers field name: `" + field + "`",
                            fieldOffset(payload, payloadOffset, i));
                }
            }
        } catch (MalformedException e) {
            failed("producers", e);
            return false;
        }
        m.newline(start);
        m.out.append("(@producers");
        boolean any = false;
        for (ProducersSection.Field field : section.fields()) {
            for (ProducersSection.Value value : field.values()) {
                m.indent++;
                m.newline(-1);
                m.indent--;
                m.out.append('(').append(field.name()).append(' ');
                Strings.quoted(m.out, value.name());
                m.out.append(' ');
                Strings.quoted(m.out, value.version());
                m.out.append(')');
                any = true;
            }
        }
        if (any) {
            m.newline(-1);
        }
        m.out.append(')');
        return true;
    }

    /** Where the name of field {@code index} starts, for the error message (the section decoded). */
    private static long fieldOffset(Bytes payload, long payloadOffset, int index) {
        BinaryReader r = new BinaryReader(payload, payloadOffset);
        r.u32();
        for (int i = 0; i < index; i++) {
            r.name();
            int values = r.u32();
            for (int k = 0; k < 2 * values; k++) {
                r.name();
            }
        }
        return r.offset();
    }

    /** The comment wasm-tools prints above a custom section it could not decode. */
    private void failed(String name, MalformedException e) {
        m.newline(-1);
        String message = e.bareMessage();
        if (message.startsWith("unexpected end")) {
            message = "unexpected end-of-file";
        }
        m.out.append(";; failed to parse custom section `").append(name).append("`: ");
        String[] lines = message.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                m.newline(-1);
                m.out.append(";; ");
            }
            m.out.append(lines[i]);
        }
        m.out.append(" (at offset 0x").append(Long.toHexString(e.offset())).append(')');
    }

    // ------------------------------------------------------------------ dylink.0

    private static final String[] SYMBOL_FLAGS = {
        "binding-weak", "binding-local", "visibility-hidden", null, "undefined", "exported", "explicit-name",
        "no-strip", "tls", "absolute"
    };

    /** Prints a dylink.0 section; false (after the error comment) when it does not decode. */
    boolean dylink(Bytes payload, long payloadOffset, long start) {
        DylinkSection section;
        try {
            section = DylinkSection.decode(payload, payloadOffset);
            for (DylinkSection.Subsection sub : section.subsections()) {
                if (sub instanceof DylinkSection.Unknown u) {
                    throw new MalformedException("unknown dylink.0 subsection id " + u.id(), payloadOffset);
                }
            }
        } catch (MalformedException e) {
            failed("dylink.0", e);
            return false;
        }
        StringBuilder out = m.out;
        m.newline(start);
        out.append("(@dylink.0");
        m.indent++;
        for (DylinkSection.Subsection sub : section.subsections()) {
            if (sub instanceof DylinkSection.MemInfo mem) {
                m.newline(-1);
                out.append("(mem-info");
                if (mem.memorySize() != 0 || mem.memoryAlignment() != 0) {
                    out.append(" (memory ").append(Integer.toUnsignedString(mem.memorySize())).append(' ')
                            .append(Integer.toUnsignedString(mem.memoryAlignment())).append(')');
                }
                if (mem.tableSize() != 0 || mem.tableAlignment() != 0) {
                    out.append(" (table ").append(Integer.toUnsignedString(mem.tableSize())).append(' ')
                            .append(Integer.toUnsignedString(mem.tableAlignment())).append(')');
                }
                out.append(')');
            } else if (sub instanceof DylinkSection.Needed needed) {
                strings("(needed", needed.libraries());
            } else if (sub instanceof DylinkSection.RuntimePath path) {
                strings("(runtime-path", path.paths());
            } else if (sub instanceof DylinkSection.ExportInfo exports) {
                for (DylinkSection.SymbolFlags e : exports.exports()) {
                    m.newline(-1);
                    out.append("(export-info ");
                    Strings.quoted(out, e.name());
                    symbolFlags(out, e.flags());
                    out.append(')');
                }
            } else if (sub instanceof DylinkSection.ImportInfo imports) {
                for (DylinkSection.ImportFlags i : imports.imports()) {
                    m.newline(-1);
                    out.append("(import-info ");
                    Strings.quoted(out, i.module());
                    out.append(' ');
                    Strings.quoted(out, i.name());
                    symbolFlags(out, i.flags());
                    out.append(')');
                }
            }
        }
        m.indent--;
        if (!section.subsections().isEmpty()) {
            m.newline(-1);
        }
        out.append(')');
        return true;
    }

    private void strings(String head, java.util.List<String> values) {
        m.newline(-1);
        m.out.append(head);
        for (String v : values) {
            m.out.append(' ');
            Strings.quoted(m.out, v);
        }
        m.out.append(')');
    }

    private static void symbolFlags(StringBuilder text, int flags) {
        int rest = flags;
        for (int bit = 0; bit < SYMBOL_FLAGS.length; bit++) {
            if (SYMBOL_FLAGS[bit] != null && (flags & (1 << bit)) != 0) {
                text.append(' ').append(SYMBOL_FLAGS[bit]);
                rest &= ~(1 << bit);
            }
        }
        if (rest != 0) {
            text.append(" 0x").append(Integer.toHexString(rest));
        }
    }
}
