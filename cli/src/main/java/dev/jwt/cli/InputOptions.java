package dev.jwt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** {@code [INPUT]}: the file a command reads; {@code -} or none reads stdin. */
public final class InputOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "Input file to process. If not provided or if this is `-` then stdin is read. "
                    + "The input can be a binary `*.wasm` file or a textual `*.wat` file.")
    String input;

    /** Reads the whole input. */
    public WasmInput read(StdStreams io) throws IOException {
        if (input == null || input.equals("-")) {
            InputStream in = io.in();
            return new WasmInput("<stdin>", null, in.readAllBytes(), io.strictComponentIndices());
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            throw new CommandException("failed to read `" + input + "`: Is a directory");
        }
        return new WasmInput(input, path, Files.readAllBytes(path), io.strictComponentIndices());
    }
}
