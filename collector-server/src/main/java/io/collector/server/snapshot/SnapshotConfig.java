package io.collector.server.snapshot;

import java.util.Objects;

/**
 * How a destination snapshots its tables, and backfills them on demand.
 *
 * @param mode      when it does
 * @param chunkRows rows read per chunk (one query, one progress record)
 * @param locking   how the read view's binlog position is learnt
 * @param backfill  the on-demand backfill while streaming
 */
public record SnapshotConfig(SnapshotMode mode, int chunkRows, SnapshotLocking locking, BackfillConfig backfill) {

    public static final int DEFAULT_CHUNK_ROWS = 8192;
    /** No snapshot. */
    public static final SnapshotConfig NEVER = new SnapshotConfig(SnapshotMode.NEVER, DEFAULT_CHUNK_ROWS);

    public SnapshotConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(locking, "locking");
        Objects.requireNonNull(backfill, "backfill");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows " + chunkRows + " < 1");
        }
    }

    /** With {@link SnapshotLocking#AUTO} and without backfill. */
    public SnapshotConfig(SnapshotMode mode, int chunkRows) {
        this(mode, chunkRows, SnapshotLocking.AUTO, BackfillConfig.NONE);
    }

    /** This configuration with another backfill configuration. */
    public SnapshotConfig withBackfill(BackfillConfig other) {
        return new SnapshotConfig(mode, chunkRows, locking, other);
    }
}
