package dev.jwt.wit.resolve;

/** A feature gate on an item: none, {@code @since} (stable) or {@code @unstable}, each maybe {@code @deprecated}. */
public sealed interface Stability {
    Unknown UNKNOWN = new Unknown();

    record Unknown() implements Stability {}

    record Stable(String since, String deprecated) implements Stability {}

    record Unstable(String feature, String deprecated) implements Stability {}
}
