package dev.jwt.wit.resolve;

/** What a world imports or exports. */
public sealed interface WorldItem {
    record OfInterface(int index, Stability stability) implements WorldItem {}

    record OfFunction(Function function) implements WorldItem {}

    record OfType(int index) implements WorldItem {}
}
