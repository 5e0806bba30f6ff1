package dev.jwt.cli;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.WasmException;
import dev.jwt.validate.ValidationException;
import dev.jwt.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jwt validate FILE}: checks a core module against the spec's validation rules under a
 * feature set, silent on success; on failure {@code error: <message> (at offset 0x...)} and exit 1,
 * or with {@code --json} one JSON object on stdout.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a WebAssembly binary. Prints nothing and exits 0 when it is valid; otherwise "
                + "prints `error: <message> (at offset 0x...)` and exits 1.")
final class ValidateCommand implements Callable<Integer> {
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT",
            description = "Input file to validate; `-` or none reads stdin.")
    String input;

    @Option(names = {"-f", "--features"}, paramLabel = "FEATURES",
            description = "Comma-separated list of WebAssembly features to enable or (with a leading `-`) "
                    + "disable, on top of the defaults; `all`, `wasm1`, `wasm2`, `wasm3` name groups.")
    String features;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        FeatureSet fs;
        try {
            fs = features == null ? FeatureSet.defaults() : FeatureSet.parse(features);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid value '" + features + "' for '--features <FEATURES>': " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = input == null || input.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(input));
        } catch (NoSuchFileException e) {
            return fail(out, err, null, "failed to read `" + input + "`: No such file or directory");
        } catch (IOException e) {
            return fail(out, err, null, "failed to read `" + input + "`: " + e.getMessage());
        }
        if (!startsWithMagic(bytes)) {
            // The text parser is a separate module; until it is wired in, only binaries are read here.
            return fail(out, err, null, "input is not a WebAssembly binary (text input is not supported yet)");
        }
        try {
            Validator.validate(bytes, fs);
        } catch (WasmException e) {
            return fail(out, err, e, e.getMessage());
        }
        if (json) {
            out.println("{\"valid\":true}");
            out.flush();
        }
        return 0;
    }

    private static boolean startsWithMagic(byte[] b) {
        if (b.length < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private int fail(PrintWriter out, PrintWriter err, WasmException e, String message) {
        if (!json) {
            err.println("error: " + message);
            err.flush();
            return 1;
        }
        StringBuilder b = new StringBuilder("{\"valid\":false");
        if (e != null) {
            b.append(",\"kind\":\"").append(e.kind().name().toLowerCase(Locale.ROOT)).append('"');
        }
        b.append(",\"message\":");
        quote(b, e != null ? e.bareMessage() : message);
        long offset = e instanceof ValidationException v ? v.offset() : e instanceof MalformedException m ? m.offset() : -1;
        if (offset >= 0) {
            b.append(",\"offset\":").append(offset);
        }
        out.println(b.append('}'));
        out.flush();
        return 1;
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
