package io.collector.client.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline; the only place tests sleep. */
public final class Conditions {

    private Conditions() {
    }

    /** Polls {@code condition} every 5 ms until it holds, or fails naming {@code what} after {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Polls {@code condition} every 5 ms for {@code period}; fails naming {@code what} as soon as it is false. */
    public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while checking " + what, e);
            }
        }
    }

    /** {@link #await(String, Duration, BooleanSupplier)} with a 10 s limit. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }
}
