package io.collector.server.parser.schema;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import io.collector.server.error.SourceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the {@link TableSchema} that labels the rows following a TABLE_MAP event.
 *
 * <p>With {@code binlog_row_metadata=FULL} the names, keys, signedness, charsets and ENUM/SET labels come
 * from the event itself, so rows written before a later DDL keep their own names; {@code information_schema}
 * only supplies the {@code mysqlType} spelling of columns whose name and type still match. Without FULL
 * metadata, {@code information_schema} supplies everything and is checked against the event's column count
 * and types; a mismatch is a {@link SourceException} naming the table and both shapes, never mislabelled
 * columns. Used from the parser thread only.
 */
public final class SchemaResolver {

    private record Resolved(byte[] types, int[] meta, TableSchema schema) {
    }

    private final InformationSchema infoSchema;
    private final Map<Long, Resolved> byTableId = new HashMap<>();

    public SchemaResolver(InformationSchema infoSchema) {
        this.infoSchema = infoSchema;
    }

    /** The schema of the table a TABLE_MAP event describes. */
    public TableSchema resolve(TableMapEventData map) {
        Resolved cached = byTableId.get(map.getTableId());
        if (cached != null && cached.schema.schema().equals(map.getDatabase())
                && cached.schema.table().equals(map.getTable())
                && Arrays.equals(cached.types, map.getColumnTypes()) && Arrays.equals(cached.meta, map.getColumnMetadata())) {
            return cached.schema;
        }
        TableSchema schema = hasFullMetadata(map) ? fromMetadata(map) : fromInformationSchema(map);
        byTableId.put(map.getTableId(), new Resolved(map.getColumnTypes(), map.getColumnMetadata(), schema));
        return schema;
    }

    /** Forgets what is known of a table, after a DDL that touched it. */
    public void invalidate(String schema, String table) {
        infoSchema.invalidate(schema, table);
        byTableId.values().removeIf(r -> r.schema.schema().equalsIgnoreCase(schema)
                && r.schema.table().equalsIgnoreCase(table));
    }

    /** Forgets every table of a schema, after it was dropped or recreated. */
    public void invalidateSchema(String schema) {
        infoSchema.invalidateSchema(schema);
        byTableId.values().removeIf(r -> r.schema.schema().equalsIgnoreCase(schema));
    }

    /** Forgets everything, e.g. after a DDL whose target could not be determined. */
    public void invalidateAll() {
        infoSchema.invalidateAll();
        byTableId.clear();
    }

    private static boolean hasFullMetadata(TableMapEventData map) {
        TableMapEventMetadata md = map.getEventMetadata();
        return md != null && md.getColumnNames() != null && !md.getColumnNames().isEmpty();
    }

    private TableSchema fromInformationSchema(TableMapEventData map) {
        TableSchema current = infoSchema.table(map.getDatabase(), map.getTable());
        if (!matches(current, map)) {
            infoSchema.invalidate(map.getDatabase(), map.getTable());
            current = infoSchema.table(map.getDatabase(), map.getTable());
            if (!matches(current, map)) {
                throw mismatch(map, current);
            }
        }
        return current;
    }

    private static boolean matches(TableSchema schema, TableMapEventData map) {
        byte[] types = map.getColumnTypes();
        if (schema.columns().size() != types.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            int real = ColumnTypes.realType(types[i] & 0xff, map.getColumnMetadata()[i]);
            if (!ColumnTypes.compatible(real, schema.column(i).dataType())) {
                return false;
            }
        }
        return true;
    }

    private static SourceException mismatch(TableMapEventData map, TableSchema current) {
        List<String> binlog = new ArrayList<>();
        for (int i = 0; i < map.getColumnTypes().length; i++) {
            binlog.add(ColumnTypes.name(ColumnTypes.realType(map.getColumnTypes()[i] & 0xff, map.getColumnMetadata()[i])));
        }
        List<String> info = current.columns().stream().map(c -> c.name() + " " + c.dataType()).toList();
        return new SourceException("Table " + map.getDatabase() + "." + map.getTable()
                + ": the binlog row event has " + binlog.size() + " columns " + binlog
                + " but information_schema has " + info.size() + " columns " + info
                + ". The table changed after these rows were written and the source does not send column metadata;"
                + " set binlog_row_metadata=FULL on the source (MySQL 8.0.1+ / MariaDB 10.5+) to read such rows.");
    }

    private TableSchema fromMetadata(TableMapEventData map) {
        return new MetadataSchemaBuilder(map, infoSchema).build();
    }
}
