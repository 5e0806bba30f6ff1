package dev.jwt.binary;

/** A binary that does not decode: the spec's "malformed" kind, with the byte offset of the fault. */
public class MalformedException extends OffsetException {
    private static final long serialVersionUID = 1L;

    public MalformedException(String message, long offset) {
        super(message, offset);
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }
}
