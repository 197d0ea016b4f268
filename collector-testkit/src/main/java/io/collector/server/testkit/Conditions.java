package io.collector.server.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes; the only place the kit sleeps. */
final class Conditions {

    private Conditions() {
    }

    /**
     * Calls {@code condition} every {@code interval} until it returns {@code true}.
     * An exception thrown by the condition counts as "not yet" and becomes the cause on timeout.
     *
     * @throws TestMariaDbException when {@code timeout} passes first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    static void await(String what, Duration timeout, Duration interval, Callable<Boolean> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TestMariaDbException("Timed out after " + timeout.toMillis() + " ms waiting for " + what, last);
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
