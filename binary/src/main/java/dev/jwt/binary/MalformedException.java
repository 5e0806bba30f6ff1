package dev.jwt.binary;

/** A binary that does not decode: the spec's "malformed" kind, with the byte offset of the fault. */
public class MalformedException extends WasmException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public MalformedException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }

    @Override
    public String place() {
        return "at offset 0x" + Long.toHexString(offset);
    }
}
