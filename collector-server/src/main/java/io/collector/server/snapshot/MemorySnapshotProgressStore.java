package io.collector.server.snapshot;

import java.util.Optional;

/** Snapshot progress kept in memory, for destinations whose cursors live in memory. */
public final class MemorySnapshotProgressStore implements SnapshotProgressStore {

    private volatile SnapshotProgress progress;

    @Override
    public Optional<SnapshotProgress> load() {
        return Optional.ofNullable(progress);
    }

    @Override
    public void save(SnapshotProgress p) {
        this.progress = p;
    }
}
