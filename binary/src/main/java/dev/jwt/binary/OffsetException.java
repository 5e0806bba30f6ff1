package dev.jwt.binary;

/**
 * A failure whose place is a byte offset in a binary: malformed input (decoding) and invalid
 * modules (validation) share it, so the offset and its rendering live in one place.
 */
public abstract class OffsetException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    protected OffsetException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }

    @Override
    public String place() {
        return "at offset 0x" + Long.toHexString(offset);
    }
}
