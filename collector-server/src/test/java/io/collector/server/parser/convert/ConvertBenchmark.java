package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.collector.server.parser.schema.ColumnTypes.*;

/**
 * Single-thread throughput of raw deserialization + conversion + RowData building (run by hand with
 * {@code main}; not a unit test). Table of 10 columns: int pk, bigint, varchar, varchar, decimal, datetime(3),
 * timestamp, tinyint unsigned, enum, text.
 */
public final class ConvertBenchmark {

    private static final boolean DESERIALIZE_ONLY = Boolean.getBoolean("deserializeOnly");
    private static final long TABLE_ID = 5;
    private static final int ROWS_PER_EVENT = 100;
    private static final int[] TYPES = {LONG, LONGLONG, VARCHAR, VARCHAR, NEWDECIMAL, DATETIME2, TIMESTAMP2, TINY,
        STRING, BLOB};
    private static final byte[] METADATA = TestBytes.of(0x80, 0x00, 0x80, 0x00, 12, 2, 3, 0, ENUM, 1, 2);

    private ConvertBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        byte[] tableMap = TestEvents.event(19, TestEvents.tableMap(TABLE_ID, "db", "t", TYPES, METADATA));
        byte[] rows = TestEvents.event(30, rowsBody());
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        TestBytes stream = new TestBytes().bytes(tableMap);
        for (int i = 0; i < events; i++) {
            stream.bytes(rows);
        }
        byte[] bytes = stream.toBytes();
        for (int round = 0; round < 8; round++) {
            run(bytes, events);
        }
    }

    private static void run(byte[] bytes, int events) throws IOException {
        long start = System.nanoTime();
        EventDeserializer deserializer = RawEventDeserializers.create();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        RowDataBuilder builder = null;
        long built = 0;
        long size = 0;
        for (Event event = deserializer.nextEvent(in); event != null; event = deserializer.nextEvent(in)) {
            if (event.getData() instanceof TableMapEventData tableMap) {
                builder = RowDataBuilder.of(new ValueConverter(ConvertOptions.canal()), schema(), tableMap);
            } else if (event.getData() instanceof WriteRowsEventData data) {
                for (Serializable[] row : data.getRows()) {
                    if (!DESERIALIZE_ONLY) {
                        RowData rowData = builder.insert(data.getIncludedColumns(), row);
                        size += rowData.getSerializedSize();
                    }
                    built++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d rows in %.3f s: %.0f rows/s (%d bytes serialized)%n", built, seconds,
            built / seconds, size);
    }

    private static byte[] rowsBody() {
        TestBytes body = TestEvents.rowsV2(TABLE_ID, TYPES.length, TestEvents.allSet(TYPES.length));
        byte[] name = "customer-name-\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] email = "someone@example.com".getBytes(StandardCharsets.UTF_8);
        byte[] text = "a longer text value that is stored in a TEXT column".getBytes(StandardCharsets.UTF_8);
        long ymd = ((2024L * 13 + 2) << 5) | 29;
        long datetime = ((ymd << 17) | (12L << 12) | (34L << 6) | 56) + 0x8000000000L;
        for (int i = 0; i < ROWS_PER_EVENT; i++) {
            body.u8(0, 0).le(i, 4).le(i * 1000L, 8).u8(name.length).bytes(name).u8(email.length).bytes(email)
                .bytes(MysqlDecimal.encode(new BigDecimal("1234.56"), 12, 2)).be(datetime, 5).be(1230, 2)
                .be(1700000000L, 4).u8(200).u8(2).le(text.length, 2).bytes(text);
        }
        return body.toBytes();
    }

    private static TableSchema schema() {
        return new TableSchema("db", "t", List.of(
            column("id", 0, "int", null, true), column("n", 1, "bigint", null, false),
            column("name", 2, "varchar", "UTF-8", false), column("email", 3, "varchar", "UTF-8", false),
            column("amount", 4, "decimal", null, false), column("created", 5, "datetime", null, false),
            column("updated", 6, "timestamp", null, false), column("age", 7, "tinyint", null, false),
            column("status", 8, "enum", "UTF-8", false), column("note", 9, "text", "UTF-8", false)));
    }

    private static ColumnSchema column(String name, int index, String type, String charset, boolean key) {
        return new ColumnSchema(name, index, type, type, type.equals("tinyint"), key, charset, List.of());
    }
}
