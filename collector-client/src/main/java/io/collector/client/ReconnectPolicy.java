package io.collector.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client reconnects after it lost an established connection: at most {@link #maxAttempts()}
 * attempts, the first after {@link #initialBackoff()}, each further one after twice the previous wait, capped
 * at {@link #maxBackoff()}. Zero attempts means the client does not reconnect; requests then fail with
 * {@link ConnectionLostException} until {@code connect()} is called again.
 *
 * <p>Immutable. Built and checked by {@link CollectorClientBuilder#reconnectPolicy(int, Duration, Duration)}.
 */
public final class ReconnectPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    ReconnectPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * Returns the number of attempts before the client gives up.
     *
     * @return the maximum number of reconnect attempts after one connection loss; 0 disables reconnecting
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Returns the wait before the first attempt.
     *
     * @return the first backoff, positive
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * Returns the longest wait between two attempts.
     *
     * @return the backoff cap, at least {@link #initialBackoff()}
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Returns the wait before a given attempt: the initial backoff doubled per earlier attempt, capped.
     *
     * @param attempt the attempt number, starting at 1
     * @return the wait before that attempt
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public Duration backoffBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }
}
