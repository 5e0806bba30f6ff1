package dev.jwt.print;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prints a core WebAssembly module in the text format exactly as {@code wasm-tools print} does,
 * from its binary (so that {@code --print-offsets} can name the byte offset of each item and
 * instruction). Malformed input ends in a {@link dev.jwt.binary.MalformedException} with its offset.
 *
 * <pre>{@code
 * String wat = new Printer().print(bytes);
 * new Printer(PrintOptions.DEFAULT.withFold(true)).print(bytes, System.out);
 * }</pre>
 */
public final class Printer {
    private final PrintOptions options;

    public Printer() {
        this(PrintOptions.DEFAULT);
    }

    public Printer(PrintOptions options) {
        this.options = options;
    }

    public PrintOptions options() {
        return options;
    }

    /** The text of {@code wasm}, ending with a newline. */
    public String print(byte[] wasm) {
        // printed text runs to 10-20 characters per byte of code; growing a huge builder costs more
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 64, Math.max(64L, wasm.length * 12L)));
        new ModulePrinter(wasm, options, out, null).print();
        return out.toString();
    }

    /**
     * Writes the text of {@code wasm} to {@code out} as it goes, in chunks. A malformed module can
     * leave part of its text written before the error: print to a buffer or temporary file when
     * that matters.
     */
    public void print(byte[] wasm, Appendable out) throws IOException {
        try {
            new ModulePrinter(wasm, options, new StringBuilder(1 << 17), out).print();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

}
