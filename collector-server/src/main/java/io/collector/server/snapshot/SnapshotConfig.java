package io.collector.server.snapshot;

import java.util.Objects;

/**
 * How a destination snapshots its tables.
 *
 * @param mode      when it does
 * @param chunkRows rows read per chunk (one query, one progress record)
 */
public record SnapshotConfig(SnapshotMode mode, int chunkRows) {

    public static final int DEFAULT_CHUNK_ROWS = 8192;
    /** No snapshot. */
    public static final SnapshotConfig NEVER = new SnapshotConfig(SnapshotMode.NEVER, DEFAULT_CHUNK_ROWS);

    public SnapshotConfig {
        Objects.requireNonNull(mode, "mode");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows " + chunkRows + " < 1");
        }
    }
}
