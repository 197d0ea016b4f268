package io.collector.server.parser.schema;

import java.util.List;

/**
 * What the entries need to know about one column beyond what a rows event carries.
 *
 * @param name       column name, without backticks
 * @param index      0-based ordinal position in the table
 * @param dataType   lower-case base type as {@code information_schema.COLUMNS.DATA_TYPE} spells it
 *                   ({@code int}, {@code varchar}, {@code mediumtext}, {@code enum}, ...)
 * @param columnType lower-case full type as {@code SHOW CREATE TABLE} spells it, without charset, collation
 *                   or NOT NULL ({@code int(10) unsigned}, {@code varchar(64)}, {@code enum('a','b')});
 *                   this is Canal's {@code mysqlType}
 * @param unsigned   whether a numeric column is UNSIGNED
 * @param primaryKey whether the column belongs to the PRIMARY KEY (unique keys don't count)
 * @param charset    Java charset name used to decode the column's text, or null for binary and non-text columns
 * @param labels     ENUM or SET labels in declaration order; empty for other types
 */
public record ColumnSchema(String name, int index, String dataType, String columnType, boolean unsigned,
                           boolean primaryKey, String charset, List<String> labels) {

    public ColumnSchema {
        labels = List.copyOf(labels);
    }
}
