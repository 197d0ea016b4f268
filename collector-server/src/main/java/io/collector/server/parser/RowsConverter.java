package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.convert.RowChangeEncoder;
import io.collector.server.parser.convert.RowDataBuilder;
import io.collector.server.parser.convert.ValueConverter;
import io.collector.server.parser.schema.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts the rows of one rows event into Canal {@link RowData}, or straight into the encoded entry
 * ({@link #encode}), reusing the builder for its TABLE_MAP. Used by one thread at a time.
 */
final class RowsConverter {

    private final ValueConverter converter;
    private final RowChangeEncoder encoder = new RowChangeEncoder();
    private TableMapEventData lastMap;
    private TableSchema lastSchema;
    private RowDataBuilder builder;

    RowsConverter(ConvertOptions options) {
        this.converter = new ValueConverter(options);
    }

    List<RowData> convert(RowKind kind, EventData data, TableMapEventData map, TableSchema schema) {
        RowDataBuilder b = builder(map, schema);
        return switch (kind) {
            case INSERT -> inserts(b, (WriteRowsEventData) data);
            case UPDATE -> updates(b, (UpdateRowsEventData) data);
            case DELETE -> deletes(b, (DeleteRowsEventData) data);
        };
    }

    /**
     * Records the rows of one rows event in the converter's encoder and returns it, ready for
     * {@link RowChangeEncoder#finish}; valid until the next call.
     */
    RowChangeEncoder encode(RowKind kind, EventData data, TableMapEventData map, TableSchema schema) {
        RowDataBuilder b = builder(map, schema);
        encoder.begin(b);
        switch (kind) {
            case INSERT -> {
                WriteRowsEventData d = (WriteRowsEventData) data;
                for (Serializable[] row : d.getRows()) {
                    b.insert(d.getIncludedColumns(), row, encoder);
                }
            }
            case UPDATE -> {
                UpdateRowsEventData d = (UpdateRowsEventData) data;
                for (Map.Entry<Serializable[], Serializable[]> row : d.getRows()) {
                    b.update(d.getIncludedColumnsBeforeUpdate(), row.getKey(), d.getIncludedColumns(), row.getValue(),
                            encoder);
                }
            }
            case DELETE -> {
                DeleteRowsEventData d = (DeleteRowsEventData) data;
                for (Serializable[] row : d.getRows()) {
                    b.delete(d.getIncludedColumns(), row, encoder);
                }
            }
        }
        return encoder;
    }

    private RowDataBuilder builder(TableMapEventData map, TableSchema schema) {
        if (map != lastMap || schema != lastSchema) {
            builder = RowDataBuilder.of(converter, schema, map);
            lastMap = map;
            lastSchema = schema;
        }
        return builder;
    }

    private static List<RowData> inserts(RowDataBuilder b, WriteRowsEventData d) {
        List<RowData> rows = new ArrayList<>(d.getRows().size());
        for (Serializable[] row : d.getRows()) {
            rows.add(b.insert(d.getIncludedColumns(), row));
        }
        return rows;
    }

    private static List<RowData> updates(RowDataBuilder b, UpdateRowsEventData d) {
        List<RowData> rows = new ArrayList<>(d.getRows().size());
        for (Map.Entry<Serializable[], Serializable[]> row : d.getRows()) {
            rows.add(b.update(d.getIncludedColumnsBeforeUpdate(), row.getKey(), d.getIncludedColumns(), row.getValue()));
        }
        return rows;
    }

    private static List<RowData> deletes(RowDataBuilder b, DeleteRowsEventData d) {
        List<RowData> rows = new ArrayList<>(d.getRows().size());
        for (Serializable[] row : d.getRows()) {
            rows.add(b.delete(d.getIncludedColumns(), row));
        }
        return rows;
    }
}
