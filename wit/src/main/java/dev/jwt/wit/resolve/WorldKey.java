package dev.jwt.wit.resolve;

/** How a world names an import or export: a plain name, or the interface itself. */
public sealed interface WorldKey {
    record Name(String name) implements WorldKey {}

    record OfInterface(int index) implements WorldKey {}
}
