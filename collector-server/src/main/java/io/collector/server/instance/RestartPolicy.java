package io.collector.server.instance;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a failed destination is restarted ({@code collector.supervise.*}, per destination
 * {@code collector.instance.supervise.*}), in Flink's vocabulary. A destination that runs healthy for
 * {@code resetAfter} starts counting its failures afresh.
 *
 * @param kind              the strategy
 * @param delay             delay before a restart (the first one with {@link Kind#EXPONENTIAL_DELAY})
 * @param maxDelay          cap of the growing delay ({@link Kind#EXPONENTIAL_DELAY})
 * @param multiplier        growth of the delay after each failure ({@link Kind#EXPONENTIAL_DELAY}), at least 1
 * @param maxAttempts       restarts tried after consecutive failures before giving up ({@link Kind#FIXED_DELAY},
 *                          {@link Kind#EXPONENTIAL_DELAY}); {@link #UNLIMITED} never gives up
 * @param maxFailures       failures allowed within {@code failureInterval} ({@link Kind#FAILURE_RATE})
 * @param failureInterval   the window {@code maxFailures} is counted in ({@link Kind#FAILURE_RATE})
 * @param resetAfter        healthy running time after which the failure count starts again from 0
 */
public record RestartPolicy(Kind kind, Duration delay, Duration maxDelay, double multiplier, int maxAttempts,
                            int maxFailures, Duration failureInterval, Duration resetAfter) {

    /** {@code maxAttempts} of a strategy that never gives up. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** The shipped default: exponential-delay from 1 s, doubled up to 1 min, 10 attempts, reset after 1 min. */
    public static final RestartPolicy DEFAULT = exponentialDelay(Duration.ofSeconds(1), Duration.ofMinutes(1), 10,
            Duration.ofMinutes(1));

    public RestartPolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(failureInterval, "failureInterval");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (maxAttempts < 1 || maxFailures < 1 || multiplier < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + ", maxFailures " + maxFailures
                    + " and multiplier " + multiplier + " must be at least 1");
        }
    }

    /** Restart strategies ({@code collector.supervise.policy}), named as in Flink. */
    public enum Kind {
        /** The same delay before each restart, up to {@code maxAttempts} in a row. */
        FIXED_DELAY,
        /** The same delay before each restart, giving up when more than {@code maxFailures} fall in the interval. */
        FAILURE_RATE,
        /** The delay grows by {@code multiplier} after each failure up to the cap, up to {@code maxAttempts}. */
        EXPONENTIAL_DELAY,
        /** No restart: the first failure is final. */
        NONE;

        /** The name in the configuration, e.g. {@code fixed-delay}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A fixed delay before each of at most {@code maxAttempts} restarts in a row (other parameters as shipped). */
    public static RestartPolicy fixedDelay(Duration delay, int maxAttempts, Duration resetAfter) {
        return new RestartPolicy(Kind.FIXED_DELAY, delay, delay, 2, maxAttempts, 3, Duration.ofMinutes(5),
                resetAfter);
    }

    /** A delay doubled after each failure up to {@code maxDelay}, at most {@code maxAttempts} restarts in a row. */
    public static RestartPolicy exponentialDelay(Duration delay, Duration maxDelay, int maxAttempts,
                                                 Duration resetAfter) {
        return new RestartPolicy(Kind.EXPONENTIAL_DELAY, delay, maxDelay, 2, maxAttempts, 3, Duration.ofMinutes(5),
                resetAfter);
    }

    /**
     * The wait before the restart after failure number {@code attempt} in a row (1 = the first), when
     * {@code recentFailures} failures (this one included) fell within the last {@code failureInterval}; empty when
     * the destination is given up.
     */
    public Optional<Duration> delayBefore(int attempt, int recentFailures) {
        return switch (kind) {
            case NONE -> Optional.empty();
            case FAILURE_RATE -> recentFailures > maxFailures ? Optional.empty() : Optional.of(delay);
            case FIXED_DELAY -> attempt > maxAttempts ? Optional.empty() : Optional.of(delay);
            case EXPONENTIAL_DELAY -> attempt > maxAttempts ? Optional.empty() : Optional.of(grown(attempt));
        };
    }

    private Duration grown(int attempt) {
        double ms = delay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(ms, maxDelay.toMillis()));
    }

    /** The strategy and its parameters, for logs. */
    public String describe() {
        String attempts = maxAttempts == UNLIMITED ? "unlimited" : Integer.toString(maxAttempts);
        return switch (kind) {
            case NONE -> "none";
            case FIXED_DELAY -> "fixed-delay " + delay.toMillis() + " ms, " + attempts + " attempts";
            case FAILURE_RATE -> "failure-rate " + maxFailures + " failures per " + failureInterval.toMillis()
                    + " ms, delay " + delay.toMillis() + " ms";
            case EXPONENTIAL_DELAY -> "exponential-delay " + delay.toMillis() + " ms × " + multiplier + " up to "
                    + maxDelay.toMillis() + " ms, " + attempts + " attempts";
        };
    }
}
