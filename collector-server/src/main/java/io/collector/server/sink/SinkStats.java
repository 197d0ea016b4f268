package io.collector.server.sink;

/**
 * What one destination's sink let through to the store and what its filters dropped, for metrics. Written by the
 * sink's single caller thread, read by any thread; kept across restarts of the destination so the counts only
 * grow.
 */
public final class SinkStats {

    private volatile long entries;
    private volatile long rows;
    private volatile long filteredRows;
    private volatile long transactions;
    private volatile long blockedNanos;

    /** Counts an entry put into the store; {@code rows} is its row count (0 for begin/end/DDL entries). */
    public void stored(int rows, boolean transactionEnd) {
        entries++;
        this.rows += rows;
        if (transactionEnd) {
            transactions++;
        }
    }

    /** Counts rows the destination's filters dropped. */
    public void filtered(int rows) {
        filteredRows += rows;
    }

    /** Adds time spent handing entries to the store, most of it waiting while the store was full. */
    public void blocked(long nanos) {
        blockedNanos += nanos;
    }

    public long entries() {
        return entries;
    }

    public long rows() {
        return rows;
    }

    public long filteredRows() {
        return filteredRows;
    }

    public long transactions() {
        return transactions;
    }

    public long blockedNanos() {
        return blockedNanos;
    }
}
