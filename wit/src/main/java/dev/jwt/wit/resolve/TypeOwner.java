package dev.jwt.wit.resolve;

/** Who defines a type: an interface, a world, or nobody (anonymous types). */
public sealed interface TypeOwner {
    None NONE = new None();

    record None() implements TypeOwner {}

    record OfInterface(int index) implements TypeOwner {}

    record OfWorld(int index) implements TypeOwner {}
}
