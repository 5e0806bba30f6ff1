package dev.jwt.run.wast;

import dev.jwt.run.GuestThread;
import dev.jwt.text.wast.WastCommand;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script's {@code (thread $t ...)}: its commands run by their own {@link WastRunner} on their own
 * Java thread (a guest thread's stack), concurrently with the script, until {@code (wait $t)}
 * collects their outcomes. A thread that does not finish in time is interrupted, which ends a
 * blocked {@code memory.atomic.wait}, so that a broken script can never hang the build.
 */
final class ScriptThread {
    /** How long {@link #join} waits for a thread before interrupting it. */
    private static final long PATIENCE_SECONDS = 60;

    private final WastCommand.Thread command;
    private final Thread thread;
    private volatile List<WastRunner.Outcome> outcomes;
    private volatile Throwable failure;

    private ScriptThread(WastCommand.Thread command, WastRunner runner) {
        this.command = command;
        this.thread = new Thread(null, () -> {
            try {
                outcomes = runner.run(command.commands());
            } catch (Throwable t) {
                failure = t;
            }
        }, "wast-thread-" + command.id(), GuestThread.STACK_SIZE);
        thread.setDaemon(true);
    }

    static ScriptThread start(WastCommand.Thread command, WastRunner runner) {
        ScriptThread t = new ScriptThread(command, runner);
        t.thread.start();
        return t;
    }

    /** Waits for the thread to end; its commands' outcomes (one failure when it did not end or run). */
    List<WastRunner.Outcome> join() {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outcomes != null && !thread.isAlive()) {
            return outcomes;
        }
        String why = failure != null ? "thread failed: " + failure : "thread did not finish within " + PATIENCE_SECONDS + " s";
        return List.of(new WastRunner.Outcome(command.line(), "thread", why));
    }

    boolean finished() {
        return !thread.isAlive() && outcomes != null;
    }
}
