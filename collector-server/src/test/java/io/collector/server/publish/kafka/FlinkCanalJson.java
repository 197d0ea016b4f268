package io.collector.server.publish.kafka;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.json.canal.CanalJsonDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData.FieldGetter;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code shop.orders} FlatMessages with Flink's own {@code canal-json} deserializer (flink-json, no
 * cluster needed) and describes each produced row as {@code <kind> id,customer,status,amount}; and describes
 * what the binlog entries say Flink must produce.
 */
final class FlinkCanalJson {

    private static final DataType ORDERS = DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT()),
            DataTypes.FIELD("customer", DataTypes.INT()), DataTypes.FIELD("status", DataTypes.STRING()),
            DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)));

    private FlinkCanalJson() {
    }

    /**
     * The rows Flink produces for {@code shop.orders}. Flink rejects DDL types other than CREATE unless told
     * to ignore parse errors (as with Canal's own topics); without that option, DDL messages are left out here.
     */
    static List<String> readOrders(List<ConsumerRecord<byte[], byte[]>> records, boolean ignoreParseErrors)
            throws Exception {
        CanalJsonDeserializationSchema schema = CanalJsonDeserializationSchema
                .builder(ORDERS, List.of(), TypeInformation.of(org.apache.flink.table.data.RowData.class))
                .setDatabase("shop").setTable("orders").setIgnoreParseErrors(ignoreParseErrors).build();
        schema.open(context());
        List<String> rows = new ArrayList<>();
        Collector<org.apache.flink.table.data.RowData> out = collector(rows);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (ignoreParseErrors || !Boolean.TRUE.equals(KafkaIts.json(r).get("isDdl"))) {
                schema.deserialize(r.value(), out);
            }
        }
        return rows;
    }

    private static Collector<org.apache.flink.table.data.RowData> collector(List<String> rows) {
        FieldGetter[] getters = new FieldGetter[4];
        var fields = ((org.apache.flink.table.types.logical.RowType) ORDERS.getLogicalType()).getChildren();
        for (int i = 0; i < getters.length; i++) {
            getters[i] = org.apache.flink.table.data.RowData.createFieldGetter(fields.get(i), i);
        }
        return new Collector<>() {
            @Override
            public void collect(org.apache.flink.table.data.RowData row) {
                StringBuilder b = new StringBuilder(row.getRowKind().shortString()).append(' ');
                for (int i = 0; i < getters.length; i++) {
                    Object v = getters[i].getFieldOrNull(row);
                    b.append(i > 0 ? "," : "").append(v instanceof org.apache.flink.table.data.DecimalData d
                            ? d.toBigDecimal().toPlainString() : String.valueOf(v));
                }
                rows.add(b.toString());
            }

            @Override
            public void close() {
            }
        };
    }

    /** What the binlog's {@code shop.orders} rows mean as a Flink changelog. */
    static List<String> expectedOrders(List<ChangeEvent> reference) {
        List<String> rows = new ArrayList<>();
        for (ChangeEvent e : reference) {
            if (!e.isRowData() || !e.qualifiedTable().equals("shop.orders")) {
                continue;
            }
            RowChange rc = e.rowChange();
            for (RowData r : rc.getRowDatasList()) {
                switch (rc.getEventType()) {
                    case INSERT -> rows.add(describe("+I", r.getAfterColumnsList()));
                    case DELETE -> rows.add(describe("-D", r.getBeforeColumnsList()));
                    case UPDATE -> {
                        rows.add(describe("-U", r.getBeforeColumnsList()));
                        rows.add(describe("+U", r.getAfterColumnsList()));
                    }
                    default -> throw new AssertionError("unexpected " + rc.getEventType());
                }
            }
        }
        return rows;
    }

    private static String describe(String kind, List<Column> columns) {
        Map<String, String> v = new java.util.HashMap<>();
        columns.forEach(c -> v.put(c.getName(), c.getIsNull() ? null : c.getValue()));
        return kind + " " + v.get("id") + "," + v.get("customer") + "," + v.get("status") + ","
                + (v.get("amount") == null ? null : new BigDecimal(v.get("amount")).toPlainString());
    }

    private static DeserializationSchema.InitializationContext context() {
        return new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                throw new UnsupportedOperationException("no metrics in this test");
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(FlinkCanalJson.class.getClassLoader());
            }
        };
    }
}
