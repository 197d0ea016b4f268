package io.collector.server.snapshot;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.convert.Value;
import io.collector.server.position.GlobalId;
import io.collector.server.sink.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream stage of the backfill, in front of the destination's sink: reads the signal table's rows out of the
 * binlog (an {@code execute-backfill} row asks for a backfill; the watermark rows open and close a chunk's
 * window), removes from the open chunk every key a row event of its table touches between its low and high
 * watermark, and right after the high watermark's transaction end hands on the chunk's remaining rows as INSERT
 * entries marked {@code backfill=<id>}, numbered from the end's globalId + 1 (below the next event's first id).
 * Every event passes on unchanged and in order. {@link #sink} runs on the conversion thread; the other methods on
 * the backfill thread.
 */
final class BackfillWindow implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillWindow.class);

    private final String destination;
    private final BackfillConfig config;
    private final EventSink next;
    private final EntryForm form;
    private final BackfillStats stats;
    private final Consumer<BackfillRequest> requests;
    private BackfillChunk chunk;
    private BackfillChunk handedOn;

    BackfillWindow(String destination, BackfillConfig config, EventSink next, EntryForm form, BackfillStats stats,
                   Consumer<BackfillRequest> requests) {
        this.destination = destination;
        this.config = config;
        this.next = next;
        this.form = form;
        this.stats = stats;
        this.requests = requests;
    }

    @Override
    public void sink(List<ChangeEvent> events) throws InterruptedException {
        List<ChangeEvent> out = null;
        BackfillChunk emitted = null;
        synchronized (this) {
            for (int i = 0; i < events.size(); i++) {
                ChangeEvent e = events.get(i);
                if (out != null) {
                    out.add(e);
                }
                if (e.isRowData()) {
                    rowEvent(e);
                } else if (e.entryType() == EntryType.TRANSACTIONEND && chunk != null
                        && chunk.phase() == BackfillChunk.Phase.CLOSING) {
                    emitted = chunk;
                    out = out != null ? out : new ArrayList<>(events.subList(0, i + 1));
                    out.addAll(emit(chunk, e));
                    chunk = null;
                }
            }
        }
        next.sink(out == null ? events : out);
        if (emitted != null) {
            synchronized (this) {
                handedOn = emitted;
                notifyAll();
            }
        }
    }

    /** The backfill thread is about to write {@code c}'s low watermark. */
    synchronized void expect(BackfillChunk c) {
        chunk = c;
    }

    /** {@code c}'s query read {@code rows}; called before its high watermark is written. */
    synchronized void read(BackfillChunk c, List<Value[]> rows) {
        c.read(rows);
    }

    /**
     * Waits until {@code c}'s rows were handed on after its high watermark (true) or the chunk failed (false).
     *
     * @throws InterruptedException when interrupted or when {@code running} turns false
     */
    synchronized boolean await(BackfillChunk c, BooleanSupplier running) throws InterruptedException {
        while (handedOn != c && c.phase() != BackfillChunk.Phase.CANCELLED) {
            if (!running.getAsBoolean()) {
                throw new InterruptedException("destination " + destination + " stopping");
            }
            wait(500);
        }
        return handedOn == c && c.phase() == BackfillChunk.Phase.EMITTED;
    }

    /** Gives up {@code c} (a failed query or watermark, a stop); a no-op once it was emitted. */
    synchronized void cancel(BackfillChunk c, String reason) {
        c.cancel(reason);
        if (chunk == c) {
            chunk = null;
        }
        notifyAll();
    }

    private void rowEvent(ChangeEvent e) {
        Header h = e.header();
        if (h.getSchemaName().equals(config.signalSchema()) && h.getTableName().equals(config.signalName())) {
            if (!marked(h)) {
                signals(e.rowChange());
            }
            return;
        }
        BackfillChunk c = chunk;
        if (c != null && c.phase() == BackfillChunk.Phase.OPEN && h.getSchemaName().equalsIgnoreCase(c.table().schema())
                && h.getTableName().equalsIgnoreCase(c.table().table())) {
            for (RowData row : e.rowChange().getRowDatasList()) {
                c.touch(row);
            }
        }
    }

    /** Snapshot and backfill rows of the signal table are copies of old signals, not signals. */
    private static boolean marked(Header h) {
        for (Pair p : h.getPropsList()) {
            if (p.getKey().equals(SnapshotEntries.SNAPSHOT_PROP) || p.getKey().equals(SnapshotEntries.BACKFILL_PROP)) {
                return true;
            }
        }
        return false;
    }

    private void signals(RowChange change) {
        if (change.getEventType() != EventType.INSERT) {
            return;
        }
        for (RowData row : change.getRowDatasList()) {
            String id = value(row.getAfterColumnsList(), "id");
            String type = value(row.getAfterColumnsList(), "type");
            if (id == null || type == null) {
                LOG.warn("[destination={}] a row of the signal table {} without id or type; ignored", destination,
                        config.signalTable());
            } else {
                signal(id, type, value(row.getAfterColumnsList(), "data"));
            }
        }
    }

    private void signal(String id, String type, String data) {
        BackfillChunk c = chunk;
        switch (type) {
            case BackfillSignals.EXECUTE -> request(id, data);
            case BackfillSignals.WINDOW_OPEN -> {
                if (c != null && id.equals(c.lowId())) {
                    c.open();
                }
            }
            case BackfillSignals.WINDOW_CLOSE -> {
                if (c != null && id.equals(c.highId())) {
                    c.close();
                    if (c.phase() == BackfillChunk.Phase.CANCELLED) {
                        cancel(c, c.failure());
                    }
                }
            }
            default -> LOG.debug("[destination={}] signal {} of type {} is not for this collector", destination, id,
                    type);
        }
    }

    private void request(String id, String data) {
        try {
            BackfillRequest request = BackfillRequest.fromSignal(id, data);
            LOG.info("[destination={}] signal {}: backfill of {}{} requested", destination, id, request.table(),
                    request.where().isEmpty() ? "" : " where " + request.where());
            requests.accept(request);
        } catch (IllegalArgumentException e) {
            LOG.error("[destination={}] signal {} ignored: {}", destination, id, e.getMessage());
            stats.failed(id, e.getMessage());
        }
    }

    /** The chunk's remaining rows as entries after {@code end}, the high watermark's transaction end. */
    private List<ChangeEvent> emit(BackfillChunk c, ChangeEvent end) {
        long endId = end.globalId();
        if (GlobalId.seq(endId) != 0) {
            c.cancel("the high watermark's commit is inside a compressed transaction payload, which leaves no"
                    + " ids for backfill rows (turn binlog_transaction_compression off)");
            return List.of();
        }
        List<Value[]> rows = c.remaining();
        long limit = GlobalId.of(GlobalId.fileIndex(endId),
                Math.min(GlobalId.MAX_OFFSET, GlobalId.offset(endId) + end.header().getEventLength()), 0);
        if (endId + rows.size() >= limit) {
            c.cancel("a chunk of " + rows.size() + " rows needs more ids than the " + (limit - endId - 1)
                    + " between the high watermark's commit and the next event; lower the chunk size");
            return List.of();
        }
        c.emitted(endId + rows.size());
        stats.chunk(rows.size(), c.rowsRead() - rows.size());
        LOG.debug("[destination={}] backfill {}: chunk of {} rows emitted after {} ({} superseded by the binlog)",
                destination, c.backfillId(), rows.size(), end.position(), c.rowsRead() - rows.size());
        if (rows.isEmpty()) {
            return List.of();
        }
        SnapshotEntries entries = new SnapshotEntries(end.position(), end.restart(), end.header().getServerId(), form,
                SnapshotEntries.pair(SnapshotEntries.BACKFILL_PROP, c.backfillId()));
        return entries.build(c.table(), rows, endId + 1);
    }

    private static String value(List<Column> image, String name) {
        for (Column c : image) {
            if (c.getName().equalsIgnoreCase(name)) {
                return c.getIsNull() ? null : c.getValue();
            }
        }
        return null;
    }
}
