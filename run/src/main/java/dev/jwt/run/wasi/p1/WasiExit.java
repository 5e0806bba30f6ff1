package dev.jwt.run.wasi.p1;

/** Thrown by {@code proc_exit} to unwind the guest; carries the exit code. */
public final class WasiExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public WasiExit(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
