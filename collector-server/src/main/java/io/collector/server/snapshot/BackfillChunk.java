package io.collector.server.snapshot;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.convert.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One backfill chunk between its two watermarks (DBLog): the rows its query read, and the keys of {@code table}
 * that binlog row events touched between the low and the high watermark. What the chunk finally emits is its
 * rows minus the touched keys: for those the binlog itself delivers a state at least as new. Keys are compared
 * as the value texts both paths produce. Guarded by the {@link BackfillWindow} that holds it.
 */
final class BackfillChunk {

    /** Where the chunk stands in the stream. */
    enum Phase { EXPECTED, OPEN, CLOSING, EMITTED, CANCELLED }

    private final String backfillId;
    private final SnapshotTable table;
    private final String lowId;
    private final String highId;
    private final Set<List<String>> touched = new HashSet<>();
    private List<Value[]> rows;
    private Phase phase = Phase.EXPECTED;
    private String failure;
    private long lastId = -1;

    BackfillChunk(String backfillId, SnapshotTable table, String lowId, String highId) {
        this.backfillId = backfillId;
        this.table = table;
        this.lowId = lowId;
        this.highId = highId;
    }

    String backfillId() {
        return backfillId;
    }

    SnapshotTable table() {
        return table;
    }

    String lowId() {
        return lowId;
    }

    String highId() {
        return highId;
    }

    Phase phase() {
        return phase;
    }

    String failure() {
        return failure;
    }

    /** The low watermark passed in the stream: from here on row events of the table remove their keys. */
    void open() {
        if (phase == Phase.EXPECTED) {
            phase = Phase.OPEN;
        }
    }

    /** The chunk's query result, known before the high watermark is written. */
    void read(List<Value[]> chunkRows) {
        this.rows = List.copyOf(chunkRows);
    }

    /**
     * The high watermark passed in the stream: the chunk is emitted after the end of its transaction. A high
     * watermark without the low one before it (the stream started between them) or without rows fails the chunk.
     */
    void close() {
        if (phase != Phase.OPEN || rows == null) {
            failure = phase != Phase.OPEN ? "the stream met the high watermark " + highId + " without its low"
                    + " watermark " + lowId : "the chunk's rows were not read before its high watermark " + highId;
            phase = Phase.CANCELLED;
            return;
        }
        phase = Phase.CLOSING;
    }

    /** A binlog row of the table while the window is open: both its images' keys are left out of the chunk. */
    void touch(RowData row) {
        if (phase != Phase.OPEN) {
            return;
        }
        if (row.getBeforeColumnsCount() > 0) {
            touched.add(keyOf(row.getBeforeColumnsList()));
        }
        if (row.getAfterColumnsCount() > 0) {
            touched.add(keyOf(row.getAfterColumnsList()));
        }
    }

    /** The rows to emit: the chunk's rows without the touched keys, in key order. */
    List<Value[]> remaining() {
        List<Value[]> kept = new ArrayList<>(rows.size());
        for (Value[] row : rows) {
            if (!touched.contains(keyOf(row))) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** The remaining rows were emitted, the last with id {@code last} (the high watermark's commit when none): done. */
    void emitted(long last) {
        phase = Phase.EMITTED;
        lastId = last;
    }

    /** The id of the chunk's last emitted entry (the high watermark's commit when it emitted no row); -1 before. */
    long lastId() {
        return lastId;
    }

    /** The last row the query read, or null when it read none. */
    Value[] lastRead() {
        return rows == null || rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    /** Rows the query read (0 before it did). */
    int rowsRead() {
        return rows == null ? 0 : rows.size();
    }

    void cancel(String reason) {
        if (phase != Phase.EMITTED) {
            phase = Phase.CANCELLED;
            failure = failure == null ? reason : failure;
        }
    }

    boolean finished() {
        return phase == Phase.EMITTED || phase == Phase.CANCELLED;
    }

    /** The key of a chunk row, as value texts in key order. */
    List<String> keyOf(Value[] row) {
        List<String> key = new ArrayList<>(table.key().size());
        for (int i : table.key()) {
            key.add(row[i].text());
        }
        return key;
    }

    private List<String> keyOf(List<Column> image) {
        List<String> key = new ArrayList<>(table.key().size());
        for (int i : table.key()) {
            String name = table.columns().get(i).schema().name();
            Column column = null;
            for (Column c : image) {
                if (c.getName().equalsIgnoreCase(name)) {
                    column = c;
                    break;
                }
            }
            if (column == null) {
                throw new IllegalStateException("key column " + name + " of " + table.qualifiedName()
                        + " missing from a binlog row image (binlog_row_image must be FULL)");
            }
            key.add(column.getIsNull() ? null : column.getValue());
        }
        return key;
    }
}
