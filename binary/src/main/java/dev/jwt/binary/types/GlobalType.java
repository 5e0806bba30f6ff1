package dev.jwt.binary.types;

/** A global's type; {@code shared} belongs to shared-everything-threads. */
public record GlobalType(ValType type, boolean mutable, boolean shared) {
    public GlobalType(ValType type, boolean mutable) {
        this(type, mutable, false);
    }
}
