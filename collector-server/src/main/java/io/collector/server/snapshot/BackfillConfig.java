package io.collector.server.snapshot;

import java.util.Objects;

/**
 * How a destination backfills tables on demand while it streams.
 *
 * @param signalTable the signal table as {@code schema.table}, "" for none (no backfill then: its watermark rows
 *                    need the table)
 * @param chunkRows   rows read per backfill chunk (one query between two watermarks, held in memory until the
 *                    high watermark arrives in the binlog)
 */
public record BackfillConfig(String signalTable, int chunkRows) {

    public static final int DEFAULT_CHUNK_ROWS = 1024;
    /**
     * At most this many rows per chunk: a chunk's ids lie between the high watermark's commit event and the next
     * event, which leaves {@code 2048 × event length} ids; a commit (XID) event has at least 27 bytes.
     */
    public static final int MAX_CHUNK_ROWS = 32_768;
    /** No signal table, no backfill. */
    public static final BackfillConfig NONE = new BackfillConfig("", DEFAULT_CHUNK_ROWS);

    public BackfillConfig {
        Objects.requireNonNull(signalTable, "signalTable");
        if (!signalTable.isEmpty() && signalTable.indexOf('.') <= 0) {
            throw new IllegalArgumentException("signal table " + signalTable + " is not schema.table");
        }
        if (chunkRows < 1 || chunkRows > MAX_CHUNK_ROWS) {
            throw new IllegalArgumentException("chunkRows " + chunkRows + " outside [1, " + MAX_CHUNK_ROWS + "]");
        }
    }

    /** Whether a signal table is configured, so backfills can run. */
    public boolean enabled() {
        return !signalTable.isEmpty();
    }

    /** The signal table's schema. */
    public String signalSchema() {
        return signalTable.substring(0, signalTable.indexOf('.'));
    }

    /** The signal table's name within its schema. */
    public String signalName() {
        return signalTable.substring(signalTable.indexOf('.') + 1);
    }
}
