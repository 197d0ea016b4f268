package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Map;

/**
 * WRITE/UPDATE/DELETE_ROWS (v1 and v2) deserializers whose rows hold {@link RawCells raw values}: the
 * connector's own deserializer of each kind (which reads the event's header, column bitmaps and row list),
 * with every row read by one {@link RawRowReader}.
 */
final class RawRowsDeserializers {

    private RawRowsDeserializers() {
    }

    /**
     * The deserializer of a rows event type.
     *
     * @param type      {@code WRITE_ROWS}, {@code UPDATE_ROWS}, {@code DELETE_ROWS} or their {@code EXT_} (v2) form
     * @param tableMaps the TABLE_MAP cache the rows refer to
     */
    static EventDataDeserializer<?> forType(EventType type, Map<Long, TableMapEventData> tableMaps) {
        RawRowReader rows = new RawRowReader(tableMaps);
        boolean v2 = type.name().startsWith("EXT_");
        return switch (type) {
            case WRITE_ROWS, EXT_WRITE_ROWS -> new WriteRowsEventDataDeserializer(tableMaps) {
                @Override
                protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
                        throws IOException {
                    return rows.read(tableId, columns, in);
                }
            }.setMayContainExtraInformation(v2);
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> new UpdateRowsEventDataDeserializer(tableMaps) {
                @Override
                protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
                        throws IOException {
                    return rows.read(tableId, columns, in);
                }
            }.setMayContainExtraInformation(v2);
            case DELETE_ROWS, EXT_DELETE_ROWS -> new DeleteRowsEventDataDeserializer(tableMaps) {
                @Override
                protected Serializable[] deserializeRow(long tableId, BitSet columns, ByteArrayInputStream in)
                        throws IOException {
                    return rows.read(tableId, columns, in);
                }
            }.setMayContainExtraInformation(v2);
            default -> throw new IllegalArgumentException("not a rows event type: " + type);
        };
    }
}
