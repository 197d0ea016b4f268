package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.LRUCache;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.IntVarEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RowsQueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link EventDeserializer}s whose rows events ({@code WRITE/UPDATE/DELETE_ROWS}, v1 as MariaDB writes
 * them and v2 {@code EXT_*} as MySQL does, also inside compressed {@code TRANSACTION_PAYLOAD}s) carry raw cell
 * values for {@link ValueConverter}:
 * <ul>
 *   <li>TINYINT..BIGINT: {@code Integer}/{@code Long}, signed as stored</li>
 *   <li>FLOAT/DOUBLE: {@code Float}/{@code Double}; DECIMAL: {@code BigDecimal} with the column's scale</li>
 *   <li>BIT: {@code Long} bit pattern; YEAR: {@code Integer} (0 for the zero year); ENUM: {@code Integer} index;
 *       SET: {@code Long} bitmask</li>
 *   <li>DATE/TIME/DATETIME/TIMESTAMP: {@link RawDate}, {@link RawTime}, {@link RawDateTime}, {@link RawTimestamp}
 *       </li>
 *   <li>CHAR/VARCHAR/BINARY/VARBINARY/BLOB/TEXT/JSON/GEOMETRY: {@code byte[]} as stored</li>
 * </ul>
 * Every other event type is deserialized as the connector's default {@link EventDeserializer} does it, and
 * TABLE_MAP events still feed the table map cache the rows deserializers read. Checksums are verified, MariaDB
 * compressed events decompressed and type numbers kept: see {@link SourceEventDeserializer}.
 */
public final class RawEventDeserializers {

    private static final int TABLE_MAP_CACHE_SIZE = 10000;

    private RawEventDeserializers() {
    }

    /** A new deserializer with its own TABLE_MAP cache; give each {@code BinaryLogClient} its own. */
    public static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new LRUCache<>(100, 0.75f, TABLE_MAP_CACHE_SIZE);
        Map<EventType, EventDataDeserializer> deserializers = new EnumMap<>(EventType.class);
        registerStandard(deserializers);
        registerRows(deserializers, tableMaps);
        return new SourceEventDeserializer(deserializers, tableMaps);
    }

    private static void registerRows(Map<EventType, EventDataDeserializer> map,
                                     Map<Long, TableMapEventData> tableMaps) {
        for (EventType type : List.of(EventType.WRITE_ROWS, EventType.UPDATE_ROWS, EventType.DELETE_ROWS,
                EventType.EXT_WRITE_ROWS, EventType.EXT_UPDATE_ROWS, EventType.EXT_DELETE_ROWS)) {
            map.put(type, RawRowsDeserializers.forType(type, tableMaps));
        }
        map.put(EventType.TRANSACTION_PAYLOAD, new RawTransactionPayloadDeserializer());
    }

    /** The connector's own deserializers for everything but rows, as its default constructor registers them. */
    private static void registerStandard(Map<EventType, EventDataDeserializer> map) {
        map.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        map.put(EventType.ROTATE, new RotateEventDataDeserializer());
        map.put(EventType.INTVAR, new IntVarEventDataDeserializer());
        map.put(EventType.QUERY, new QueryEventDataDeserializer());
        map.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        map.put(EventType.XID, new XidEventDataDeserializer());
        map.put(EventType.ROWS_QUERY, new RowsQueryEventDataDeserializer());
        map.put(EventType.GTID, new GtidEventDataDeserializer());
        map.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
        map.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
        map.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
        map.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        map.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
        map.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
    }
}
