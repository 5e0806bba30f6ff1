package dev.jwt.binary.types;

/**
 * A heap type given by a type index. {@code exact} (custom-descriptors) restricts it to that
 * type alone, excluding its subtypes: {@code (exact $t)} in text, prefix 0x62 in binary.
 */
public record ConcreteHeapType(int typeIndex, boolean exact) implements HeapType {
    /** The ordinary, inexact heap type of {@code typeIndex}. */
    public ConcreteHeapType(int typeIndex) {
        this(typeIndex, false);
    }
}
