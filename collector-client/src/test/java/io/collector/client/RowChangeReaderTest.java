package io.collector.client;

import static io.collector.client.testing.TestEntries.column;
import static io.collector.client.testing.TestEntries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ChangeRows} reads row changes from their bytes ({@link RowChangeReader}): checked here against what the
 * generated protobuf classes parse from the same bytes, row by row and field by field.
 */
class RowChangeReaderTest {

    @Test
    void randomRowChangesReadAsTheGeneratedParserReadsThem() {
        Random random = new Random(17);
        for (int n = 0; n < 300; n++) {
            EventType type = List.of(EventType.INSERT, EventType.UPDATE, EventType.DELETE).get(random.nextInt(3));
            List<RowData> rows = new ArrayList<>();
            int columns = 1 + random.nextInt(40);
            for (int r = random.nextInt(5); r >= 0; r--) {
                rows.add(randomRow(random, type, columns));
            }
            Entry entry = TestEntries.rows("t" + n, type, n, rows);
            assertSameRows(entry);
        }
    }

    @Test
    void rowsWithOtherColumnsThanThePreviousRowKeepTheirOwnNamesAndKeys() {
        Entry entry = TestEntries.rows("orders", EventType.UPDATE, 1, List.of(
                row(List.of(column(0, "id", "1", true, false)),
                        List.of(column(0, "id", "1", true, false), column(1, "a", "x", false, true))),
                row(List.of(column(0, "id", "2", true, false)),
                        List.of(column(0, "id", "2", false, false), column(1, "b", null, false, true))),
                row(List.of(column(0, "id", "3", true, false)),
                        List.of(column(0, "id", "3", true, false), column(1, "a", "y", false, false)))));
        List<ChangeRow> rows = assertSameRows(entry);
        assertThat(rows.get(1).after().keySet()).containsExactly("id", "b");
        assertThat(rows.get(1).after()).containsEntry("id", "2").containsEntry("b", null);
        assertThat(rows.get(1).primaryKeys()).isEmpty();
        assertThat(rows.get(2).updatedColumns()).containsExactly("a");
    }

