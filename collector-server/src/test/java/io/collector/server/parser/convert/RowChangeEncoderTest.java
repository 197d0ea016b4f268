package io.collector.server.parser.convert;

import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.parser.schema.TableSchema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.collector.server.parser.schema.ColumnTypes.DOUBLE;
import static io.collector.server.parser.schema.ColumnTypes.LONG;
import static io.collector.server.parser.schema.ColumnTypes.LONGLONG;
import static io.collector.server.parser.schema.ColumnTypes.NEWDECIMAL;
import static io.collector.server.parser.schema.ColumnTypes.TINY;
import static io.collector.server.parser.schema.ColumnTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

/** The encoder's bytes against the entry built from Column / RowData / RowChange objects and serialized. */
class RowChangeEncoderTest {

    private static final TableSchema TABLE = new TableSchema("db", "t", List.of(
        new ColumnSchema("id", 0, "bigint", "bigint(20) unsigned", true, true, null, List.of()),
        new ColumnSchema("name", 1, "varchar", "varchar(64)", false, false, "UTF-8", List.of()),
        new ColumnSchema("code", 2, "varbinary", "varbinary(16)", false, false, null, List.of()),
        new ColumnSchema("age", 3, "tinyint", "tinyint(3)", false, false, null, List.of()),
        new ColumnSchema("amount", 4, "decimal", "decimal(10,2)", false, false, null, List.of()),
        new ColumnSchema("weight", 5, "double", "double", false, false, null, List.of()),
        new ColumnSchema("n", 6, "int", "int(11)", false, false, null, List.of())));
    private static final byte[] TYPES = {LONGLONG, VARCHAR, VARCHAR, TINY, (byte) NEWDECIMAL, DOUBLE, LONG};
    private static final int[] META = {0, 256, 16, 0, (10 << 8) | 2, 8, 0};

