package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.collector.server.parser.schema.ColumnTypes.DATETIME2;
import static io.collector.server.parser.schema.ColumnTypes.DOUBLE;
import static io.collector.server.parser.schema.ColumnTypes.LONG;
import static io.collector.server.parser.schema.ColumnTypes.LONGLONG;
import static io.collector.server.parser.schema.ColumnTypes.NEWDECIMAL;
import static io.collector.server.parser.schema.ColumnTypes.VARCHAR;

/**
 * Single-thread CPU time of the TCP path's two parser stages on the rows of the end-to-end benchmark
 * ({@code bench.orders}: BIGINT key, INT, VARCHAR(32), DECIMAL(10,2), DATETIME, DOUBLE; 1000-row WRITE_ROWS
 * events): raw deserialization (the binlog client's thread), then value conversion and encoding into entry
 * bytes ({@link RowChangeEncoder}, the conversion thread). Prints the thread's CPU time per 1000 rows of each
 * stage, round by round. Run by hand, not a unit test:
 * {@code java -cp <test classes, classes, dependencies> io.collector.server.parser.convert.ConvertBenchmark
 * [events per round, default 200] [rounds, default 12]}.
 */
public final class ConvertBenchmark {

    private static final long TABLE_ID = 5;
    private static final int ROWS_PER_EVENT = 1000;
    private static final int[] TYPES = {LONGLONG, LONG, VARCHAR, NEWDECIMAL, DATETIME2, DOUBLE};
    private static final byte[] METADATA = TestBytes.of(128, 0, 10, 2, 0, 8);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConvertBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        TestBytes stream = new TestBytes().bytes(TestEvents.event(19,
            TestEvents.tableMap(TABLE_ID, "bench", "orders", TYPES, METADATA)));
        for (int i = 0; i < events; i++) {
            stream.bytes(TestEvents.event(30, rowsBody(i * ROWS_PER_EVENT)));
        }
        byte[] bytes = stream.toBytes();
        for (int round = 1; round <= rounds; round++) {
            run(round, bytes);
        }
    }

    private static void run(int round, byte[] bytes) throws IOException {
        long start = THREADS.getCurrentThreadCpuTime();
        List<Event> decoded = decode(bytes);
        long decodedAt = THREADS.getCurrentThreadCpuTime();
        long rows = 0;
        long size = 0;
        RowDataBuilder builder = null;
        RowChangeEncoder encoder = new RowChangeEncoder();
        Header header = Header.newBuilder().setSchemaName("bench").setTableName("orders").build();
        for (Event event : decoded) {
            if (event.getData() instanceof TableMapEventData map) {
                builder = RowDataBuilder.of(new ValueConverter(ConvertOptions.canal()), schema(), map);
            } else if (event.getData() instanceof WriteRowsEventData data) {
                encoder.begin(builder);
                for (Serializable[] row : data.getRows()) {
                    builder.insert(data.getIncludedColumns(), row, encoder);
                }
                rows += data.getRows().size();
                size += encoder.finish(header, TABLE_ID, EventType.INSERT).bytes().length;
            }
        }
        long end = THREADS.getCurrentThreadCpuTime();
        System.out.printf("round %d: %d rows (%d bytes encoded); CPU per 1000 rows: deserialize %.3f ms, "
            + "convert and encode %.3f ms%n", round, rows, size, (decodedAt - start) / 1e6 / (rows / 1000.0),
            (end - decodedAt) / 1e6 / (rows / 1000.0));
    }

    private static List<Event> decode(byte[] bytes) throws IOException {
        EventDeserializer deserializer = RawEventDeserializers.create();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        List<Event> events = new ArrayList<>();
        for (Event event = deserializer.nextEvent(in); event != null; event = deserializer.nextEvent(in)) {
            events.add(event);
        }
        return events;
    }

    /** The rows {@code ParserCatchUpBenchmark} writes: seq, seq % 1000, status, seq / 100, a datetime, seq * 0.5. */
    private static byte[] rowsBody(int first) {
        TestBytes body = TestEvents.rowsV2(TABLE_ID, TYPES.length, TestEvents.allSet(TYPES.length));
        byte[] shipped = "shipped".getBytes(StandardCharsets.UTF_8);
        byte[] fresh = "new".getBytes(StandardCharsets.UTF_8);
        for (int seq = first + 1; seq <= first + ROWS_PER_EVENT; seq++) {
            byte[] status = seq % 3 == 0 ? shipped : fresh;
            long ymd = ((2024L * 13 + 1) << 5) | (1 + seq / 86400 % 28);
            int second = seq % 86400;
            long datetime = ((ymd << 17) | ((long) second / 3600 << 12) | ((long) second / 60 % 60 << 6)
                | second % 60) + 0x8000000000L;
            body.u8(0).le(seq, 8).le(seq % 1000, 4).u8(status.length).bytes(status)
                .bytes(MysqlDecimal.encode(BigDecimal.valueOf(seq).divide(BigDecimal.valueOf(100)).setScale(2), 10, 2))
                .be(datetime, 5).le(Double.doubleToLongBits(seq * 0.5), 8);
        }
        return body.toBytes();
    }

    private static TableSchema schema() {
        return new TableSchema("bench", "orders", List.of(
            column("id", 0, "bigint", null, true), column("customer", 1, "int", null, false),
            column("status", 2, "varchar", "UTF-8", false), column("amount", 3, "decimal", null, false),
            column("created", 4, "datetime", null, false), column("weight", 5, "double", null, false)));
    }

    private static ColumnSchema column(String name, int index, String type, String charset, boolean key) {
        return new ColumnSchema(name, index, type, type, false, key, charset, List.of());
    }
}
