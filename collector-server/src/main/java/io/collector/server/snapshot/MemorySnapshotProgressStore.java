package io.collector.server.snapshot;

import java.util.Optional;

/** A progress record kept in memory, for destinations whose cursors live in memory. */
public final class MemorySnapshotProgressStore<T> implements SnapshotProgressStore<T> {

    private volatile T progress;

    @Override
    public Optional<T> load() {
        return Optional.ofNullable(progress);
    }

    @Override
    public void save(T p) {
        this.progress = p;
    }
}
