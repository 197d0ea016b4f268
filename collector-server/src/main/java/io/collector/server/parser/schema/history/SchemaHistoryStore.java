package io.collector.server.parser.schema.history;

import java.util.List;
import java.util.Optional;

/**
 * Where one destination keeps its schema history: a snapshot and the DDL entries read after it. Called from the
 * destination's parser thread only; a write failure is a {@link io.collector.server.error.CollectorException}
 * that stops the parser, since a history that missed a DDL would mislabel later rows.
 */
public interface SchemaHistoryStore {

    /** A stored snapshot and the entries appended after it, in binlog order. */
    record Stored(HistorySnapshot snapshot, List<HistoryEntry> entries) {

        public Stored {
            entries = List.copyOf(entries);
        }
    }

    /** The stored history, empty before the destination's first start. */
    Optional<Stored> load();

    /** Durably appends one DDL entry after the snapshot and the entries before it. */
    void append(HistoryEntry entry);

    /** Durably replaces everything with one snapshot and no entries (compaction). */
    void replace(HistorySnapshot snapshot);
}
