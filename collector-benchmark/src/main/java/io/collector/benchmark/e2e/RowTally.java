package io.collector.benchmark.e2e;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The rows a consumer received, by id (1..expected): the run ends when every id arrived once; an id outside that
 * range or arriving twice fails the run, since a benchmark of a server that loses or repeats rows means nothing.
 * A timed tally also keeps each row's latency: its receipt time minus the UTC time its source wrote into the row;
 * a paced tally holds its consumer to a reading rate.
 */
final class RowTally {

    /** The column holding the time the source wrote the row (UTC), in tables of the live run. */
    static final String WRITTEN_COLUMN = "written";

    private final int expected;
    private final BitSet seen;
    private final long[] latencyMicros;
    private final double rowsPerSecond;
    private final IntConsumer afterBatch;
    private int count;
    private long firstAt;
    private long lastAt;

    private RowTally(int expected, boolean timed, double rowsPerSecond, IntConsumer afterBatch) {
        this.expected = expected;
        this.seen = new BitSet(expected + 1);
        this.latencyMicros = timed ? new long[expected] : null;
        this.rowsPerSecond = rowsPerSecond;
        this.afterBatch = afterBatch;
    }

    /** A tally of ids only. */
    static RowTally ids(int expected) {
        return new RowTally(expected, false, 0, null);
    }

    /** A tally that also keeps each row's latency. */
    static RowTally timed(int expected) {
        return new RowTally(expected, true, 0, null);
    }

    /**
     * A tally of ids whose consumer reads at most {@code rowsPerSecond} (from the first row on): {@link #batchDone()}
     * holds it back; {@code afterBatch} is told the row count after each batch, on the consumer's thread.
     */
    static RowTally paced(int expected, double rowsPerSecond, IntConsumer afterBatch) {
        return new RowTally(expected, false, rowsPerSecond, afterBatch);
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
        if (count == 1) {
            firstAt = lastAt;
        }
    }

    /** Called by the consumer after each batch it acknowledged: reports progress and, if paced, waits its turn. */
    void batchDone() {
        if (afterBatch != null) {
            afterBatch.accept(count);
        }
        if (rowsPerSecond > 0 && count > 0) {
            long wait = firstAt + (long) (count / rowsPerSecond * 1e9) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
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
