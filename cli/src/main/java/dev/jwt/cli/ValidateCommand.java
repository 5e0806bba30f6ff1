package dev.jwt.cli;

import dev.jwt.binary.FeatureSet;
import dev.jwt.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jwt validate}: checks that a module is valid; prints nothing when it is. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate a WebAssembly binary (or text, which is parsed first).",
            "Prints nothing and exits 0 when the module is valid; prints the first fault with its offset and "
                    + "exits 1 otherwise."})
final class ValidateCommand extends WasmCommand {
    @Mixin
    InputOptions input;

    @Mixin
    FeaturesOption features;

    /** wasm-tools validate also takes the features as {@code -f}. */
    @Option(names = "-f", paramLabel = "FEATURES", description = "Same as --features.")
    List<String> shortFeatures = new ArrayList<>();

    @Override
    int run() throws Exception {
        FeatureSet enabled = features.featureSet(shortFeatures);
        byte[] wasm = input.read(io()).binary();
        Validator.validate(wasm, enabled);
        return Jwt.OK;
    }
}
