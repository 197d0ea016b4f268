package io.collector.server.parser.schema;

import io.collector.server.parser.source.SourceDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads table definitions from the source's {@code information_schema}, cached per table until
 * {@link #invalidate} after a DDL. Used from the parser thread only.
 */
public final class InformationSchema {

    private static final String COLUMNS_SQL = "SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE, COLUMN_TYPE, "
            + "COLUMN_KEY, CHARACTER_SET_NAME FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

    private final SourceDatabase db;
    private final Map<String, TableSchema> tables = new HashMap<>();
    private Map<Integer, String> collations;

    public InformationSchema(SourceDatabase db) {
        this.db = db;
    }

    /** The table's current columns; an empty column list if the table does not exist (any more). */
    public TableSchema table(String schema, String table) {
        return tables.computeIfAbsent(key(schema, table), k -> load(schema, table));
    }

    public void invalidate(String schema, String table) {
        tables.remove(key(schema, table));
    }

    public void invalidateSchema(String schema) {
        tables.keySet().removeIf(k -> k.regionMatches(true, 0, schema + ".", 0, schema.length() + 1));
    }

    public void invalidateAll() {
        tables.clear();
    }

    /** The character set name of a collation id ({@code binary} for 63), null if unknown. */
    public String charsetOfCollation(int collationId) {
        if (collations == null) {
            collations = db.query("SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS", rs -> {
                Map<Integer, String> ids = new HashMap<>();
                while (rs.next()) {
                    ids.put(rs.getInt(1), rs.getString(2));
                }
                return ids;
            });
        }
        return collations.get(collationId);
    }

    private static String key(String schema, String table) {
        return schema + "." + table;
    }

    private TableSchema load(String schema, String table) {
        List<ColumnSchema> columns = db.query(COLUMNS_SQL, InformationSchema::columns, schema, table);
        return new TableSchema(schema, table, columns);
    }

    private static List<ColumnSchema> columns(ResultSet rs) throws SQLException {
        List<ColumnSchema> columns = new ArrayList<>();
        while (rs.next()) {
            String dataType = rs.getString(3).toLowerCase(Locale.ROOT);
            // COLUMN_TYPE is already spelled as SHOW CREATE TABLE does; ENUM/SET labels keep their case
            String columnType = rs.getString(4);
            columns.add(new ColumnSchema(rs.getString(1), rs.getInt(2) - 1, dataType, columnType,
                    columnType.toLowerCase(Locale.ROOT).endsWith(" unsigned")
                            || columnType.toLowerCase(Locale.ROOT).contains(" unsigned "),
                    "PRI".equals(rs.getString(5)), MysqlCharsets.javaName(rs.getString(6)),
                    labels(dataType, columnType)));
        }
        return columns;
    }

    /** ENUM/SET labels from a column type such as {@code enum('a','it''s')}. */
    public static List<String> labels(String dataType, String columnType) {
        if (!dataType.equals("enum") && !dataType.equals("set")) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        StringBuilder label = null;
        for (; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            } else if (c == '\'') {
                labels.add(label.toString());
                label = null;
            } else {
                label.append(c);
            }
        }
        return labels;
    }
}
