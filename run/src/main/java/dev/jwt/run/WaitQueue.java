package dev.jwt.run;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The threads waiting in {@code memory.atomic.wait32/64} on one shared memory, by address, first
 * come first woken. One lock orders every wait against every notify: a waiter compares the memory's
 * value and enqueues itself under the lock, so a notify that follows the store it waits for can
 * never slip in between and be missed.
 */
final class WaitQueue {
    /** wait's results, as the threads proposal numbers them. */
    static final int OK = 0;
    static final int NOT_EQUAL = 1;
    static final int TIMED_OUT = 2;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, ArrayDeque<Waiter>> waiters = new HashMap<>();

    private static final class Waiter {
        final Condition condition;
        boolean notified;

        Waiter(Condition condition) {
            this.condition = condition;
        }
    }

    /**
     * Suspends the calling thread at {@code address} while {@code expected} holds (checked first,
     * under the lock) until notified or {@code timeoutNanos} pass (negative: no timeout).
     */
    int await(int address, BooleanSupplier expected, long timeoutNanos) {
        lock.lock();
        try {
            if (!expected.getAsBoolean()) {
                return NOT_EQUAL;
            }
            Waiter w = new Waiter(lock.newCondition());
            ArrayDeque<Waiter> queue = waiters.computeIfAbsent(address, a -> new ArrayDeque<>());
            queue.add(w);
            long remaining = timeoutNanos;
            try {
                while (!w.notified) {
                    if (timeoutNanos < 0) {
                        w.condition.await();
                    } else {
                        if (remaining <= 0) {
                            break;
                        }
                        remaining = w.condition.awaitNanos(remaining);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (!w.notified) {
                    dequeue(address, queue, w);
                    throw new Trap("memory.atomic.wait interrupted", e);
                }
            }
            if (w.notified) {
                return OK;
            }
            dequeue(address, queue, w);
            return TIMED_OUT;
        } finally {
            lock.unlock();
        }
    }

    private void dequeue(int address, ArrayDeque<Waiter> queue, Waiter w) {
        queue.remove(w);
        if (queue.isEmpty()) {
            waiters.remove(address, queue);
        }
    }

    /** Wakes up to {@code count} (unsigned) waiters at {@code address}; how many were woken. */
    int notify(int address, int count) {
        lock.lock();
        try {
            ArrayDeque<Waiter> queue = waiters.get(address);
            if (queue == null) {
                return 0;
            }
            long wanted = Integer.toUnsignedLong(count);
            int woken = 0;
            while (woken < wanted && !queue.isEmpty()) {
                Waiter w = queue.poll();
                w.notified = true;
                w.condition.signal();
                woken++;
            }
            if (queue.isEmpty()) {
                waiters.remove(address);
            }
            return woken;
        } finally {
            lock.unlock();
        }
    }
}
