package dev.jwt.binary.types;

import java.util.List;
import java.util.OptionalInt;

/**
 * A type definition: a composite type with its declared supertypes and finality. A plain
 * {@code (type (func ...))} is a final subtype with no supertypes.
 *
 * <p>custom-descriptors: {@code describes} is the type this one is the descriptor of,
 * {@code descriptor} the type that describes this one; both are empty without that proposal.
 *
 * <p>shared-everything-threads: {@code shared} marks a shared composite type,
 * {@code (shared (struct ...))}, the spec's {@code sharecomptype}, encoded as a 0x65 prefix before
 * the describes/descriptor clauses and the composite type.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, OptionalInt describes,
                      OptionalInt descriptor, CompositeType composite, boolean shared) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    /** An unshared subtype. */
    public SubType(boolean isFinal, List<Integer> supertypes, OptionalInt describes, OptionalInt descriptor,
                   CompositeType composite) {
        this(isFinal, supertypes, describes, descriptor, composite, false);
    }

    /** A subtype without describes / descriptor clauses. */
    public SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite, boolean shared) {
        this(isFinal, supertypes, OptionalInt.empty(), OptionalInt.empty(), composite, shared);
    }

    /** An unshared subtype without describes / descriptor clauses. */
    public SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
        this(isFinal, supertypes, composite, false);
    }

    public static SubType plain(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
