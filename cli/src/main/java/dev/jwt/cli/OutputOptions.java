package dev.jwt.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code -o FILE}: where a command's output goes. A file is written atomically (all or nothing);
 * without {@code -o} the output goes to stdout, binary wasm only when stdout is not a terminal.
 */
public final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT",
            description = "Where to place output. Required when printing WebAssembly binary output to a "
                    + "terminal. If not provided, then stdout is used.")
    Path output;

    /** Text produced by a command, streamed to a writer. */
    @FunctionalInterface
    public interface Text {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes text. On stdout it streams: what was written before a failure stays visible (as
     * wasm-tools prints the part of a module it could print); to a file, nothing is left.
     */
    public void writeText(StdStreams io, Text text) throws IOException {
        if (output != null) {
            AtomicOutput.write(output, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                text.writeTo(w);
                w.flush();
            });
            return;
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8));
        try {
            text.writeTo(w);
        } finally {
            w.flush();
        }
    }

    /** Writes a binary, refusing a terminal as destination. */
    public void writeBinary(StdStreams io, byte[] wasm) throws IOException {
        if (output != null) {
            AtomicOutput.write(output, out -> out.write(wasm));
            return;
        }
        if (io.outIsTerminal()) {
            throw new CommandException(
                    "cannot print binary wasm output to a terminal, pass the `-t` flag to print the text format"
                            + " or `-o` to write a file");
        }
        OutputStream out = io.out();
        out.write(wasm);
        out.flush();
    }
}
