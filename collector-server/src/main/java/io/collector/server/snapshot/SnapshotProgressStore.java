package io.collector.server.snapshot;

import java.util.Optional;

/**
 * Where a destination keeps its snapshot's progress (and its unfinished backfills, a record of the same kind),
 * beside its cursors: in its data directory, in ZooKeeper under high availability, or in memory. One instance per
 * record; callers use it from one thread at a time.
 *
 * @param <T> the record kept ({@link ProgressKind})
 */
public interface SnapshotProgressStore<T> {

    /** The stored record, if one was saved. */
    Optional<T> load();

    /** Replaces the stored record; durable when this returns. */
    void save(T progress);
}
