package io.collector.client;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bounded waits of the clients' {@code close()}: failures are logged, an interrupt is kept and ends the wait. */
final class Waits {

    private static final Logger LOG = LoggerFactory.getLogger(Waits.class);

    private Waits() {
    }

    /** Waits for {@code future}; returns {@code false} only if interrupted (the interrupt flag is set again). */
    static boolean await(Future<?> future, Duration limit, String what) {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while {}; not waiting any longer", what);
            return false;
        } catch (ExecutionException e) {
            LOG.debug("{} failed: {}", what, e.getCause().toString());
        } catch (TimeoutException e) {
            LOG.warn("{} did not finish within {} ms", what, limit.toMillis());
        }
        return true;
    }
}
