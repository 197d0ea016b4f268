package io.collector.server.parser.ddl;

/**
 * A table and the schema it is in. A null {@code table} stands for every table of the schema (a dropped
 * database).
 */
public record QualifiedTable(String schema, String table) {

    /** Every table of {@code schema}. */
    public static QualifiedTable wholeSchema(String schema) {
        return new QualifiedTable(schema, null);
    }

    public boolean isWholeSchema() {
        return table == null;
    }
}
