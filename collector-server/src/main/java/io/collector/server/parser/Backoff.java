package io.collector.server.parser;

import java.time.Duration;

/** Exponential reconnect delays: initial, doubled after each failure, capped; reset after a good connection. */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    Backoff(Duration initial, Duration max) {
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
