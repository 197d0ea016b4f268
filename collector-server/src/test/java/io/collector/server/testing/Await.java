package io.collector.server.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits in tests for a condition to hold, polling briefly, and fails after a deadline. */
public final class Await {

    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();

    private Await() {
    }

    /** Returns once {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit + " waiting until " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Returns once {@code thread} waits (parked on a lock or condition). */
    public static void blocked(Thread thread) {
        until(thread.getName() + " is blocked", Duration.ofSeconds(10), () -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
    }
}
