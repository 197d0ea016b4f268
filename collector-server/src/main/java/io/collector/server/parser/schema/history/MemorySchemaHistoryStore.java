package io.collector.server.parser.schema.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A schema history kept in memory only, for destinations whose cursors are kept in memory too: it lasts as long as
 * the store object. Thread-safe.
 */
public final class MemorySchemaHistoryStore implements SchemaHistoryStore {

    private HistorySnapshot snapshot;
    private final List<HistoryEntry> entries = new ArrayList<>();

    @Override
    public synchronized Optional<Stored> load() {
        return snapshot == null ? Optional.empty() : Optional.of(new Stored(snapshot, entries));
    }

    @Override
    public synchronized void append(HistoryEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized void replace(HistorySnapshot newSnapshot) {
        snapshot = newSnapshot;
        entries.clear();
    }
}
