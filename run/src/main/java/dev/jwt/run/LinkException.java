package dev.jwt.run;

import dev.jwt.binary.WasmException;

/** An import could not be satisfied ({@code unknown import}, {@code incompatible import type}). */
public final class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final String place;

    public LinkException(String message, String place) {
        super(message);
        this.place = place;
    }

    @Override
    public Kind kind() {
        return Kind.UNLINKABLE;
    }

    @Override
    public String place() {
        return place;
    }
}
