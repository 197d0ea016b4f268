package io.collector.server.snapshot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A destination's snapshot progress as the admin API and the metrics show it: state, tables done of all, rows
 * handed to the store, and the estimated total from {@code information_schema}. Outlives restarts of the
 * destination; written by the parser thread, read by any.
 */
public final class SnapshotStats {

    /** Where the destination stands with its snapshot. */
    public enum State { NONE, RUNNING, DONE }

    private final AtomicReference<State> state = new AtomicReference<>(State.NONE);
    private final AtomicLong tablesDone = new AtomicLong();
    private final AtomicLong tables = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong estimatedRows = new AtomicLong();
    private final BackfillStats backfill = new BackfillStats();

    void started(int tableCount, long estimate, long tablesAlreadyDone, long rowsAlreadyRead) {
        tables.set(tableCount);
        estimatedRows.set(estimate);
        tablesDone.set(tablesAlreadyDone);
        rows.set(rowsAlreadyRead);
        state.set(State.RUNNING);
    }

    void rows(long n) {
        rows.addAndGet(n);
    }

    void tableDone() {
        tablesDone.incrementAndGet();
    }

    void done() {
        state.set(State.DONE);
    }

    /** The destination's on-demand backfills. */
    public BackfillStats backfill() {
        return backfill;
    }

    public State state() {
        return state.get();
    }

    public long tablesDone() {
        return tablesDone.get();
    }

    public long tables() {
        return tables.get();
    }

    public long rows() {
        return rows.get();
    }

    public long estimatedRows() {
        return estimatedRows.get();
    }

    /** Rows read as a percentage of the estimate, at most 100 (the estimate is InnoDB's, often off); 100 when done. */
    public double percent() {
        if (state.get() == State.DONE) {
            return 100;
        }
        long estimate = estimatedRows.get();
        return estimate <= 0 ? 0 : Math.min(100, 100.0 * rows.get() / estimate);
    }
}
