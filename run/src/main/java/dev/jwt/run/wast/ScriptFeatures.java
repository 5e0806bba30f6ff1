package dev.jwt.run.wast;

import dev.jwt.binary.Feature;
import dev.jwt.binary.FeatureSet;

/**
 * The features a script asks for in wasmtime's header lines, {@code ;;! name = true} (or
 * {@code yes}, {@code false}): names are wasm-tools feature names with {@code _} for {@code -}.
 * Settings that are not features (e.g. {@code hogs_memory}) are engine hints and are ignored.
 */
final class ScriptFeatures {
    private static final String PREFIX = ";;!";

    private ScriptFeatures() {}

    static FeatureSet of(String source, FeatureSet base) {
        FeatureSet features = base;
        for (String line : source.split("\n", -1)) {
            String l = line.strip();
            if (!l.startsWith(PREFIX)) {
                if (l.isEmpty() || l.startsWith(";;")) {
                    continue;
                }
                break; // the header ends at the first command
            }
            String[] kv = l.substring(PREFIX.length()).split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            Feature f = Feature.byFlagName(kv[0].strip().replace('_', '-'));
            if (f == null) {
                continue;
            }
            String value = kv[1].strip();
            boolean on = value.equals("true") || value.equals("yes");
            features = on ? features.with(f) : features.without(f);
        }
        return features;
    }
}
