package io.collector.server.snapshot;

import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.InformationSchema;
import io.collector.server.parser.schema.TableSchema;
import io.collector.server.sink.filter.TableFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the snapshot reads: the included base tables, their columns and the key each is read by. */
final class SnapshotCatalog {

    /** Schemas of the server itself, never snapshotted whatever the filter says. */
    static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema", "sys");

    private static final String TABLES_SQL = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES"
            + " WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    private static final String KEYS_SQL = "SELECT s.INDEX_NAME, s.COLUMN_NAME, c.IS_NULLABLE"
            + " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c"
            + " ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
            + " WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0"
            + " ORDER BY s.INDEX_NAME <> 'PRIMARY', s.INDEX_NAME, s.SEQ_IN_INDEX";

    private final SourceDatabase db;
    private final InformationSchema schemas;
    private final ConvertOptions options;

    SnapshotCatalog(SourceDatabase db, ConvertOptions options) {
        this.db = db;
        this.schemas = new InformationSchema(db);
        this.options = options;
    }

    /** The included tables as {@code schema.table} in name order, with their estimated row counts. */
    Map<String, Long> tables(TableFilter filter) {
        return db.query(TABLES_SQL, rs -> {
            Map<String, Long> tables = new LinkedHashMap<>();
            while (rs.next()) {
                String schema = rs.getString(1);
                String table = rs.getString(2);
                if (!SYSTEM_SCHEMAS.contains(schema.toLowerCase(java.util.Locale.ROOT))
                        && filter.accepts(schema, table)) {
                    tables.put(schema + "." + table, rs.getLong(3));
                }
            }
            return tables;
        });
    }

    /** The table's columns and key; null when it no longer exists. */
    SnapshotTable describe(String qualified) {
        int dot = qualified.indexOf('.');
        String schema = qualified.substring(0, dot);
        String table = qualified.substring(dot + 1);
        TableSchema columns = schemas.table(schema, table);
        if (columns.columns().isEmpty()) {
            return null;
        }
        List<SnapshotColumn> snapshotColumns = columns.columns().stream()
                .map(c -> new SnapshotColumn(c, options)).toList();
        return new SnapshotTable(schema, table, snapshotColumns, key(schema, table, columns.columns()));
    }

    /** The primary key, else the first unique key whose columns are all NOT NULL, else none. */
    private List<Integer> key(String schema, String table, List<ColumnSchema> columns) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<String> nullable = new ArrayList<>();
        db.query(KEYS_SQL, rs -> {
            while (rs.next()) {
                keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                if ("YES".equalsIgnoreCase(rs.getString(3))) {
                    nullable.add(rs.getString(1));
                }
            }
            return null;
        }, schema, table);
        for (Map.Entry<String, List<String>> key : keys.entrySet()) {
            if (!nullable.contains(key.getKey())) {
                return key.getValue().stream().map(name -> indexOf(columns, name)).toList();
            }
        }
        return List.of();
    }

    private static int indexOf(List<ColumnSchema> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException("key column " + name + " is not a column of the table");
    }
}
