package io.collector.server.parser.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Checksums, MariaDB compressed events, MySQL transaction payloads and type numbers, from event bytes. */
class SourceEventDeserializerTest {

    private static final long TABLE_ID = 70;
    private static final int[] TYPES = {3, 15};
    /** VARCHAR(1000): values carry a 2-byte length. */
    private static final byte[] METADATA = {(byte) 0xe8, 0x03};

    private final EventDeserializer deserializer = RawEventDeserializers.create();

    /**
     * The body of a TRANSACTION_PAYLOAD event written by MySQL 8.0 (zstd; BEGIN, TABLE_MAP demo.movies, one
     * EXT_UPDATE_ROWS, XID 31), the fixture of mysql-binlog-connector-java's own payload test.
     */
    private static byte[] mysqlPayloadBody() throws IOException {
        try (InputStream in = SourceEventDeserializerTest.class.getResourceAsStream(
                "/binlog/mysql-transaction-payload-body.hex")) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        }
    }

    @Test
    void realMysqlTransactionPayloadGivesItsInnerEventsWithRawValues() throws IOException {
        List<Event> events = read(TestEvents.event(40, mysqlPayloadBody()));
        TransactionPayloadEventData payload = events.get(0).getData();
        List<Event> inner = payload.getUncompressedEvents();

        assertThat(inner).extracting(e -> e.getHeader().getEventType()).containsExactly(EventType.QUERY,
                EventType.TABLE_MAP, EventType.EXT_UPDATE_ROWS, EventType.XID);
        assertThat(inner).allSatisfy(e -> assertThat((Object) e.getHeader()).isInstanceOf(SourceEventHeader.class));
        assertThat(((QueryEventData) inner.get(0).getData()).getSql()).isEqualTo("BEGIN");
        TableMapEventData map = inner.get(1).getData();
        assertThat(map.getDatabase() + "." + map.getTable()).isEqualTo("demo.movies");
        Map.Entry<Serializable[], Serializable[]> row = ((UpdateRowsEventData) inner.get(2).getData()).getRows().get(0);
        assertThat(row.getKey()[0]).isEqualTo(1);
        assertThat(row.getKey()[1]).isEqualTo("Once Upon a Time in the West".getBytes(StandardCharsets.UTF_8));
        assertThat(new String((byte[]) row.getValue()[4], StandardCharsets.UTF_8)).isEqualTo("Western|Action");
        assertThat(((XidEventData) inner.get(3).getData()).getXid()).isEqualTo(31);
    }

    @Test
    void goodChecksumsPassAndABadOneNamesTheEventWhileTheStreamStaysAligned() throws IOException {
        deserializer.setChecksumType(ChecksumType.CRC32);
        byte[] good = withCrc(xidEvent(1));
        byte[] bad = withCrc(xidEvent(2));
        bad[20] ^= 0x01;
        ByteArrayInputStream in = new ByteArrayInputStream(concat(good, bad, good));

        assertThat(((XidEventData) deserializer.nextEvent(in).getData()).getXid()).isEqualTo(1);
        assertThatThrownBy(() -> deserializer.nextEvent(in)).isInstanceOf(EventDataDeserializationException.class)
                .hasCauseInstanceOf(BinlogChecksumException.class)
                .hasMessageContaining("eventType=XID").cause().hasMessageContaining("CRC32 checksum mismatch");
        assertThat(((XidEventData) deserializer.nextEvent(in).getData()).getXid()).isEqualTo(1);
    }

    @Test
    void withoutChecksumsNothingIsVerified() throws IOException {
        byte[] event = xidEvent(5);
        assertThat(((XidEventData) read(event).get(0).getData()).getXid()).isEqualTo(5);
    }

    @Test
    void mariadbCompressedQueryIsAPlainQueryWithItsOwnTypeAndLength() throws IOException {
        deserializer.setChecksumType(ChecksumType.CRC32);
        String sql = "INSERT INTO t VALUES ('" + "x".repeat(400) + "')";
        byte[] compressed = withCrc(TestEvents.event(165, queryBody("shop", compress(sql.getBytes(StandardCharsets.UTF_8)))));

        Event event = read(compressed).get(0);
        SourceEventHeader header = (SourceEventHeader) event.getHeader();
        assertThat(header.getEventType()).isEqualTo(EventType.QUERY);
        assertThat(header.typeCode()).isEqualTo(165);
        assertThat(header.mariadbCompressed()).isTrue();
        assertThat(header.getEventLength()).isEqualTo(compressed.length);
        QueryEventData query = event.getData();
        assertThat(query.getSql()).isEqualTo(sql);
        assertThat(query.getDatabase()).isEqualTo("shop");
    }

    @Test
    void mariadbCompressedRowsDecodeLikeThePlainOnes() throws IOException {
        byte[] rows = rowImage(1, "a".repeat(300));
        byte[] plain = TestEvents.event(23, TestEvents.rowsV1(TABLE_ID, 2, TestEvents.allSet(2)).bytes(rows).toBytes());
        byte[] packed = TestEvents.event(166, TestEvents.rowsV1(TABLE_ID, 2, TestEvents.allSet(2))
                .bytes(compress(rows)).toBytes());

        List<Event> events = read(tableMapEvent(), plain, packed);
        WriteRowsEventData expected = events.get(1).getData();
        WriteRowsEventData actual = events.get(2).getData();
        assertThat(events.get(2).getHeader().getEventType()).isEqualTo(EventType.WRITE_ROWS);
        assertThat(actual.getRows().get(0)).isEqualTo(expected.getRows().get(0));
        assertThat(actual.getIncludedColumns()).isEqualTo(expected.getIncludedColumns());
    }

    @Test
    void corruptCompressedDataIsADecodeErrorWithTheHeader() {
        byte[] body = TestEvents.rowsV1(TABLE_ID, 2, TestEvents.allSet(2)).u8(0x81, 10, 1, 2, 3).toBytes();
        assertThatThrownBy(() -> read(tableMapEvent(), TestEvents.event(166, body)))
                .isInstanceOf(EventDataDeserializationException.class).hasMessageContaining("typeCode=166")
                .hasRootCauseInstanceOf(java.util.zip.DataFormatException.class);
    }

    @Test
    void anUnknownTypeKeepsItsNumber() throws IOException {
        Event event = read(TestEvents.event(200, new byte[] {1, 2, 3})).get(0);
        assertThat(event.getHeader().getEventType()).isEqualTo(EventType.UNKNOWN);
        assertThat(((SourceEventHeader) event.getHeader()).typeCode()).isEqualTo(200);
        assertThat(SourceEventHeader.describeType(event.getHeader())).isEqualTo("UNKNOWN (type 200)");
    }

    private static byte[] xidEvent(long xid) {
        return TestEvents.event(16, new TestBytes().le(xid, 8).toBytes());
    }

    private static byte[] tableMapEvent() {
        return TestEvents.event(19, TestEvents.tableMap(TABLE_ID, "shop", "t", TYPES, METADATA));
    }

    /** One row of (INT, VARCHAR(255)): null bitmap, then the values. */
    private static byte[] rowImage(int id, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new TestBytes().u8(0).le(id, 4).le(bytes.length, 2).bytes(bytes).toBytes();
    }

    /** A QUERY body whose statement text is already encoded (plain or compressed). */
    private static byte[] queryBody(String db, byte[] text) {
        byte[] name = db.getBytes(StandardCharsets.UTF_8);
        return new TestBytes().le(7, 4).le(0, 4).u8(name.length).le(0, 2).le(0, 2).bytes(name).u8(0).bytes(text)
                .toBytes();
    }

    /** MariaDB's compressed block: marker with the length's byte count, big-endian length, zlib data. */
    private static byte[] compress(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[data.length + 64];
        int n = deflater.deflate(buffer);
        deflater.end();
        return new TestBytes().u8(0x82).be(data.length, 2).bytes(java.util.Arrays.copyOf(buffer, n)).toBytes();
    }

    /** The event with its length grown by 4 and a CRC32 appended. */
    private static byte[] withCrc(byte[] event) {
        byte[] out = java.util.Arrays.copyOf(event, event.length + 4);
        long length = out.length;
        for (int i = 0; i < 4; i++) {
            out[9 + i] = (byte) (length >>> (8 * i));
        }
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 4);
        for (int i = 0; i < 4; i++) {
            out[out.length - 4 + i] = (byte) (crc.getValue() >>> (8 * i));
        }
        return out;
    }

    private List<Event> read(byte[]... events) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(concat(events));
        List<Event> result = new ArrayList<>();
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
