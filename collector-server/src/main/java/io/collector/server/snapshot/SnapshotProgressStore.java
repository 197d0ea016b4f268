package io.collector.server.snapshot;

import java.util.Optional;

/**
 * Where a destination keeps its snapshot's progress, beside its cursors: in its data directory, in ZooKeeper
 * under high availability, or in memory. Used from the parser thread only.
 */
public interface SnapshotProgressStore {

    /** The stored progress, if a snapshot was started and not cleared. */
    Optional<SnapshotProgress> load();

    /** Replaces the stored progress; durable when this returns. */
    void save(SnapshotProgress progress);
}
