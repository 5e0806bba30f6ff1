package dev.jwt.cli;

import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --features LIST}: the WebAssembly proposals enabled, as wasm-tools reads them
 * ({@code --features=-simd}, {@code --features=wasm2,gc}); repeatable, applied left to right on
 * top of the defaults. A bad name is a usage error (exit 2).
 */
public final class FeaturesOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--features", paramLabel = "FEATURES",
            description = "Comma-separated list of WebAssembly features to enable or (with a leading `-`) "
                    + "disable, on top of the defaults; `all`, `wasm1`, `wasm2`, `wasm3` name groups. Repeatable.")
    List<String> specs = new ArrayList<>();

    /** The enabled features: the {@code --features} values, then {@code more} (another spelling's). */
    public FeatureSet featureSet(List<String> more) {
        List<String> all = new ArrayList<>(specs);
        all.addAll(more);
        for (String value : all) {
            try {
                FeatureSet.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(spec.commandLine(), "invalid value '" + value
                        + "' for '--features <FEATURES>': " + e.getMessage() + "\nValid features: " + validNames());
            }
        }
        return all.isEmpty() ? FeatureSet.defaults() : FeatureSet.parse(String.join(",", all));
    }

    public FeatureSet featureSet() {
        return featureSet(List.of());
    }

    private static String validNames() {
        StringJoiner names = new StringJoiner(", ");
        for (Feature f : Feature.values()) {
            if (f != Feature.MVP) {
                names.add(f.flagName());
            }
        }
        return names + ", mvp, wasm1, wasm2, wasm3, lime1, all";
    }

    /** A bad option value: a usage error reported without the synopsis, as clap does. */
    static final class InvalidValue extends CommandLine.ParameterException {
        private static final long serialVersionUID = 1L;

        InvalidValue(CommandLine cl, String message) {
            super(cl, message);
        }
    }
}
