package io.collector.server.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bounded executor shutdown: shutdown, wait, then interrupt what is still running. */
public final class Shutdowns {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdowns.class);

    private Shutdowns() {
    }

    /**
     * Stops {@code executor}, waiting up to {@code limit} for running tasks before interrupting them. An interrupt
     * of the calling thread stops the wait, interrupts the tasks and is kept in the thread's flag.
     */
    public static void stop(ExecutorService executor, String name, Duration limit) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {} ms: interrupting it", name, limit.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
