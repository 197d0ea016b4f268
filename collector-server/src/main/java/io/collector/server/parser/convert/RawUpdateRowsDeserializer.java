package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Map;

/** UPDATE_ROWS (v1 and v2) deserializer whose rows hold {@link RawCells raw values}. */
final class RawUpdateRowsDeserializer extends UpdateRowsEventDataDeserializer {

    private final RawRowReader rowReader;

    RawUpdateRowsDeserializer(Map<Long, TableMapEventData> tableMaps, boolean v2) {
        super(tableMaps);
        this.rowReader = new RawRowReader(tableMaps);
        setMayContainExtraInformation(v2);
    }

    @Override
    protected Serializable[] deserializeRow(long tableId, BitSet includedColumns, ByteArrayInputStream in)
            throws IOException {
        return rowReader.read(tableId, includedColumns, in);
    }
}
