package dev.jwt.binary.types;

import java.util.List;

/**
 * A recursion group. {@code explicit} is false for a type written without {@code (rec ...)}
 * (encoded as a bare subtype), true for {@code (rec ...)} even with one member: the two encode
 * differently and the round trip keeps them apart.
 */
public record RecGroup(boolean explicit, List<SubType> types) {
    public RecGroup {
        types = List.copyOf(types);
    }

    public static RecGroup single(SubType type) {
        return new RecGroup(false, List.of(type));
    }
}
