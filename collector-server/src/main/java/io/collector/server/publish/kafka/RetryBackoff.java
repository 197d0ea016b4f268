package io.collector.server.publish.kafka;

import java.time.Duration;

/** Delays between attempts: the first delay, doubled after each further failure, capped; reset on success. */
final class RetryBackoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    RetryBackoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.nextMs = initialMs;
    }

    long next() {
        long current = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return current;
    }

    void reset() {
        nextMs = initialMs;
    }
}
