package dev.jwt.cli;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.WasmException;
import dev.jwt.text.TextException;
import dev.jwt.validate.ValidationException;
import dev.jwt.validate.Validator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwt validate}: checks that a module or component is valid; prints nothing when it is. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate a WebAssembly module or component binary (or text, which is parsed first).",
            "Prints nothing and exits 0 when it is valid; prints the first fault with its offset and "
                    + "exits 1 otherwise."})
final class ValidateCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    FeaturesOption features;

    /** wasm-tools validate also takes the features as {@code -f}. */
    @Option(names = "-f", paramLabel = "FEATURES", description = "Same as --features.")
    List<String> shortFeatures = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON object on stdout: "
            + "{\"valid\":true} or {\"valid\":false,\"kind\":...,\"message\":...,\"offset\":...} (text faults: file, line, column); "
            + "exit 1 when invalid.")
    boolean json;

    @Override
    int run() throws Exception {
        FeatureSet enabled = features.featureSet(shortFeatures);
        WasmInput in = input.read(io());
        try {
            // Text is parsed and encoded first, so offsets are binary offsets as with wasm-tools.
            Validator.validateBinary(in.binary(), enabled);
        } catch (WasmException e) {
            if (!json) {
                throw e;
            }
            print(failure(e));
            return 1;
        }
        if (json) {
            print("{\"valid\":true}");
        }
        return Jwt.OK;
    }

    private void print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    private static String failure(WasmException e) {
        StringBuilder b = new StringBuilder("{\"valid\":false,\"kind\":\"")
                .append(e.kind().name().toLowerCase(Locale.ROOT)).append("\",\"message\":");
        quote(b, e.bareMessage());
        long offset = e instanceof ValidationException v ? v.offset()
                : e instanceof MalformedException m ? m.offset() : -1;
        if (offset >= 0) {
            b.append(",\"offset\":").append(offset);
        }
        if (e instanceof TextException t) {
            b.append(",\"file\":");
            quote(b, String.valueOf(t.file()));
            b.append(",\"line\":").append(t.line()).append(",\"column\":").append(t.column());
        }
        return b.append('}').toString();
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
