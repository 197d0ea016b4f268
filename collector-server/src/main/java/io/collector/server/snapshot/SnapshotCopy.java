package io.collector.server.snapshot;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.parser.convert.Value;
import io.collector.server.sink.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a snapshot in one read view: reads the tables from a starting point in chunks, records each chunk in
 * the progress store before handing its entries to the sink (which blocks while the store is full), and marks the
 * snapshot complete at the end. Parser thread only.
 */
final class SnapshotCopy {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCopy.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String destination;
    private final SnapshotReader reader;
    private final SnapshotCatalog catalog;
    private final SnapshotEntries entries;
    private final Sinks sinks;
    private final SnapshotStats stats;
    private final int chunkRows;
    private final long idLimit;
    private SnapshotProgress progress;
    private long rows;
    private long lastLog = System.nanoTime();

    /** Where the copy writes: entries, progress, and the acknowledged id that lets it prune progress. */
    record Sinks(EventSink events, SnapshotProgressStore<SnapshotProgress> progress, LongSupplier ackedHint,
                 BooleanSupplier running) {
    }

    SnapshotCopy(String destination, SnapshotReader reader, SnapshotCatalog catalog, SnapshotEntries entries,
                 Sinks sinks, SnapshotStats stats, int chunkRows, SnapshotProgress start, long rowsBefore) {
        this.destination = destination;
        this.reader = reader;
        this.catalog = catalog;
        this.entries = entries;
        this.sinks = sinks;
        this.stats = stats;
        this.chunkRows = chunkRows;
        this.progress = start;
        this.rows = rowsBefore;
        this.idLimit = SnapshotIds.streamStart(start.position());
    }

    /** Reads table {@code from} (after key {@code after}, null: from its start) and every table after it. */
    SnapshotProgress run(int from, List<String> after) throws InterruptedException {
        List<String> tables = progress.tables();
        for (int t = from; t < tables.size(); t++) {
            checkRunning();
            SnapshotTable table = catalog.describe(tables.get(t));
            if (table == null) {
                LOG.warn("[destination={}] snapshot: table {} no longer exists; skipped", destination, tables.get(t));
                emit(t, null, List.of(), null, true);
            } else if (table.chunked()) {
                readChunks(t, table, t == from ? after : null);
            } else {
                readWhole(t, table);
            }
            stats.tableDone();
            LOG.info("[destination={}] snapshot: table {} done ({} of {} tables, {} rows so far)", destination,
                    tables.get(t), t + 1, tables.size(), rows);
        }
        progress = progress.completed();
        sinks.progress().save(progress);
        return progress;
    }

    private void readChunks(int t, SnapshotTable table, List<String> after) throws InterruptedException {
        List<String> bound = after;
        while (true) {
            checkRunning();
            List<Value[]> chunk = new ArrayList<>();
            reader.read(table, bound, chunkRows, chunkRows, chunk::addAll);
            boolean last = chunk.size() < chunkRows;
            List<String> endKey = chunk.isEmpty() ? bound : keyOf(table, chunk.get(chunk.size() - 1));
            emit(t, table, chunk, endKey, last);
            if (last) {
                return;
            }
            bound = endKey;
        }
    }

    /** A table without a usable key: one query, handed on in segments of a chunk's size, resumable only whole. */
    private void readWhole(int t, SnapshotTable table) throws InterruptedException {
        reader.read(table, null, 0, chunkRows, segment -> emit(t, table, segment, null, false));
        emit(t, table, List.of(), null, true);
    }

    private void emit(int t, SnapshotTable table, List<Value[]> chunk, List<String> endKey, boolean last)
            throws InterruptedException {
        long first = progress.lastIssuedId() + 1;
        List<ChangeEvent> events = chunk.isEmpty() ? List.of() : entries.build(table, chunk, first);
        long issued = first + chunk.size() - 1;
        if (issued >= idLimit) {
            throw new IllegalStateException("[destination=" + destination + "] snapshot ids exhausted below "
                    + idLimit);
        }
        long lastEntryId = events.isEmpty() ? progress.lastIssuedId() : events.get(events.size() - 1).globalId();
        rows += chunk.size();
        ChunkMark mark = null;
        if (last) {
            mark = new ChunkMark(t, List.of(), lastEntryId, rows, true);
        } else if (endKey != null && table.resumableInside()) {
            mark = new ChunkMark(t, endKey, lastEntryId, rows, false);
        }
        progress = progress.withMark(mark, issued, sinks.ackedHint().getAsLong());
        sinks.progress().save(progress);
        if (!events.isEmpty()) {
            sinks.events().sink(events);
        }
        stats.rows(chunk.size());
        logProgress();
    }

    private static List<String> keyOf(SnapshotTable table, Value[] row) {
        return table.key().stream().map(i -> row[i].text()).toList();
    }

    private void logProgress() {
        long now = System.nanoTime();
        if (now - lastLog >= LOG_EVERY_NANOS) {
            lastLog = now;
            LOG.info("[destination={}] snapshot: {} rows, {} of {} tables done, ~{}%", destination, rows,
                    stats.tablesDone(), stats.tables(), String.format(java.util.Locale.ROOT, "%.1f", stats.percent()));
        }
    }

    private void checkRunning() throws InterruptedException {
        if (!sinks.running().getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("snapshot of destination " + destination + " stopped");
        }
    }
}
