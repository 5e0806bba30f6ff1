package dev.jwt.binary.types;

/** A heap type given by a type index. */
public record ConcreteHeapType(int typeIndex) implements HeapType {
}
