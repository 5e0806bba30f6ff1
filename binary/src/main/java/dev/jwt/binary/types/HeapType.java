package dev.jwt.binary.types;

/**
 * A heap type: one of the abstract ones, a shared abstract one (shared-everything-threads), or a
 * type index (concrete).
 */
public sealed interface HeapType permits AbsHeapType, ConcreteHeapType, SharedAbsHeapType {
}
