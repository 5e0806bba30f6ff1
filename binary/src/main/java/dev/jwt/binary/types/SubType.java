package dev.jwt.binary.types;

import java.util.List;

/**
 * A type definition: a composite type with its declared supertypes and finality. A plain
 * {@code (type (func ...))} is a final subtype with no supertypes. {@code shared} marks a shared
 * composite type of shared-everything-threads, {@code (shared (struct ...))}: the spec's
 * {@code sharecomptype}, encoded as a 0x65 prefix before the composite type.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite, boolean shared) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    /** An unshared subtype. */
    public SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
        this(isFinal, supertypes, composite, false);
    }

    public static SubType plain(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
