package dev.jwt.run;

/**
 * A wasm exception (exception handling proposal): the value an {@code exnref} refers to, and the
 * Java exception that carries it up the JVM stack from {@code throw} or {@code throw_ref} to the
 * {@code try_table} that catches it, or out of wasm code to the host. Stackless: wasm code throws
 * and catches these as control flow.
 */
public final class ThrownException extends RuntimeException {
    private final Tag tag;
    private final Object[] values;

    public ThrownException(Tag tag, Object[] values) {
        super("uncaught wasm exception", null, false, false);
        this.tag = tag;
        this.values = values;
    }

    /** throw: the exception of {@code tag} with the boxed {@code values}. */
    public static ThrownException create(Object[] values, Tag tag) {
        return new ThrownException(tag, values);
    }

    /** throw_ref: the exception an exnref refers to; traps on null. */
    public static ThrownException rethrow(Object exnref) {
        if (exnref == null) {
            throw new Trap("null exception reference");
        }
        return (ThrownException) exnref;
    }

    public Tag tag() {
        return tag;
    }

    /** The values the exception carries, boxed as in {@link WasmFunction#call}. */
    public Object[] values() {
        return values.clone();
    }

    /** For compiled code: value {@code i}, without a copy. */
    public static Object value(ThrownException e, int i) {
        return e.values[i];
    }
}
