package dev.jwt.binary;

import java.util.EnumSet;
import java.util.Set;

/**
 * An immutable set of enabled {@link Feature}s, parsed the way {@code wasm-tools --features} reads
 * its argument: a comma-separated list of feature names, group names ({@code all}, {@code default},
 * {@code wasm1}, {@code wasm2}, {@code wasm3}, {@code mvp}) and {@code -name} to turn one off, applied left to
 * right starting from the defaults.
 */
public final class FeatureSet {
    private final Set<Feature> enabled;

    private FeatureSet(Set<Feature> enabled) {
        EnumSet<Feature> copy = EnumSet.noneOf(Feature.class);
        copy.addAll(enabled);
        copy.add(Feature.MVP);
        this.enabled = copy;
    }

    public static FeatureSet defaults() {
        EnumSet<Feature> s = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) {
            if (f.enabledByDefault()) {
                s.add(f);
            }
        }
        return new FeatureSet(s);
    }

    public static FeatureSet all() {
        return new FeatureSet(EnumSet.allOf(Feature.class));
    }

    public static FeatureSet of(Feature... features) {
        EnumSet<Feature> s = EnumSet.noneOf(Feature.class);
        s.addAll(Set.of(features));
        return new FeatureSet(s);
    }

    /** WebAssembly 1.0 (the MVP plus mutable globals, as wasm-tools' {@code wasm1}). */
    public static FeatureSet wasm1() {
        return of(Feature.MUTABLE_GLOBAL, Feature.FLOATS);
    }

    /**
     * Lime1, the tool conventions' conservative target: WebAssembly 1.0 plus mutable globals,
     * multi-value, sign extension, non-trapping float-to-int, bulk-memory-opt (memory.copy and
     * memory.fill only), extended-const and the overlong call_indirect encoding.
     */
    public static FeatureSet lime1() {
        return wasm1().with(Feature.MULTI_VALUE, Feature.SIGN_EXTENSION, Feature.SATURATING_FLOAT_TO_INT,
                Feature.BULK_MEMORY_OPT, Feature.EXTENDED_CONST, Feature.CALL_INDIRECT_OVERLONG);
    }

    /** WebAssembly 2.0. */
    public static FeatureSet wasm2() {
        return wasm1().with(Feature.SATURATING_FLOAT_TO_INT, Feature.SIGN_EXTENSION, Feature.REFERENCE_TYPES,
                Feature.MULTI_VALUE, Feature.BULK_MEMORY, Feature.SIMD);
    }

    /** WebAssembly 3.0. */
    public static FeatureSet wasm3() {
        return wasm2().with(Feature.RELAXED_SIMD, Feature.TAIL_CALL, Feature.MULTI_MEMORY, Feature.EXCEPTIONS,
                Feature.MEMORY64, Feature.EXTENDED_CONST, Feature.FUNCTION_REFERENCES, Feature.GC, Feature.GC_TYPES);
    }

    /**
     * Parses a {@code --features} argument on top of the defaults.
     *
     * @throws IllegalArgumentException naming the unknown feature
     */
    public static FeatureSet parse(String spec) {
        EnumSet<Feature> s = EnumSet.copyOf(defaults().enabled);
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            boolean off = item.startsWith("-");
            String name = off ? item.substring(1) : item;
            Set<Feature> group = switch (name) {
                case "all" -> all().enabled;
                case "default" -> defaults().enabled;
                case "wasm1", "mvp" -> wasm1().enabled;
                case "wasm2" -> wasm2().enabled;
                case "wasm3" -> wasm3().enabled;
                case "lime1" -> lime1().enabled;
                default -> {
                    Feature f = Feature.byFlagName(name);
                    if (f == null) {
                        throw new IllegalArgumentException("unknown feature `" + name + "`");
                    }
                    yield Set.of(f);
                }
            };
            if (off) {
                s.removeAll(group);
            } else if (isGroup(name)) {
                s.clear();
                s.addAll(group);
            } else {
                s.addAll(group);
            }
        }
        return new FeatureSet(s);
    }

    private static boolean isGroup(String name) {
        return switch (name) {
            case "wasm1", "mvp", "wasm2", "wasm3", "lime1" -> true;
            default -> false;
        };
    }

    public boolean has(Feature f) {
        return enabled.contains(f);
    }

    public FeatureSet with(Feature... features) {
        EnumSet<Feature> s = EnumSet.copyOf(enabled);
        s.addAll(Set.of(features));
        return new FeatureSet(s);
    }

    public FeatureSet without(Feature... features) {
        EnumSet<Feature> s = EnumSet.copyOf(enabled);
        s.removeAll(Set.of(features));
        return new FeatureSet(s);
    }

    public Set<Feature> asSet() {
        return EnumSet.copyOf(enabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSet f && f.enabled.equals(enabled);
    }

    @Override
    public int hashCode() {
        return enabled.hashCode();
    }

    @Override
    public String toString() {
        return enabled.toString();
    }
}
