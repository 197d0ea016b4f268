package io.collector.server.parser.schema.history;

import io.collector.server.position.LogPosition;
import java.util.List;
import java.util.Map;

/**
 * The whole {@link SchemaModel} at a binlog position: every DDL before {@code journal:offset} is applied, none at or
 * after it.
 *
 * @param journal       binlog file
 * @param offset        offset in that file
 * @param flavor        how the source spells types
 * @param serverCharset the source's {@code character_set_server}
 * @param databases     database → default character set
 * @param tables        every table
 * @param unknown       {@code schema.table} → why its definition is unknown
 */
public record HistorySnapshot(String journal, long offset, ServerFlavor flavor, String serverCharset,
                              Map<String, String> databases, List<HistoryTable> tables, Map<String, String> unknown) {

    public HistorySnapshot {
        databases = Map.copyOf(databases);
        tables = List.copyOf(tables);
        unknown = Map.copyOf(unknown);
    }

    static HistorySnapshot of(String journal, long offset, SchemaModel model) {
        return new HistorySnapshot(journal, offset, model.flavor(), model.serverCharset(), model.databases(),
                model.tables(), model.unknown());
    }

    SchemaModel model() {
        return new SchemaModel(flavor, serverCharset, databases, tables, unknown);
    }

    /** Orders binlog coordinates by file index, then offset; an empty (not yet known) file compares equal. */
    static int compare(String journalA, long offsetA, String journalB, long offsetB) {
        if (journalA == null || journalA.isEmpty() || journalB == null || journalB.isEmpty()) {
            return 0;
        }
        return LogPosition.of(journalA, offsetA).compareTo(LogPosition.of(journalB, offsetB));
    }
}
