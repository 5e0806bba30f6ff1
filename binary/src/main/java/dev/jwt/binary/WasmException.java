package dev.jwt.binary;

/**
 * The root of jwt's failures. Each follows one of the spec's assertion kinds and carries the place
 * where it happened (a byte offset, or a file:line:col for text). The CLI prints
 * {@code error: <message>} and exits 1 for every one of them.
 */
public abstract class WasmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The spec's assertion kinds. */
    public enum Kind { MALFORMED, INVALID, UNLINKABLE, TRAP, EXHAUSTION }

    protected WasmException(String message) {
        super(message);
    }

    protected WasmException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();

    /** The message alone, without the place, e.g. {@code unexpected end}. */
    public String bareMessage() {
        return super.getMessage();
    }

    /** Where it happened, for humans, e.g. {@code at offset 0x1a} or {@code foo.wat:3:7}. */
    public abstract String place();

    /** The message followed by its place, as the CLI prints it. */
    @Override
    public String getMessage() {
        String place = place();
        return place == null || place.isEmpty() ? bareMessage() : bareMessage() + " (" + place + ")";
    }
}
