package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.MissingTableMapEventException;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Map;

/**
 * Reads one row image (NULL bitmap, then the present non-NULL cells) using the column types of the table's
 * TABLE_MAP event, found in the map the {@code EventDeserializer} maintains.
 */
final class RawRowReader {

    private final Map<Long, TableMapEventData> tableMaps;

    RawRowReader(Map<Long, TableMapEventData> tableMaps) {
        this.tableMaps = tableMaps;
    }

    /**
     * Returns one value per column present in the image ({@code includedColumns}), in column order; null for SQL
     * NULL.
     */
    Serializable[] read(long tableId, BitSet includedColumns, ByteArrayInputStream in) throws IOException {
        TableMapEventData tableMap = tableMaps.get(tableId);
        if (tableMap == null) {
            throw new MissingTableMapEventException("No TABLE_MAP event seen for table id " + tableId
                + "; reading probably started inside an event group");
        }
        byte[] types = tableMap.getColumnTypes();
        int[] metadata = tableMap.getColumnMetadata();
        Serializable[] row = new Serializable[includedColumns.cardinality()];
        BitSet nulls = in.readBitSet(row.length, true);
        int present = 0;
        for (int i = includedColumns.nextSetBit(0); i >= 0 && i < types.length; i = includedColumns.nextSetBit(i + 1)) {
            if (!nulls.get(present)) {
                row[present] = RawCells.read(types[i] & 0xFF, metadata[i], in);
            }
            present++;
        }
        return row;
    }
}
