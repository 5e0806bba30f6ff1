package dev.jwt.binary.types;

/** An exception tag: attribute 0 (exception) and the index of its function type. */
public record TagType(int attribute, int typeIndex) {
}
