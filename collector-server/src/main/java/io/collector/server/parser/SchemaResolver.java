package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import io.collector.server.parser.ddl.DdlInfo;
import io.collector.server.parser.ddl.QualifiedTable;
import io.collector.server.error.SourceException;
import io.collector.server.parser.schema.ColumnTypes;
import io.collector.server.parser.schema.HistoryCheck;
import io.collector.server.parser.schema.InformationSchema;
import io.collector.server.parser.schema.MetadataSchemaBuilder;
import io.collector.server.parser.schema.TableSchema;
import io.collector.server.parser.schema.history.SchemaHistory;
import io.collector.server.position.LogPosition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the {@link TableSchema} that labels the rows following a TABLE_MAP event.
 *
 * <p>With {@code binlog_row_metadata=FULL} the names, keys, signedness, charsets and ENUM/SET labels come
 * from the event itself, so rows written before a later DDL keep their own names; the {@link SchemaHistory}
 * only supplies the {@code mysqlType} spelling of columns whose name and type match, and is checked against the
 * event: a disagreement is logged with table, column and position. Without FULL metadata the schema history
 * supplies everything (the table as it was at the event's position) and is checked against the event's column
 * count and types; a mismatch is a {@link SourceException} naming the table, the last DDL applied and the
 * position, never mislabelled columns. Tables the history does not hold (system tables) come from the current
 * {@code information_schema}, under the same check. Used from the parser thread only.
 */
public final class SchemaResolver {

    private record Resolved(byte[] types, int[] meta, TableSchema schema) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SchemaResolver.class);

    private final String destination;
    private final InformationSchema infoSchema;
    private SchemaHistory history;
    private final Map<Long, Resolved> byTableId = new HashMap<>();

    public SchemaResolver(String destination, InformationSchema infoSchema, SchemaHistory history) {
        this.destination = destination;
        this.infoSchema = infoSchema;
        this.history = history;
    }

    /**
     * The schema of the table a TABLE_MAP event describes.
     *
     * @param position where the rows event is, for messages
     */
    public TableSchema resolve(TableMapEventData map, String position) {
        Resolved cached = byTableId.get(map.getTableId());
        if (cached != null && cached.schema.schema().equals(map.getDatabase())
                && cached.schema.table().equals(map.getTable())
                && Arrays.equals(cached.types, map.getColumnTypes()) && Arrays.equals(cached.meta, map.getColumnMetadata())) {
            return cached.schema;
        }
        TableSchema schema = hasFullMetadata(map) ? fromMetadata(map, position) : fromHistory(map, position);
        byTableId.put(map.getTableId(), new Resolved(map.getColumnTypes(), map.getColumnMetadata(), schema));
        return schema;
    }

    /** Replaces the schema history, after reading jumped over part of the binlog. */
    public void restartHistory(SchemaHistory newHistory) {
        history = newHistory;
        byTableId.clear();
    }

    /**
     * Brings the schemas up to date after a DDL statement read at {@code position}: forgets what is known of the
     * tables it touched (of everything when they are not known), then applies it to the schema history.
     */
    void ddlRead(DdlInfo ddl, String sql, String database, LogPosition position) {
        if (ddl.touched().isEmpty()) {
            invalidateAll();
        }
        for (QualifiedTable t : ddl.touched()) {
            if (t.isWholeSchema()) {
                invalidateSchema(t.schema());
            } else {
                invalidate(t.schema(), t.table());
            }
        }
        applyDdl(sql, database, position);
    }

    /** Applies a DDL statement read at {@code position} to the schema history. */
    public void applyDdl(String sql, String database, LogPosition position) {
        history.apply(sql, database, position);
        byTableId.clear();
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

    private TableSchema fromHistory(TableMapEventData map, String position) {
        String unknown = history.unknownReason(map.getDatabase(), map.getTable());
        if (unknown != null) {
            throw new SourceException("Table " + map.getDatabase() + "." + map.getTable() + " at " + position
                    + ": the schema history cannot tell its columns (" + unknown + ") and the source sends no column"
                    + " metadata; set binlog_row_metadata=FULL on the source (MySQL 8.0.1+ / MariaDB 10.5+) to read"
                    + " these rows.");
        }
        TableSchema known = history.table(map.getDatabase(), map.getTable());
        if (known != null) {
            if (!matches(known, map)) {
                throw mismatch(map, known, "the schema history", position);
            }
            return known;
        }
        return fromInformationSchema(map, position);
    }

    private TableSchema fromInformationSchema(TableMapEventData map, String position) {
        TableSchema current = infoSchema.table(map.getDatabase(), map.getTable());
        if (!matches(current, map)) {
            infoSchema.invalidate(map.getDatabase(), map.getTable());
            current = infoSchema.table(map.getDatabase(), map.getTable());
            if (!matches(current, map)) {
                throw mismatch(map, current, "information_schema (the table is not in the schema history)",
                        position);
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

    private SourceException mismatch(TableMapEventData map, TableSchema current, String source, String position) {
        List<String> binlog = new ArrayList<>();
        for (int i = 0; i < map.getColumnTypes().length; i++) {
            binlog.add(ColumnTypes.name(ColumnTypes.realType(map.getColumnTypes()[i] & 0xff, map.getColumnMetadata()[i])));
        }
        List<String> info = current.columns().stream().map(c -> c.name() + " " + c.dataType()).toList();
        return new SourceException("Table " + map.getDatabase() + "." + map.getTable() + " at " + position
                + ": the binlog row event has " + binlog.size() + " columns " + binlog
                + " but " + source + " has " + info.size() + " columns " + info + "; last DDL applied to the history: "
                + history.lastDdl() + ". The source does not send column metadata;"
                + " set binlog_row_metadata=FULL on the source (MySQL 8.0.1+ / MariaDB 10.5+) to read such rows.");
    }

    private TableSchema fromMetadata(TableMapEventData map, String position) {
        TableSchema known = history.unknownReason(map.getDatabase(), map.getTable()) == null
                ? history.table(map.getDatabase(), map.getTable()) : null;
        TableSchema current = known != null ? known : infoSchema.table(map.getDatabase(), map.getTable());
        TableSchema fromBinlog = new MetadataSchemaBuilder(map, infoSchema, current).build();
        if (known != null) {
            HistoryCheck.compare(known, fromBinlog).forEach(d -> LOG.warn(
                    "[destination={}] schema history disagrees with the binlog's column metadata for {} at {}: {}"
                    + " (last DDL applied: {})", destination, fromBinlog.qualifiedName(), position, d,
                    history.lastDdl()));
        }
        return fromBinlog;
    }
}
