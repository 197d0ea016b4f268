package io.collector.server.parser.schema.history;

import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.parser.schema.InformationSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first snapshot of a schema history: every base table outside the system databases, read from the source's
 * {@code information_schema} when a destination starts for the first time.
 */
public final class HistoryBootstrap {

    private static final String USER_SCHEMAS =
            " NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";
    private static final String SCHEMATA_SQL = "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME"
            + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME" + USER_SCHEMAS;
    private static final String TABLES_SQL = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COLLATION"
            + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA" + USER_SCHEMAS;
    private static final String COLUMNS_SQL = "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE,"
            + " COLUMN_KEY, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA" + USER_SCHEMAS
            + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION";

    private HistoryBootstrap() {
    }

    /** The source's current definitions, recorded as the history at {@code journal:offset}. */
    public static HistorySnapshot read(SourceDatabase db, String journal, long offset) {
        String[] server = db.query("SELECT VERSION(), @@character_set_server, @@lower_case_table_names",
                rs -> rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}
                        : new String[] {"", "utf8mb4", "0"});
        Map<String, String> databases = db.query(SCHEMATA_SQL, HistoryBootstrap::pairs);
        Map<String, String> tableCharsets = db.query(TABLES_SQL, HistoryBootstrap::tables);
        Map<String, List<HistoryColumn>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new HashMap<>();
        db.query(COLUMNS_SQL, rs -> readColumns(rs, columns, keys));
        List<HistoryTable> tables = new ArrayList<>();
        columns.forEach((key, cols) -> {
            if (tableCharsets.containsKey(key)) {
                int dot = key.indexOf('.');
                tables.add(new HistoryTable(key.substring(0, dot), key.substring(dot + 1), tableCharsets.get(key),
                        cols, keys.getOrDefault(key, List.of())));
            }
        });
        ServerFlavor flavor = ServerFlavor.of(server[0]).withLowerCaseTableNames(Integer.parseInt(server[2]));
        return new HistorySnapshot(journal, offset, flavor, lower(server[1]), databases, tables, Map.of());
    }

    private static Map<String, String> pairs(ResultSet rs) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        while (rs.next()) {
            pairs.put(rs.getString(1), lower(rs.getString(2)));
        }
        return pairs;
    }

    /** {@code schema.table} → default charset (views are not base tables and are left out). */
    private static Map<String, String> tables(ResultSet rs) throws SQLException {
        Map<String, String> tables = new HashMap<>();
        while (rs.next()) {
            tables.put(SchemaModel.qualified(rs.getString(1), rs.getString(2)),
                    SchemaModel.charsetOfCollation(rs.getString(3)));
        }
        return tables;
    }

    private static Void readColumns(ResultSet rs, Map<String, List<HistoryColumn>> columns,
                                    Map<String, List<String>> keys) throws SQLException {
        while (rs.next()) {
            String key = SchemaModel.qualified(rs.getString(1), rs.getString(2));
            String name = rs.getString(3);
            String dataType = rs.getString(4).toLowerCase(Locale.ROOT);
            String columnType = rs.getString(5);
            String lowerType = columnType.toLowerCase(Locale.ROOT);
            boolean unsigned = lowerType.endsWith(" unsigned") || lowerType.contains(" unsigned ");
            columns.computeIfAbsent(key, k -> new ArrayList<>()).add(new HistoryColumn(name, dataType, columnType,
                    unsigned, lower(rs.getString(7)), InformationSchema.labels(dataType, columnType)));
            if ("PRI".equals(rs.getString(6))) {
                keys.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
