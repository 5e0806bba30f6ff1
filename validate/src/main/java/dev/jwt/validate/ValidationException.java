package dev.jwt.validate;

import dev.jwt.binary.OffsetException;

/**
 * A module that decodes but breaks a typing rule: the spec's "invalid" kind. The message uses the
 * spec interpreter's and wasm-tools' words (e.g. {@code type mismatch: expected i32, found i64});
 * the offset is where in the binary the fault lies.
 */
public class ValidationException extends OffsetException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message, long offset) {
        super(message, offset);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
