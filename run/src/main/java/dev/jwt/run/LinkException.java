package dev.jwt.run;

import dev.jwt.binary.WasmException;

/** An import could not be satisfied ({@code unknown import}, {@code incompatible import type}). */
public final class LinkException extends WasmException {
    private static final long serialVersionUID = 1L;
    private final String place;
    private final String detail;

    public LinkException(String message, String place) {
        this(message, place, null);
    }

    /** With {@code detail}: why the types differ (wasmtime's words), or null. */
    public LinkException(String message, String place, String detail) {
        super(message);
        this.place = place;
        this.detail = detail;
    }

    /** Why an import's type does not match ("memory types incompatible: ..."), or null. */
    public String detail() {
        return detail;
    }

    /** The message and place, then the detail when there is one. */
    @Override
    public String getMessage() {
        return detail == null ? super.getMessage() : super.getMessage() + ": " + detail;
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
