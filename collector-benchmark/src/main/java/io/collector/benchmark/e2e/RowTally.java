package io.collector.benchmark.e2e;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The rows a consumer received, by id (1..expected): the run ends when every id arrived once; an id outside that
 * range or arriving twice fails the run, since a benchmark of a server that loses or repeats rows means nothing.
 * A timed tally also keeps each row's latency: its receipt time minus the UTC time its source wrote into the row.
 */
final class RowTally {

    /** The column holding the time the source wrote the row (UTC), in tables of the live run. */
    static final String WRITTEN_COLUMN = "written";

    private final int expected;
    private final BitSet seen;
    private final long[] latencyMicros;
    private int count;
    private long lastAt;

    private RowTally(int expected, boolean timed) {
        this.expected = expected;
        this.seen = new BitSet(expected + 1);
        this.latencyMicros = timed ? new long[expected] : null;
    }

    /** A tally of ids only. */
    static RowTally ids(int expected) {
        return new RowTally(expected, false);
    }

    /** A tally that also keeps each row's latency. */
    static RowTally timed(int expected) {
        return new RowTally(expected, true);
    }

    /** Whether {@link #add(long, String, long)} is to be called rather than {@link #add(long)}. */
    boolean timed() {
        return latencyMicros != null;
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
        lastAt = System.nanoTime();
    }

    /**
     * Adds a row of a timed tally.
     *
     * @param written        the row's {@value #WRITTEN_COLUMN} value as the client shows it,
     *                       {@code yyyy-MM-dd HH:mm:ss.SSSSSS} in UTC
     * @param receivedMicros when the batch holding it arrived, in microseconds since the epoch
     */
    void add(long id, String written, long receivedMicros) {
        add(id);
        LocalDateTime at = LocalDateTime.parse(written.replace(' ', 'T'));
        long writtenMicros = ChronoUnit.MICROS.between(LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC), at);
        latencyMicros[(int) id - 1] = receivedMicros - writtenMicros;
    }

    boolean complete() {
        return count == expected;
    }

    int count() {
        return count;
    }

    /** {@link System#nanoTime()} when the last row so far arrived. */
    long lastAt() {
        return lastAt;
    }

    /** The latencies of rows {@code fromId..expected} of a complete timed tally, in microseconds, sorted. */
    long[] sortedLatencyMicros(int fromId) {
        long[] tail = Arrays.copyOfRange(latencyMicros, fromId - 1, expected);
        Arrays.sort(tail);
        return tail;
    }

    /** Microseconds since the epoch, now. */
    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
