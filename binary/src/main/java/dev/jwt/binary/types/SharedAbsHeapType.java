package dev.jwt.binary.types;

/**
 * A shared abstract heap type of shared-everything-threads, {@code (shared any)}, {@code (shared
 * func)}...: encoded as 0x65 followed by the abstract type's code. Shared and unshared heap types
 * are never subtypes of one another.
 */
public record SharedAbsHeapType(AbsHeapType type) implements HeapType {
    /** The binary prefix of a shared heap type and of a shared composite type. */
    public static final int PREFIX = 0x65;

    public SharedAbsHeapType {
        java.util.Objects.requireNonNull(type);
    }
}
