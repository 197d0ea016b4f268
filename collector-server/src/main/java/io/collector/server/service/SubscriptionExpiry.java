package io.collector.server.service;

import io.collector.server.error.CollectorException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.store.SubscriptionState;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a destination's subscriptions, with their cursors, once unused (no get, ack or rollback) for
 * {@code expiry}, so a client id that is gone for good stops holding the store. Checks on a thread of its own
 * ({@code collector-<destination>-expiry}) every tenth of the expiry (between 100 ms and 10 s). The cursor goes
 * first: a client that comes back meanwhile is told it is not subscribed, and never re-creates the subscription.
 */
public final class SubscriptionExpiry extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionExpiry.class);
    private static final long MIN_PERIOD_MS = 100;
    private static final long MAX_PERIOD_MS = 10_000;

    private final String destination;
    private final DestinationHandle handle;
    private final Duration expiry;
    private ScheduledExecutorService timer;

    public SubscriptionExpiry(String destination, DestinationHandle handle, Duration expiry) {
        this.destination = destination;
        this.handle = handle;
        this.expiry = expiry;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "collector-" + destination + "-expiry");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) ->
                    LOG.error("[destination={}] expiry thread died", destination, e));
            return thread;
        });
        long period = Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, expiry.toMillis() / 10));
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass over the subscriptions; public for tests. */
    public void check() {
        if (!handle.delivering()) {
            return;
        }
        for (SubscriptionState state : handle.store().subscriptionStates()) {
            if (!state.id().isEmpty() && state.unusedNanos() >= expiry.toNanos()) {
                expire(state);
            }
        }
    }

    private void expire(SubscriptionState state) {
        try {
            handle.meta().unsubscribe(destination, state.id());
            handle.store().unsubscribe(state.id());
            LOG.warn("[destination={}] subscription {} expired: unused for {} s (collector.instance.subscription.expiry"
                    + " = {}); its cursor is removed, the client must subscribe again", destination,
                    LocalCollectorService.printable(state.id()), state.unusedNanos() / 1_000_000_000L, expiry);
        } catch (CollectorException | IllegalStateException | IllegalArgumentException e) {
            LOG.warn("[destination={}] cannot expire subscription {} now (tried again later): {}", destination,
                    LocalCollectorService.printable(state.id()), e.getMessage());
        }
    }
}
