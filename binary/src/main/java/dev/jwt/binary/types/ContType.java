package dev.jwt.binary.types;

/** A continuation type over a function type index (stack switching). */
public record ContType(int funcTypeIndex) implements CompositeType {
}
