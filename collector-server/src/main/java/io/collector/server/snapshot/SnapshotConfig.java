package io.collector.server.snapshot;

import java.util.Objects;

/**
 * How a destination snapshots its tables.
 *
 * @param mode      when it does
 * @param chunkRows rows read per chunk (one query, one progress record)
 * @param locking   how the read view's binlog position is learnt
 */
public record SnapshotConfig(SnapshotMode mode, int chunkRows, SnapshotLocking locking) {

    public static final int DEFAULT_CHUNK_ROWS = 8192;
    /** No snapshot. */
    public static final SnapshotConfig NEVER = new SnapshotConfig(SnapshotMode.NEVER, DEFAULT_CHUNK_ROWS);

    public SnapshotConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(locking, "locking");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows " + chunkRows + " < 1");
        }
    }

    /** With {@link SnapshotLocking#AUTO}. */
    public SnapshotConfig(SnapshotMode mode, int chunkRows) {
        this(mode, chunkRows, SnapshotLocking.AUTO);
    }
}
