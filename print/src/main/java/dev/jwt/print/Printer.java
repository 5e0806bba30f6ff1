package dev.jwt.print;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.io.BinaryReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prints a core WebAssembly module or a component in the text format exactly as {@code wasm-tools print} does,
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
        print(wasm, out, null);
        return out.toString();
    }

    /**
     * Writes the text of {@code wasm} to {@code out} as it goes, in chunks. A malformed module can
     * leave part of its text written before the error: print to a buffer or temporary file when
     * that matters.
     */
    public void print(byte[] wasm, Appendable out) throws IOException {
        try {
            print(wasm, new StringBuilder(1 << 17), out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The text of a component model, ending with a newline. It prints from the component's binary
     * (as {@code -p} needs offsets), so its offsets are those of {@link ComponentEncoder#encode}.
     */
    public String print(Component component) {
        return print(ComponentEncoder.encode(component));
    }

    private void print(byte[] wasm, StringBuilder out, Appendable sink) {
        if (isComponent(wasm)) {
            new ComponentPrinter(options, out, sink).print(new BinaryReader(wasm));
        } else {
            new ModulePrinter(wasm, options, out, sink).print();
        }
    }

    /** Whether {@code wasm} starts with a component's preamble (version 0x0d, layer 1) rather than a module's. */
    private static boolean isComponent(byte[] wasm) {
        return wasm.length >= 8 && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm'
                && wasm[4] == 0x0d && wasm[5] == 0 && wasm[6] == 1 && wasm[7] == 0;
    }

}