    @Test
    void mapsAreUnmodifiableAndEqualToOrderedMaps() {
        ChangeRow row = ChangeRows.of(TestEntries.insert(1, "7", "new")).get(0);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "7");
        expected.put("status", "new");
        assertThat(row.after()).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(row.after().toString()).isEqualTo(expected.toString());
        assertThat(row.after().get("nothing")).isNull();
        assertThat(row.after().containsKey("nothing")).isFalse();
        assertThat(row.after().containsValue("new")).isTrue();
        assertThatThrownBy(() -> row.after().put("id", "8")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.after().entrySet().iterator().next().setValue("8"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> row.after().keySet().remove("id")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void repeatedUnknownAndMistypedFieldsAreReadAsTheGeneratedParserReadsThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeEnum(2, EventType.DELETE_VALUE);
        out.writeEnum(2, 999); // unknown number: the field keeps DELETE
        out.writeString(99, "unknown field");
        out.writeFixed64(10, 1); // isDdl with the wrong wire type: skipped
        Column id = column(0, "id", "5", true, false);
        Column twice = id.toBuilder().mergeFrom(Column.newBuilder().setValue("6").build()).build();
        out.writeMessage(12, RowData.newBuilder().addBeforeColumns(twice)
                .addProps(Pair.newBuilder().setKey("k").setValue("v")).build());
        out.writeString(14, "first");
        out.writeString(14, "shop");
        out.flush();
        Entry entry = TestEntries.rows("orders", EventType.DELETE, 3, List.of()).toBuilder()
                .setStoreValue(ByteString.copyFrom(bytes.toByteArray())).build();
        List<ChangeRow> rows = assertSameRows(entry);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).eventType()).isEqualTo(EventType.DELETE);
        assertThat(rows.get(0).before()).containsExactly(Map.entry("id", "6"));
    }

    @Test
    void unknownGroupsAreSkippedAsTheGeneratedParserSkipsThem() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeTag(99, com.google.protobuf.WireFormat.WIRETYPE_START_GROUP);
        out.writeString(1, "inside a group");
        out.writeTag(98, com.google.protobuf.WireFormat.WIRETYPE_START_GROUP);
        out.writeTag(98, com.google.protobuf.WireFormat.WIRETYPE_END_GROUP);
        out.writeTag(99, com.google.protobuf.WireFormat.WIRETYPE_END_GROUP);
        out.writeEnum(2, EventType.INSERT_VALUE);
        out.writeMessage(12, RowData.newBuilder().addAfterColumns(column(0, "id", "1", true, false)).build());
        out.flush();
        Entry entry = TestEntries.rows("orders", EventType.INSERT, 3, List.of()).toBuilder()
                .setStoreValue(ByteString.copyFrom(bytes.toByteArray())).build();
        assertThat(assertSameRows(entry)).hasSize(1);
    }

    @Test
    void malformedBytesFailAsTheGeneratedParserFails() {
        List<byte[]> malformed = List.of(
                new byte[] {0x00},                                  // tag zero
                new byte[] {0x08},                                  // a varint cut short
                new byte[] {0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}, // a varint of 11 bytes
                new byte[] {0x0c},                                  // a group end without its start
                new byte[] {0x0b, 0x08, 0x01},                      // a group without its end
                new byte[] {0x0f},                                  // wire type 7
                new byte[] {0x62, 0x05, 0x01},                      // a row longer than the bytes
                new byte[] {0x62, 0x02, 0x12, 0x05});               // a column longer than its row
        for (byte[] bytes : malformed) {
            Entry entry = TestEntries.rows("orders", EventType.INSERT, 1, List.of()).toBuilder()
                    .setStoreValue(ByteString.copyFrom(bytes)).build();
            assertThatThrownBy(() -> RowChange.parseFrom(bytes)).as("generated parser on %s", Arrays.toString(bytes))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ChangeRows.of(entry)).as("ChangeRows on %s", Arrays.toString(bytes))
                    .isInstanceOf(CollectorProtocolException.class).hasMessageContaining("(shop.orders)");
        }
    }

    @Test
    void aColumnCutShortIsAClearError() {
        byte[] row = RowData.newBuilder().addAfterColumns(column(0, "id", "1", true, false)).build().toByteArray();
        byte[] change = RowChange.newBuilder().addRowDatas(RowData.getDefaultInstance()).build().toByteArray();
        // the row's bytes announce one column longer than the row holds
        row[1] = (byte) (row[1] + 1);
        ByteString store = ByteString.copyFrom(change).concat(ByteString.copyFrom(new byte[] {0x62,
                (byte) row.length})).concat(ByteString.copyFrom(row));
        Entry entry = TestEntries.rows("orders", EventType.INSERT, 1, List.of()).toBuilder().setStoreValue(store)
                .build();
        assertThatThrownBy(() -> ChangeRows.of(entry)).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("mysql-bin.000003:4711 (shop.orders)");
    }

    private static RowData randomRow(Random random, EventType type, int columns) {
        RowData.Builder row = RowData.newBuilder();
        for (int c = 0; c < columns; c++) {
            String name = c == 0 ? "id" : "c" + c + (random.nextInt(10) == 0 ? "é" : "");
            boolean key = c == 0 || random.nextInt(20) == 0;
            String before = random.nextInt(8) == 0 ? null : "v" + random.nextInt(3) + "\u00e4\u4e2d";
            String after = random.nextInt(4) == 0 ? before : random.nextInt(8) == 0 ? null : "w" + random.nextInt(99);
            boolean flagged = random.nextBoolean() && !Objects.equals(before, after);
            if (type != EventType.INSERT) {
                row.addBeforeColumns(column(c, name, before, key, false));
            }
            if (type != EventType.DELETE) {
                row.addAfterColumns(column(c, name, after, key, flagged));
            }
        }
        return row.build();
    }

    /** Checks every row's fields against the generated parser's reading; returns the rows. */
    private static List<ChangeRow> assertSameRows(Entry entry) {
        List<ChangeRow> rows = ChangeRows.of(entry);
        RowChange change;
        try {
            change = RowChange.parseFrom(entry.getStoreValue());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EventType type = change.hasEventType() ? change.getEventType() : entry.getHeader().getEventType();
        assertThat(rows).hasSize(change.getRowDatasCount());
        for (int i = 0; i < rows.size(); i++) {
            RowData data = change.getRowDatas(i);
            ChangeRow row = rows.get(i);
            assertThat(row.eventType()).isEqualTo(type);
            assertThat(row.before()).containsExactlyEntriesOf(values(data.getBeforeColumnsList()));
            assertThat(row.after()).containsExactlyEntriesOf(values(data.getAfterColumnsList()));
            List<Column> image = data.getAfterColumnsCount() > 0 ? data.getAfterColumnsList()
                    : data.getBeforeColumnsList();
            assertThat(row.primaryKeys()).isEqualTo(image.stream().filter(Column::getIsKey).map(Column::getName)
                    .toList());
            assertThat(row.updatedColumns()).containsExactlyElementsOf(type == EventType.UPDATE
                    ? updated(data, row.before(), row.after()) : Set.of());
            assertThat(row.globalId()).hasValue(ChangeRows.globalId(entry.getHeader()).orElseThrow() + i);
        }
        return rows;
    }

    private static Map<String, String> values(List<Column> columns) {
        Map<String, String> values = new LinkedHashMap<>();
        columns.forEach(c -> values.put(c.getName(), c.getIsNull() ? null : c.getValue()));
        return values;
    }

    private static Set<String> updated(RowData data, Map<String, String> before, Map<String, String> after) {
        Set<String> flagged = new LinkedHashSet<>();
        data.getAfterColumnsList().stream().filter(Column::getUpdated).forEach(c -> flagged.add(c.getName()));
        if (flagged.isEmpty()) {
            after.forEach((name, value) -> {
                if (!before.containsKey(name) || !Objects.equals(before.get(name), value)) {
                    flagged.add(name);
                }
            });
        }
        return flagged;
    }
}
