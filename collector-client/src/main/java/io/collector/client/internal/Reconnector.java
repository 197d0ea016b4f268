package io.collector.client.internal;

import io.collector.client.ConnectionLostException;
import io.collector.client.ReconnectPolicy;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconnect attempts after one connection loss: waits the policy's backoff (a timer on the event
 * loop, so nothing sleeps), tries, and either hands over the new connection or, after the last attempt,
 * reports giving up. {@link #cancel()} stops a pending attempt; {@link #hurry()} skips one backoff, when the
 * server to connect to has changed.
 *
 * <p>Confined to the event loop.
 */
final class Reconnector {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final EventLoop loop;
    private final ReconnectPolicy policy;
    private final String logPrefix;
    private ScheduledFuture<?> pending;
    private Runnable pendingAttempt;
    private boolean hurried;

    Reconnector(EventLoop loop, ReconnectPolicy policy, String logPrefix) {
        this.loop = loop;
        this.policy = policy;
        this.logPrefix = logPrefix;
    }

    /**
     * Starts reconnecting.
     *
     * @param cause       why the connection was lost
     * @param open        opens a ready connection
     * @param onConnected takes the new connection
     * @param onGiveUp    told when the attempts are exhausted
     * @param wanted      checked before and after each attempt; {@code false} stops quietly
     */
    void start(ConnectionLostException cause, Supplier<CompletableFuture<Connection>> open,
               Consumer<Connection> onConnected, Consumer<ConnectionLostException> onGiveUp, BooleanSupplier wanted) {
        if (policy.maxAttempts() == 0) {
            onGiveUp.accept(new ConnectionLostException(logPrefix + " connection lost and reconnecting is disabled "
                    + "(reconnect policy maxAttempts=0); call connect() to connect again", cause, false));
            return;
        }
        new Attempts(open, onConnected, onGiveUp, wanted).schedule(1);
    }

    void cancel() {
        hurried = false;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /**
     * Runs the attempt waiting for its backoff now; if none is waiting, the next attempt (the first one
     * after the next connection loss, or the next one after a failing attempt in flight) starts without
     * backoff.
     */
    void hurry() {
        if (pending != null && pending.cancel(false)) {
            Runnable attempt = pendingAttempt;
            pending = null;
            LOG.info("{} the server to connect to changed: reconnecting now", logPrefix);
            attempt.run();
        } else {
            hurried = true;
        }
    }

    /** The attempts after one loss. */
    private final class Attempts {

        private final Supplier<CompletableFuture<Connection>> open;
        private final Consumer<Connection> onConnected;
        private final Consumer<ConnectionLostException> onGiveUp;
        private final BooleanSupplier wanted;

        Attempts(Supplier<CompletableFuture<Connection>> open, Consumer<Connection> onConnected,
                 Consumer<ConnectionLostException> onGiveUp, BooleanSupplier wanted) {
            this.open = open;
            this.onConnected = onConnected;
            this.onGiveUp = onGiveUp;
            this.wanted = wanted;
        }

        void schedule(int attempt) {
            long millis = hurried ? 0 : policy.backoffBefore(attempt).toMillis();
            hurried = false;
            LOG.info("{} reconnecting in {} ms (attempt {} of {})", logPrefix, millis, attempt, policy.maxAttempts());
            pendingAttempt = () -> attempt(attempt);
            pending = loop.schedule(pendingAttempt, millis, TimeUnit.MILLISECONDS);
        }

        private void attempt(int attempt) {
            pending = null;
            if (wanted.getAsBoolean()) {
                open.get().whenComplete((connection, error) -> loop.execute(() -> done(attempt, connection, error)));
            }
        }

        private void done(int attempt, Connection connection, Throwable error) {
            if (!wanted.getAsBoolean()) {
                if (connection != null) {
                    connection.close();
                }
            } else if (error == null) {
                hurried = false;
                onConnected.accept(connection);
            } else if (attempt >= policy.maxAttempts()) {
                hurried = false;
                onGiveUp.accept(new ConnectionLostException(logPrefix + " gave up reconnecting after " + attempt
                        + " attempts; call connect() to try again. Last error: " + error.getMessage(),
                        ConnectionOpener.unwrap(error), false));
            } else {
                LOG.warn("{} reconnect attempt {} of {} failed: {}", logPrefix, attempt, policy.maxAttempts(),
                        ConnectionOpener.unwrap(error).getMessage());
                schedule(attempt + 1);
            }
        }
    }
}
