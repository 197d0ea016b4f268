package io.collector.server.catchup;

import io.collector.server.error.CollectorException;
import io.collector.server.parser.schema.history.HistoryEntry;
import io.collector.server.parser.schema.history.HistorySnapshot;
import io.collector.server.parser.schema.history.SchemaHistoryStore;
import io.collector.server.position.LogPosition;
import java.util.Optional;

/**
 * The destination's schema history as a catch-up reader sees it: read, never written. The reader is behind the
 * destination's parser, which already recorded every DDL the reader meets, so the reader only rebuilds the schema at
 * its start position and applies the DDL it reads in memory. A history that does not reach back to the start
 * position (compacted after it, or none stored) cannot tell the schema there: loading it then fails, and with it
 * the reader, rather than taking today's definitions from the source.
 */
final class ReadOnlySchemaHistory implements SchemaHistoryStore {

    private final SchemaHistoryStore history;
    private final String reader;
    private final LogPosition start;

    ReadOnlySchemaHistory(SchemaHistoryStore history, String reader, LogPosition start) {
        this.history = history;
        this.reader = reader;
        this.start = start;
    }

    @Override
    public Optional<Stored> load() {
        Optional<Stored> stored = history.load();
        HistorySnapshot snapshot = stored.map(Stored::snapshot).orElse(null);
        if (snapshot == null || !snapshot.journal().isEmpty() && !start.journal().isEmpty()
                && LogPosition.of(start.journal(), start.offset())
                        .compareTo(LogPosition.of(snapshot.journal(), snapshot.offset())) < 0) {
            throw new CollectorException("[destination=" + reader + "] the schema history "
                    + (snapshot == null ? "is empty" : "starts at " + snapshot.journal() + ":" + snapshot.offset())
                    + ", after the catch-up start " + start + ": the table definitions there are unknown", false);
        }
        return stored;
    }

    @Override
    public void append(HistoryEntry entry) {
        // the destination's parser recorded this statement when it read it
    }

    @Override
    public void replace(HistorySnapshot snapshot) {
        // compaction is the destination parser's: the stored history stays as it is
    }
}
