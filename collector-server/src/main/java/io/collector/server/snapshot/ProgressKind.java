package io.collector.server.snapshot;

import java.util.Objects;

/**
 * What a {@link SnapshotProgressStore} keeps beside a destination's cursors: the record's type, its file in the
 * data directory, its znode root under high availability, and what removing it does (for the error messages).
 */
public record ProgressKind<T>(String what, Class<T> type, String file, String zkRoot, String removing) {

    /** The initial snapshot's progress. */
    public static final ProgressKind<SnapshotProgress> SNAPSHOT = new ProgressKind<>("snapshot progress",
            SnapshotProgress.class, "snapshot.json", "/collector/snapshot", "start the snapshot again");
    /** The backfills asked for and not yet finished. */
    public static final ProgressKind<BackfillBacklog> BACKFILLS = new ProgressKind<>("unfinished backfills",
            BackfillBacklog.class, "backfill.json", "/collector/backfill", "forget the unfinished backfills");

    public ProgressKind {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(zkRoot, "zkRoot");
        Objects.requireNonNull(removing, "removing");
    }
}
