package io.collector.server.parser.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the schema history's idea of a table with what a TABLE_MAP event's FULL metadata says, column by
 * column: name, base type, signedness, primary key membership and ENUM/SET labels.
 */
public final class HistoryCheck {

    private HistoryCheck() {
    }

    /** The disagreements, each naming the column; empty when both agree. */
    public static List<String> compare(TableSchema history, TableSchema binlog) {
        List<String> differences = new ArrayList<>();
        if (history.columns().size() != binlog.columns().size()) {
            differences.add("history has " + history.columns().size() + " columns " + names(history)
                    + ", binlog has " + binlog.columns().size() + " " + names(binlog));
            return differences;
        }
        for (int i = 0; i < binlog.columns().size(); i++) {
            ColumnSchema h = history.column(i);
            ColumnSchema b = binlog.column(i);
            if (!h.name().equalsIgnoreCase(b.name()) || !h.dataType().equals(b.dataType())
                    || h.unsigned() != b.unsigned() || h.primaryKey() != b.primaryKey()
                    || !h.labels().equals(b.labels())) {
                differences.add("column " + i + ": history " + describe(h) + ", binlog " + describe(b));
            }
        }
        return differences;
    }

    private static List<String> names(TableSchema t) {
        return t.columns().stream().map(ColumnSchema::name).toList();
    }

    private static String describe(ColumnSchema c) {
        return "'" + c.name() + " " + c.dataType() + (c.unsigned() ? " unsigned" : "")
                + (c.labels().isEmpty() ? "" : c.labels().toString()) + (c.primaryKey() ? " primary key" : "") + "'";
    }
}
