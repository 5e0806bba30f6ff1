package dev.jwt.run;

import dev.jwt.binary.types.FuncType;

/** An exception tag: an identity with the type of the values it carries. */
public final class Tag {
    private final FuncType type;
    private final int typeId;

    public Tag(FuncType type) {
        this(type, Signatures.typeId(type));
    }

    /** A module's tag, whose type has canonical id {@code typeId} in the module's types. */
    Tag(FuncType type, int typeId) {
        this.type = type;
        this.typeId = typeId;
    }

    /** The canonical id of {@link #type()} (see {@link Signatures#typeId}). */
    public int typeId() {
        return typeId;
    }

    public FuncType type() {
        return type;
    }
}