    private final RowDataBuilder builder = new RowDataBuilder(
        new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC)), TABLE, TYPES, META);
    private final RowChangeEncoder encoder = new RowChangeEncoder();

    @Test
    void insertsEncodeAsTheObjectsSerialize() {
        List<Serializable[]> rows = List.of(
            row(-1L, "ann", new byte[] {1, (byte) 0xFF}, -5, new BigDecimal("12.5"), 0.5, Integer.MIN_VALUE),
            row(7L, "日本語 😀 éà", new byte[0], null, null, null, null),
            row(1L << 40, "x".repeat(300), "binary".getBytes(StandardCharsets.ISO_8859_1), 127,
                new BigDecimal("-99999999.99"), -1e300, 42));
        List<RowData> expected = new ArrayList<>();
        encoder.begin(builder);
        for (Serializable[] r : rows) {
            expected.add(builder.insert(all(), r));
            builder.insert(all(), r, encoder);
        }

        assertSameBytes(EventType.INSERT, expected);
    }

    @Test
    void deletesEncodeAsTheObjectsSerialize() {
        Serializable[] r = row(3L, "bob", new byte[] {9}, 1, new BigDecimal("1.00"), 2.25, -7);
        encoder.begin(builder);
        builder.delete(all(), r, encoder);

        assertSameBytes(EventType.DELETE, List.of(builder.delete(all(), r)));
    }

    @Test
    void updatesWithFullAndMinimalImagesEncodeAsTheObjectsSerialize() {
        Serializable[] before = row(3L, "bob", new byte[] {9}, 1, new BigDecimal("1.00"), null, -7);
        Serializable[] after = row(3L, "bobby", new byte[] {9}, null, new BigDecimal("1.00"), 3.0, -7);
        BitSet keyOnly = bits(0);
        BitSet some = bits(0, 3, 6);
        encoder.begin(builder);
        builder.update(all(), before, all(), after, encoder);
        builder.update(keyOnly, row(3L), some, row(3L, 4, 8), encoder);

        assertSameBytes(EventType.UPDATE, List.of(builder.update(all(), before, all(), after),
            builder.update(keyOnly, row(3L), some, row(3L, 4, 8))));
    }

    /** One column per case of {@link ValueConverterTest#cases()}: every column type, NULLs included. */
    @Test
    void everyColumnTypeEncodesAsTheObjectsSerialize() {
        List<ValueConverterTest.Case> cases = ValueConverterTest.cases()
            .map(a -> (ValueConverterTest.Case) a.get()[1]).toList();
        List<ColumnSchema> columns = new ArrayList<>();
        byte[] types = new byte[cases.size()];
        int[] meta = new int[cases.size()];
        Serializable[] values = new Serializable[cases.size()];
        Serializable[] nullsInEveryOther = new Serializable[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            ValueConverterTest.Case c = cases.get(i);
            ColumnSchema s = c.column();
            columns.add(new ColumnSchema("c" + i, i, s.dataType(), s.columnType(), s.unsigned(), i == 0, s.charset(),
                s.labels()));
            types[i] = (byte) c.type();
            meta[i] = c.meta();
            values[i] = c.raw();
            nullsInEveryOther[i] = i % 2 == 0 ? null : c.raw();
        }
        RowDataBuilder wide = new RowDataBuilder(new ValueConverter(new ConvertOptions(false, false, ZoneOffset.UTC)),
            new TableSchema("db", "wide", columns), types, meta);
        BitSet all = new BitSet();
        all.set(0, cases.size());

        encoder.begin(wide);
        wide.insert(all, values, encoder);
        wide.insert(all, nullsInEveryOther, encoder);
        assertSameBytes(EventType.INSERT, List.of(wide.insert(all, values), wide.insert(all, nullsInEveryOther)));
        encoder.begin(wide);
        wide.delete(all, values, encoder);
        assertSameBytes(EventType.DELETE, List.of(wide.delete(all, values)));
        encoder.begin(wide);
        wide.update(all, values, all, values, encoder);
        wide.update(all, values, all, nullsInEveryOther, encoder);
        wide.update(all, nullsInEveryOther, all, values, encoder);
        assertSameBytes(EventType.UPDATE, List.of(wide.update(all, values, all, values),
            wide.update(all, values, all, nullsInEveryOther), wide.update(all, nullsInEveryOther, all, values)));
    }

    @Test
    void updatedMarksOnlyChangedColumnsWhateverTheImagesHold() {
        BitSet odd = bits(1, 3, 5);
        BitSet low = bits(0, 1, 2, 3);
        Serializable[] before = row(3L, "bob", new byte[] {9}, 1, new BigDecimal("1.00"), 0.5, -7);
        Serializable[] same = row(3L, "bob", new byte[] {9}, 1, new BigDecimal("1.00"), 0.5, -7);
        Serializable[] other = row(4L, "bób", new byte[] {8}, null, new BigDecimal("1.01"), 0.25, -7);
        encoder.begin(builder);
        builder.update(all(), before, all(), same, encoder);
        builder.update(all(), before, all(), other, encoder);
        builder.update(odd, row("bob", 1, 0.5), low, row(3L, "bob", new byte[] {9}, 2), encoder);
        builder.update(low, row(3L, "bob", new byte[] {9}, 1), odd, row("bob", null, 0.5), encoder);

        List<RowData> expected = List.of(builder.update(all(), before, all(), same),
            builder.update(all(), before, all(), other),
            builder.update(odd, row("bob", 1, 0.5), low, row(3L, "bob", new byte[] {9}, 2)),
            builder.update(low, row(3L, "bob", new byte[] {9}, 1), odd, row("bob", null, 0.5)));
        assertThat(expected.get(0).getAfterColumnsList()).noneMatch(c -> c.getUpdated());
        assertThat(expected.get(1).getAfterColumnsList()).filteredOn(c -> c.getUpdated()).hasSize(6);
        assertSameBytes(EventType.UPDATE, expected);
    }

    @Test
    void textBufferGrownForAHugeEventIsNotKept() {
        encoder.begin(builder);
        String big = "x".repeat(RowChangeEncoder.KEPT_TEXT);
        builder.insert(all(), row(1L, big, new byte[] {1}, 1, BigDecimal.ONE, 1.0, 1), encoder);
        encoder.finish(header(1), 9, EventType.INSERT);
        assertThat(encoder.textCapacity()).isGreaterThan(RowChangeEncoder.KEPT_TEXT);

        encoder.begin(builder);
        builder.insert(all(), row(2L, "a", new byte[] {2}, 3, BigDecimal.TEN, 4.0, 5), encoder);

        assertThat(encoder.textCapacity()).isEqualTo(RowChangeEncoder.INITIAL_TEXT);
        assertSameBytes(EventType.INSERT, List.of(builder.insert(all(), row(2L, "a", new byte[] {2}, 3,
            BigDecimal.TEN, 4.0, 5))));
    }

    @Test
    void noRowsAndReuseAfterALargerEvent() {
        encoder.begin(builder);
        for (int i = 0; i < 500; i++) {
            builder.insert(all(), row((long) i, "r" + i, new byte[] {1}, 1, BigDecimal.ONE, 1.0, i), encoder);
        }
        encoder.finish(header(500), 9, EventType.INSERT);
        encoder.begin(builder);

        assertSameBytes(EventType.INSERT, List.of());
    }

    @Test
    void arraysGrownForAHugeEventAreNotKept() {
        encoder.begin(builder);
        int rows = RowChangeEncoder.KEPT_CELLS / TABLE.columns().size() + 1;
        for (int i = 0; i < rows; i++) {
            builder.insert(all(), row((long) i, "r", new byte[] {1}, 1, BigDecimal.ONE, 1.0, i), encoder);
        }
        encoder.finish(header(rows), 9, EventType.INSERT);
        assertThat(encoder.capacity()).isGreaterThan(RowChangeEncoder.KEPT_CELLS);

        encoder.begin(builder);
        builder.insert(all(), row(1L, "a", new byte[] {2}, 3, BigDecimal.TEN, 4.0, 5), encoder);

        assertThat(encoder.capacity()).isEqualTo(RowChangeEncoder.INITIAL_CELLS);
        assertSameBytes(EventType.INSERT, List.of(builder.insert(all(), row(1L, "a", new byte[] {2}, 3,
            BigDecimal.TEN, 4.0, 5))));
    }

    @Test
    void storeValueIsTheRowChangeInsideTheEntry() throws Exception {
        Serializable[] r = row(1L, "a", new byte[] {2}, 3, BigDecimal.TEN, 4.0, 5);
        encoder.begin(builder);
        builder.insert(all(), r, encoder);
        RowChangeEncoder.Encoded encoded = encoder.finish(header(1), 77, EventType.INSERT);

        Entry parsed = Entry.parseFrom(encoded.bytes());
        assertThat(encoded.storeValue()).isEqualTo(parsed.getStoreValue());
        assertThat(RowChange.parseFrom(encoded.storeValue()).getRowDatas(0)).isEqualTo(builder.insert(all(), r));
        assertThat(encoded.shell()).isEqualTo(parsed.toBuilder().clearStoreValue().build());
    }

    private void assertSameBytes(EventType type, List<RowData> expectedRows) {
        Header header = header(expectedRows.size());
        RowChange change = RowChange.newBuilder().setTableId(123_456_789L).setEventType(type).setIsDdl(false)
            .addAllRowDatas(expectedRows).build();
        Entry expected = Entry.newBuilder().setHeader(header).setEntryType(EntryType.ROWDATA)
            .setStoreValue(change.toByteString()).build();

        RowChangeEncoder.Encoded encoded = encoder.finish(header, 123_456_789L, type);

        assertThat(encoded.bytes()).isEqualTo(expected.toByteArray());
        assertThat(encoded.valueLength()).isEqualTo(change.getSerializedSize());
    }

    private static Header header(int rows) {
        return Header.newBuilder().setVersion(1).setLogfileName("mysql-bin.000001").setLogfileOffset(4)
            .setSchemaName("db").setTableName("t").setEventType(EventType.INSERT)
            .addProps(Pair.newBuilder().setKey("rowsCount").setValue(Integer.toString(rows)))
            .addProps(Pair.newBuilder().setKey("globalId").setValue("42")).build();
    }

    private static Serializable[] row(Object... values) {
        Serializable[] row = new Serializable[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = values[i] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (Serializable) values[i];
        }
        return row;
    }

    private static BitSet all() {
        BitSet bits = new BitSet();
        bits.set(0, TABLE.columns().size());
        return bits;
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int index : indexes) {
            bits.set(index);
        }
        return bits;
    }
}
