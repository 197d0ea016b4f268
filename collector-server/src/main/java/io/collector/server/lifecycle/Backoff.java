package io.collector.server.lifecycle;

import java.time.Duration;

/** Delays between attempts: the initial one, doubled after each further failure, capped; reset after a success. */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(Duration initial, Duration max) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.nextMs = initialMs;
    }

    /** The delay before the next attempt, in milliseconds. */
    public long next() {
        long current = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return current;
    }

    public void reset() {
        nextMs = initialMs;
    }
}
