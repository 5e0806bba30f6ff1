package dev.jwt.run;

/**
 * Tail calls (return_call, return_call_indirect, return_call_ref) in constant JVM stack, by
 * trampolining only in functions that make them.
 *
 * <p>A function that makes tail calls is compiled twice over: its body as {@code f<i>$tc}, where a
 * tail call records its callee and arguments here ({@link #set}) and returns at once, and
 * {@code f<i>} with the ordinary signature, which calls the body and, when a tail call is
 * pending, runs the calls one after another in {@link #finish} until one returns without
 * another. The loop calls each callee's {@link WasmFunction#tailHandle()} (its body, when it makes
 * tail calls itself), so a chain of tail calls of any length takes one JVM frame. Ordinary calls
 * are untouched.
 */
public final class TailCall {
    private static final ThreadLocal<TailCall> CURRENT = ThreadLocal.withInitial(TailCall::new);

    private WasmFunction target;
    private Object[] args;

    private TailCall() {}

    /** A tail call of {@code target} with boxed {@code args}, made when the current body returns. */
    public static void set(Object[] args, WasmFunction target) {
        TailCall t = CURRENT.get();
        t.target = target;
        t.args = args;
    }

    /** After a body returned: whether it returned to make a tail call. */
    public static boolean pending() {
        return CURRENT.get().target != null;
    }

    /** Makes the pending tail call and those it makes in turn; the last one's result, boxed. */
    public static Object finish() throws Throwable {
        TailCall t = CURRENT.get();
        while (true) {
            WasmFunction f = t.target;
            Object[] a = t.args;
            t.target = null;
            t.args = null;
            Object result = f.tailHandle().invokeWithArguments(a);
            if (t.target == null) {
                return result;
            }
        }
    }

    /** The function a call_ref or return_call_ref calls: traps on null. */
    public static WasmFunction callee(Object ref) {
        if (ref == null) {
            throw new Trap("null function reference");
        }
        return (WasmFunction) ref;
    }
}
