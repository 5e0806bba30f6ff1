package dev.jwt.binary.types;

import java.util.List;
import java.util.OptionalInt;

/**
 * A type definition: a composite type with its declared supertypes and finality. A plain
 * {@code (type (func ...))} is a final subtype with no supertypes.
 *
 * <p>custom-descriptors: {@code describes} is the type this one is the descriptor of,
 * {@code descriptor} the type that describes this one; both are empty without that proposal.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, OptionalInt describes,
                      OptionalInt descriptor, CompositeType composite) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    /** A subtype without describes / descriptor clauses. */
    public SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
        this(isFinal, supertypes, OptionalInt.empty(), OptionalInt.empty(), composite);
    }

    public static SubType plain(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
