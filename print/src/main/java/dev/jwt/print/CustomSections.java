package dev.jwt.print;

import dev.jwt.binary.MalformedException;
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
    boolean producers(BinaryReader s, long start) {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        try {
            int fields = s.u32Count();
            for (int i = 0; i < fields; i++) {
                long at = s.offset();
                String field = s.name();
                if (!PRODUCER_FIELDS.contains(field)) {
                    throw new MalformedException("invalid producers field name: `" + field + "`", at);
                }
                int values = s.u32Count();
                for (int k = 0; k < values; k++) {
                    String name = s.name();
                    String version = s.name();
                    text.append('\n');
                    text.append(m.indentation(m.indent + 1));
                    text.append('(').append(field).append(' ');
                    Strings.quoted(text, name);
                    text.append(' ');
                    Strings.quoted(text, version);
                    text.append(')');
                    lines++;
                }
            }
            if (!s.eof()) {
                throw new MalformedException("unexpected content in producers section", s.offset());
            }
        } catch (MalformedException e) {
            failed("producers", e);
            return false;
        }
        m.newline(start);
        m.out.append("(@producers");
        if (lines > 0) {
            m.out.append(text);
            m.newline(-1);
        }
        m.out.append(')');
        return true;
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
    boolean dylink(BinaryReader s, long start) {
        StringBuilder text = new StringBuilder();
        String pad = m.indentation(m.indent + 1);
        try {
            while (!s.eof()) {
                int id = s.u8();
                int size = s.u32Count();
                BinaryReader sub = s.slice(size);
                switch (id) {
                    case 1 -> {
                        long memSize = sub.u32() & 0xFFFFFFFFL;
                        long memAlign = sub.u32() & 0xFFFFFFFFL;
                        long tableSize = sub.u32() & 0xFFFFFFFFL;
                        long tableAlign = sub.u32() & 0xFFFFFFFFL;
                        text.append('\n').append(pad).append("(mem-info");
                        if (memSize != 0 || memAlign != 0) {
                            text.append(" (memory ").append(memSize).append(' ').append(memAlign).append(')');
                        }
                        if (tableSize != 0 || tableAlign != 0) {
                            text.append(" (table ").append(tableSize).append(' ').append(tableAlign).append(')');
                        }
                        text.append(')');
                    }
                    case 2, 5 -> {
                        text.append('\n').append(pad).append(id == 2 ? "(needed" : "(runtime-path");
                        int n = sub.u32Count();
                        for (int i = 0; i < n; i++) {
                            text.append(' ');
                            Strings.quoted(text, sub.name());
                        }
                        text.append(')');
                    }
                    case 3 -> {
                        int n = sub.u32Count();
                        for (int i = 0; i < n; i++) {
                            text.append('\n').append(pad).append("(export-info ");
                            Strings.quoted(text, sub.name());
                            symbolFlags(text, sub.u32());
                            text.append(')');
                        }
                    }
                    case 4 -> {
                        int n = sub.u32Count();
                        for (int i = 0; i < n; i++) {
                            text.append('\n').append(pad).append("(import-info ");
                            Strings.quoted(text, sub.name());
                            text.append(' ');
                            Strings.quoted(text, sub.name());
                            symbolFlags(text, sub.u32());
                            text.append(')');
                        }
                    }
                    default -> throw new MalformedException("unknown dylink.0 subsection id " + id, sub.offset());
                }
                if (!sub.eof()) {
                    throw new MalformedException("unexpected content in dylink.0 subsection", sub.offset());
                }
            }
        } catch (MalformedException e) {
            failed("dylink.0", e);
            return false;
        }
        m.newline(start);
        m.out.append("(@dylink.0");
        if (text.length() > 0) {
            m.out.append(text);
            m.newline(-1);
        }
        m.out.append(')');
        return true;
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
