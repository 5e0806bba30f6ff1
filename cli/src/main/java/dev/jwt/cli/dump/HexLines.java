package dev.jwt.cli.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The lines of an annotated hex dump in wasm-tools' layout: the offset of the first byte, up to
 * four bytes in hex per line, and on the first line of a run of bytes the annotation.
 *
 * <pre>
 *   0x8 | 01 08       | type section
 *       | 02 03 7f 00
 * </pre>
 *
 * The dump advances a cursor: {@link #print(int)} shows the bytes from the cursor up to an offset
 * with the annotation collected in {@link #state}, then moves the cursor there.
 */
final class HexLines {
    private static final int BYTES_PER_LINE = 4;

    private final byte[] bytes;
    private final Writer out;
    /** Width of the offset column: the hex digits of the binary's length, plus one. */
    private final int offsetWidth;

    /** The annotation of the next line. */
    final StringBuilder state = new StringBuilder();
    /** Offset of the first byte not shown yet. */
    int cur;
    /**
     * How deep the bytes shown are nested (modules and components inside a component): each level
     * indents the offset column by two spaces, as wasm-tools does.
     */
    int nesting;

    HexLines(byte[] bytes, Writer out) {
        this.bytes = bytes;
        this.out = out;
        this.offsetWidth = Integer.toHexString(bytes.length).length() + 1;
    }

    /** Shows bytes {@code [cur, end)} annotated with (and clearing) {@link #state}. */
    void print(int end) {
        if (end <= cur) {
            return;
        }
        for (int line = cur; line < end; line += BYTES_PER_LINE) {
            if (line == cur) {
                write(offset(cur) + " |");
            } else {
                write(" ".repeat(2 * nesting + offsetWidth + 3) + "|");
            }
            for (int j = 0; j < BYTES_PER_LINE; j++) {
                int at = line + j;
                write(at < end ? " " + hex2(bytes[at] & 0xFF) : "   ");
            }
            if (line == cur) {
                write(" | ");
                write(state.toString());
                state.setLength(0);
            }
            write("\n");
        }
        cur = end;
    }

    /** A line standing for bytes not shown one by one, e.g. {@code ... 7 bytes of data}; moves to {@code end}. */
    void summary(String text, int end) {
        write(offset(cur) + " |" + "-".repeat(BYTES_PER_LINE * 3 + 1) + "| " + text + "\n");
        cur = end;
    }

    /** A line of its own, e.g. {@code --- rec group 0 (implicit) ---}. */
    void line(String text) {
        write(text + "\n");
    }

    private String offset(int at) {
        String hex = "0x" + Integer.toHexString(at);
        return " ".repeat(2 * nesting + Math.max(0, offsetWidth + 2 - hex.length())) + hex;
    }

    private static String hex2(int b) {
        return b < 0x10 ? "0" + Integer.toHexString(b) : Integer.toHexString(b);
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
