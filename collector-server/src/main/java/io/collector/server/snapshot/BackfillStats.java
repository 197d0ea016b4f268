package io.collector.server.snapshot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The destination's latest backfill as the admin API and the metrics show it: which one, its state, chunks and
 * rows emitted, rows left out because the binlog changed their key while the chunk was read, how often a start of
 * the destination resumed it, and the requests waiting behind it. Outlives restarts of the destination; written by
 * the backfill thread and the conversion thread, read by any.
 */
public final class BackfillStats {

    /** Where the latest backfill stands. */
    public enum State { NONE, RUNNING, DONE, FAILED, STOPPED }

    private State state = State.NONE;
    private String id = "";
    private String table = "";
    private String where = "";
    private String error = "";
    private long chunks;
    private long rows;
    private long superseded;
    private long totalRows;
    private int queued;
    private int resumed;

    synchronized void queued(int waiting) {
        queued = waiting;
    }

    synchronized void started(BackfillRequest request, int waiting, int timesResumed) {
        state = State.RUNNING;
        id = request.id();
        table = request.table();
        where = request.where();
        error = "";
        chunks = 0;
        rows = 0;
        superseded = 0;
        queued = waiting;
        resumed = timesResumed;
    }

    synchronized void chunk(long emitted, long dropped) {
        chunks++;
        rows += emitted;
        totalRows += emitted;
        superseded += dropped;
    }

    synchronized void done() {
        state = State.DONE;
    }

    synchronized void failed(String requestId, String message) {
        state = State.FAILED;
        id = requestId;
        error = message;
    }

    synchronized void stopped() {
        if (state == State.RUNNING) {
            state = State.STOPPED;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** Rows all backfills emitted, for the metrics. */
    public synchronized long totalRows() {
        return totalRows;
    }

    /** The latest backfill's fields for the admin API; empty when there was none. */
    public synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        if (state == State.NONE) {
            return view;
        }
        view.put("state", state.name());
        view.put("id", id);
        view.put("table", table);
        view.put("where", where.isEmpty() ? null : where);
        view.put("chunks", chunks);
        view.put("rows", rows);
        view.put("rowsSuperseded", superseded);
        view.put("resumed", resumed);
        view.put("queued", queued);
        view.put("error", error.isEmpty() ? null : error);
        return view;
    }
}
