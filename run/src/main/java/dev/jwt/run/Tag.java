package dev.jwt.run;

import dev.jwt.binary.types.FuncType;

/** An exception tag: an identity with the type of the values it carries. */
public final class Tag {
    private final FuncType type;

    public Tag(FuncType type) {
        this.type = type;
    }

    public FuncType type() {
        return type;
    }
}
