package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.convert.RowDataBuilder;
import io.collector.server.parser.convert.ValueConverter;
import io.collector.server.parser.schema.TableSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Converts the rows of one rows event into Canal {@link RowData}, reusing the builder for its TABLE_MAP. */
final class RowsConverter {

    private final ValueConverter converter;
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
