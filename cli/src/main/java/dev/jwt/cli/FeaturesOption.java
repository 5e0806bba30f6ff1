package dev.jwt.cli;

import dev.jwt.binary.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --features LIST}: the WebAssembly proposals enabled, as wasm-tools reads them
 * ({@code --features=-simd}, {@code --features=wasm2,gc}); repeatable, applied left to right on
 * top of the defaults.
 */
public final class FeaturesOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private final List<String> specs = new ArrayList<>();

    @Option(names = "--features", paramLabel = "FEATURES",
            description = "Comma-separated list of WebAssembly features to enable or (with a leading `-`) "
                    + "disable, on top of the defaults; `all`, `wasm1`, `wasm2`, `wasm3` name groups.")
    void features(String value) {
        try {
            FeatureSet.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value '" + value + "' for '--features <FEATURES>': " + e.getMessage());
        }
        specs.add(value);
    }

    /** The enabled features. */
    public FeatureSet featureSet() {
        return specs.isEmpty() ? FeatureSet.defaults() : FeatureSet.parse(String.join(",", specs));
    }
}
