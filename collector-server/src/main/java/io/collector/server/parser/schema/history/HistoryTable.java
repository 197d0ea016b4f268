package io.collector.server.parser.schema.history;

import java.util.List;

/**
 * One table in the schema history.
 *
 * @param schema     database name
 * @param name       table name
 * @param charset    the table's default character set (for columns added later without one), null if unknown
 * @param columns    columns in ordinal order
 * @param primaryKey names of the PRIMARY KEY columns, empty when none
 */
public record HistoryTable(String schema, String name, String charset, List<HistoryColumn> columns,
                           List<String> primaryKey) {

    public HistoryTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    HistoryTable with(List<HistoryColumn> newColumns, List<String> newKey) {
        return new HistoryTable(schema, name, charset, newColumns, newKey);
    }

    HistoryTable renamed(String newSchema, String newName) {
        return new HistoryTable(newSchema, newName, charset, columns, primaryKey);
    }

    HistoryTable withCharset(String newCharset) {
        return new HistoryTable(schema, name, newCharset, columns, primaryKey);
    }

    /** The index of a column by name (case-insensitive), -1 if absent. */
    int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
