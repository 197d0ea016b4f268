package io.collector.server.parser.convert;

import io.collector.server.parser.schema.ColumnTypes;
import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.collector.server.parser.schema.ColumnTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawEventDeserializersTest {

    private static final long TABLE_ID = 70;
    private static final int[] TYPES = {LONG, VARCHAR, NEWDECIMAL, DATETIME2, STRING, TIME2, BLOB, STRING, LONG, JSON};
    private static final byte[] METADATA = TestBytes.of(0x50, 0x00, 10, 2, 3, ENUM, 1, 0, 2, SET, 1, 4);
    private static final TableSchema SCHEMA = new TableSchema("shop", "orders", List.of(
        new ColumnSchema("id", 0, "int", "int(11)", false, true, null, List.of()),
        new ColumnSchema("name", 1, "varchar", "varchar(20)", false, false, "UTF-8", List.of()),
        new ColumnSchema("amount", 2, "decimal", "decimal(10,2)", false, false, null, List.of()),
        new ColumnSchema("created", 3, "datetime", "datetime(3)", false, false, null, List.of()),
        new ColumnSchema("status", 4, "enum", "enum('a','b')", false, false, "UTF-8", List.of("a", "b")),
        new ColumnSchema("t", 5, "time", "time", false, false, null, List.of()),
        new ColumnSchema("note", 6, "text", "text", false, false, "UTF-8", List.of()),
        new ColumnSchema("flags", 7, "set", "set('x','y')", false, false, "UTF-8", List.of("x", "y")),
        new ColumnSchema("u", 8, "int", "int(10) unsigned", true, false, null, List.of()),
        new ColumnSchema("doc", 9, "json", "json", false, false, null, List.of())));

    private final EventDeserializer deserializer = RawEventDeserializers.create();
    private final ValueConverter converter = new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC));

    @Test
    void writeRowsV2CarriesRawValues() throws IOException {
        List<Event> events = read(tableMapEvent(), writeEvent(30));
        WriteRowsEventData data = (WriteRowsEventData) events.get(1).getData();
        Serializable[] row = data.getRows().get(0);

        assertThat(row[0]).isEqualTo(1);
        assertThat(row[1]).isEqualTo("h\u00e9llo".getBytes(StandardCharsets.UTF_8));
        assertThat(row[2]).isEqualTo(new BigDecimal("12.34"));
        assertThat(row[3]).isEqualTo(new RawDateTime(2024, 2, 29, 12, 0, 0, 123000));
        assertThat(row[4]).isEqualTo(2);
        assertThat(row[5]).isEqualTo(new RawTime(true, 25, 0, 0, 0));
        assertThat(row[6]).isNull();
        assertThat(row[7]).isEqualTo(3L);
        assertThat(row[8]).isEqualTo(-1);
        assertThat(row[9]).isEqualTo(JsonBinaryWriter.small(Map.of("a", 1)));
    }

    @Test
    void writeRowsBecomeCanalRowData() throws IOException {
        List<Event> events = read(tableMapEvent(), writeEvent(30));
        TableMapEventData tableMap = (TableMapEventData) events.get(0).getData();
        WriteRowsEventData data = (WriteRowsEventData) events.get(1).getData();
        RowData rowData = RowDataBuilder.of(converter, SCHEMA, tableMap)
            .insert(data.getIncludedColumns(), data.getRows().get(0));

        assertThat(rowData.getAfterColumnsList()).extracting(Column::getValue).containsExactly("1", "h\u00e9llo",
            "12.34", "2024-02-29 12:00:00.123", "2", "-25:00:00", "", "3", "4294967295", "{\"a\": 1}");
        assertThat(rowData.getAfterColumnsList()).extracting(Column::getSqlType)
            .containsExactly(4, 12, 3, 93, 4, 92, 2005, -7, -5, 12);
        assertThat(rowData.getAfterColumns(6).getIsNull()).isTrue();
    }

    @Test
    void mariadbStyleV1UpdateAndDeleteWithMinimalImages() throws IOException {
        byte[] update = TestEvents.updateV1(TABLE_ID, 10, TestBytes.of(0x01, 0x00), TestBytes.of(0x03, 0x00))
            .u8(0x00).le(1, 4)
            .u8(0x00).le(1, 4).u8(3).utf8("bye").toBytes();
        byte[] delete = TestEvents.rowsV1(TABLE_ID, 10, TestBytes.of(0x01, 0x00)).u8(0x00).le(1, 4).toBytes();
        List<Event> events = read(tableMapEvent(), TestEvents.event(24, update), TestEvents.event(25, delete));
        UpdateRowsEventData updated = (UpdateRowsEventData) events.get(1).getData();
        DeleteRowsEventData deleted = (DeleteRowsEventData) events.get(2).getData();

        Map.Entry<Serializable[], Serializable[]> pair = updated.getRows().get(0);
        assertThat(pair.getKey()).containsExactly(1);
        assertThat(pair.getValue()).containsExactly(1, "bye".getBytes(StandardCharsets.UTF_8));
        assertThat(deleted.getRows().get(0)).containsExactly(1);
    }

    @Test
    void rowsInsideCompressedTransactionPayloadAreRaw() throws IOException {
        byte[] inner = concat(tableMapEvent(), writeEvent(30));
        byte[] compressed = Zstd.compress(inner);
        TestBytes body = new TestBytes();
        field(body, 1, compressed.length);
        field(body, 2, 0);
        field(body, 3, inner.length);
        body.u8(0).bytes(compressed);
        List<Event> events = read(TestEvents.event(40, body.toBytes()));
        TransactionPayloadEventData payload = (TransactionPayloadEventData) events.get(0).getData();

        assertThat(payload.getUncompressedEvents()).hasSize(2);
        WriteRowsEventData data = (WriteRowsEventData) payload.getUncompressedEvents().get(1).getData();
        assertThat(data.getRows().get(0)[5]).isEqualTo(new RawTime(true, 25, 0, 0, 0));
    }

    @Test
    void tableMapsOfThePayloadServeLaterRowsEvents() throws IOException {
        byte[] inner = tableMapEvent();
        TestBytes body = new TestBytes();
        field(body, 1, inner.length);
        field(body, 2, 255);
        body.u8(0).bytes(inner);
        List<Event> events = read(TestEvents.event(40, body.toBytes()), writeEvent(30));

        assertThat(((WriteRowsEventData) events.get(1).getData()).getRows().get(0)[0]).isEqualTo(1);
    }

    @Test
    void rowsWithoutTableMapFail() {
        assertThatThrownBy(() -> read(writeEvent(30))).isInstanceOf(EventDataDeserializationException.class)
            .hasRootCauseMessage("No TABLE_MAP event seen for table id 70; reading probably started inside an "
                + "event group");
    }

    private static void field(TestBytes body, int type, long value) {
        byte[] packed = new TestBytes().packed(value).toBytes();
        body.packed(type).packed(packed.length).bytes(packed);
    }

    private static byte[] tableMapEvent() {
        return TestEvents.event(19, TestEvents.tableMap(TABLE_ID, "shop", "orders", TYPES, METADATA));
    }

    private static byte[] writeEvent(int eventType) {
        byte[] name = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
        byte[] json = JsonBinaryWriter.small(Map.of("a", 1));
        long ymd = ((2024L * 13 + 2) << 5) | 29;
        long datetime = ((ymd << 17) | (12L << 12)) + 0x8000000000L;
        TestBytes body = TestEvents.rowsV2(TABLE_ID, 10, TestEvents.allSet(10))
            .u8(0x40, 0x00)
            .le(1, 4)
            .u8(name.length).bytes(name)
            .bytes(MysqlDecimal.encode(new BigDecimal("12.34"), 10, 2))
            .be(datetime, 5).be(1230, 2)
            .u8(2)
            .bytes(MysqlTime2.encode(-(25L << 12 << 24), 0))
            .u8(3)
            .le(-1, 4)
            .le(json.length, 4).bytes(json);
        return TestEvents.event(eventType, body.toBytes());
    }

    private List<Event> read(byte[]... events) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(events));
        List<Event> result = new java.util.ArrayList<>();
        for (Event event = deserializer.nextEvent(in); event != null; event = deserializer.nextEvent(in)) {
            result.add(event);
        }
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        TestBytes out = new TestBytes();
        for (byte[] part : parts) {
            out.bytes(part);
        }
        return out.toBytes();
    }
}
