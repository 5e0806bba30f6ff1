package dev.jwt.run;

import java.util.concurrent.Callable;

/**
 * Runs guest code on a thread with a large stack, so that the wasm call-depth limit, not the
 * JVM's default thread stack, decides when recursion is exhausted ("call stack exhausted").
 */
public final class GuestThread {
    /** The stack size of guest threads: deep enough for real programs' recursion. */
    public static final long STACK_SIZE = 512L << 20;

    private GuestThread() {}

    /** Calls {@code body} on a fresh guest thread and returns its result or rethrows its failure. */
    public static <T> T run(Callable<T> body) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = body.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "wasm", STACK_SIZE);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            Throwable f = failure[0];
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new RuntimeException(f);
        }
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
