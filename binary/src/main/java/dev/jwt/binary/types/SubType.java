package dev.jwt.binary.types;

import java.util.List;

/**
 * A type definition: a composite type with its declared supertypes and finality. A plain
 * {@code (type (func ...))} is a final subtype with no supertypes.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    public static SubType plain(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
