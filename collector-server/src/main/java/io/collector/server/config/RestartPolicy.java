package io.collector.server.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a failed destination is restarted ({@code collector.supervise.*}). A destination that keeps failing is
 * restarted at most {@code maxAttempts} times in a row, then given up and reported failed, except with
 * {@link Kind#UNLIMITED}.
 *
 * @param kind        how the delay grows
 * @param delay       delay before the first restart (every restart with {@link Kind#FIXED})
 * @param maxDelay    cap of the growing delay
 * @param maxAttempts restarts tried after consecutive failures before giving up, at least 1
 */
public record RestartPolicy(Kind kind, Duration delay, Duration maxDelay, int maxAttempts) {

    public RestartPolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " < 1");
        }
    }

    /** Restart policies ({@code collector.supervise.policy}). */
    public enum Kind {
        /** The same delay before each restart, up to the attempt limit. */
        FIXED,
        /** The delay doubles after each failure up to the cap, up to the attempt limit. */
        EXPONENTIAL,
        /** As {@link #EXPONENTIAL}, never giving up. */
        UNLIMITED
    }

    /**
     * The wait before restart number {@code attempt} (1 = after the first failure), or empty when the
     * destination should be given up.
     */
    public Optional<Duration> delayBefore(int attempt) {
        if (attempt < 1 || kind != Kind.UNLIMITED && attempt > maxAttempts) {
            return Optional.empty();
        }
        if (kind == Kind.FIXED) {
            return Optional.of(delay);
        }
        int doublings = Math.min(attempt - 1, 62);
        long ms = delay.toMillis();
        long grown = ms > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : ms << doublings;
        return Optional.of(Duration.ofMillis(Math.min(grown, maxDelay.toMillis())));
    }
}
