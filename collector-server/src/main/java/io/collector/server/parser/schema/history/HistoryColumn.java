package io.collector.server.parser.schema.history;

import java.util.List;

/**
 * One column of a table in the schema history, spelled as the source's {@code information_schema} spells it.
 *
 * @param name       column name
 * @param dataType   {@code DATA_TYPE}, lower-case
 * @param columnType {@code COLUMN_TYPE}
 * @param unsigned   whether a numeric column is UNSIGNED
 * @param charset    MySQL character set name of a text column, null for others
 * @param labels     ENUM or SET labels, empty for other types
 */
public record HistoryColumn(String name, String dataType, String columnType, boolean unsigned, String charset,
                            List<String> labels) {

    public HistoryColumn {
        labels = List.copyOf(labels);
    }

    HistoryColumn named(String newName) {
        return new HistoryColumn(newName, dataType, columnType, unsigned, charset, labels);
    }
}
