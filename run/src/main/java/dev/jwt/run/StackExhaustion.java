package dev.jwt.run;

import dev.jwt.binary.WasmException;

/** The call stack ran out: the spec's {@code assert_exhaustion} ("call stack exhausted"). */
public final class StackExhaustion extends WasmException {
    private static final long serialVersionUID = 1L;

    public StackExhaustion() {
        super("call stack exhausted");
    }

    @Override
    public Kind kind() {
        return Kind.EXHAUSTION;
    }

    @Override
    public String place() {
        return "";
    }
}
