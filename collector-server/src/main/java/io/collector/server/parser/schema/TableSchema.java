package io.collector.server.parser.schema;

import java.util.List;

/** The columns of one table, in ordinal order, as they were when the rows being converted were written. */
public record TableSchema(String schema, String table, List<ColumnSchema> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    public String qualifiedName() {
        return schema + "." + table;
    }

    public ColumnSchema column(int index) {
        return columns.get(index);
    }
}
