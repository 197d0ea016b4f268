package io.collector.benchmark.e2e;

import java.util.BitSet;

/**
 * The rows a consumer received, by id (1..expected): the run ends when every id arrived once; an id outside that
 * range or arriving twice fails the run, since a benchmark of a server that loses or repeats rows means nothing.
 */
final class RowTally {

    private final int expected;
    private final BitSet seen;
    private int count;
    private long firstAt;
    private long lastAt;

    RowTally(int expected) {
        this.expected = expected;
        this.seen = new BitSet(expected + 1);
    }

    void add(long id) {
        if (id < 1 || id > expected) {
            throw new IllegalStateException("row id " + id + " is outside 1.." + expected);
        }
        if (seen.get((int) id)) {
            throw new IllegalStateException("row id " + id + " arrived twice");
        }
        seen.set((int) id);
        count++;
        long now = System.nanoTime();
        if (count == 1) {
            firstAt = now;
        }
        lastAt = now;
    }

    boolean complete() {
        return count == expected;
    }

    int count() {
        return count;
    }

    /** {@link System#nanoTime()} when the first row arrived. */
    long firstAt() {
        return firstAt;
    }

    /** {@link System#nanoTime()} when the last row so far arrived. */
    long lastAt() {
        return lastAt;
    }
}
