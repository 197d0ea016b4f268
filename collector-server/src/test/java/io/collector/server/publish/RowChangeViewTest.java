package io.collector.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.publish.RowChangeView.ColumnTable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowChangeViewTest {

    private static Column col(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder c = Column.newBuilder().setIndex(index).setSqlType(index == 0 ? -5 : 12).setName(name)
                .setIsKey(key).setUpdated(updated).setMysqlType(index == 0 ? "bigint(20)" : "varchar(300)")
                .addProps(Pair.newBuilder().setKey("k").setValue("v")).setLength(300);
        return value == null ? c.setIsNull(true).build() : c.setValue(value).build();
    }

    private static String text(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** Every field the publishers read, as protobuf parses it, for each column of each image. */
    private static void assertSame(RowChangeView view, RowChange change) {
        assertThat(view.rowCount()).isEqualTo(change.getRowDatasCount());
        assertThat(view.eventTypeNumber()).isEqualTo(change.getEventType().getNumber());
        assertThat(view.isDdl()).isEqualTo(change.getIsDdl());
        assertThat(view.sql()).isEqualTo(change.getSql());
        for (int r = 0; r < change.getRowDatasCount(); r++) {
            RowData row = change.getRowDatas(r);
            assertImage(view, view.before(), view.beforeStart(r), view.beforeEnd(r), row.getBeforeColumnsList());
            assertImage(view, view.after(), view.afterStart(r), view.afterEnd(r), row.getAfterColumnsList());
        }
    }

    private static void assertImage(RowChangeView view, ColumnTable table, int start, int end, List<Column> image) {
        assertThat(end - start).isEqualTo(image.size());
        byte[] b = view.bytes();
        for (int i = 0; i < image.size(); i++) {
            Column c = image.get(i);
            int k = start + i;
            assertThat(text(b, table.nameOffset(k), table.nameLength(k))).isEqualTo(c.getName());
            assertThat(text(b, table.valueOffset(k), table.valueLength(k))).isEqualTo(c.getValue());
            assertThat(text(b, table.mysqlTypeOffset(k), table.mysqlTypeLength(k))).isEqualTo(c.getMysqlType());
            assertThat(List.of(table.index(k), table.sqlType(k))).isEqualTo(List.of(c.getIndex(), c.getSqlType()));
            assertThat(List.of(table.isKey(k), table.updated(k), table.isNull(k)))
                    .isEqualTo(List.of(c.getIsKey(), c.getUpdated(), c.getIsNull()));
        }
    }

    @Test
    void readsEveryRowAndColumnAsProtobufDoesSkippingFieldsItDoesNotNeed() {
        RowChange change = RowChange.newBuilder().setTableId(1L << 40).setEventType(EventType.UPDATE)
                .addRowDatas(RowData.newBuilder()
                        .addBeforeColumns(col(0, "id", "1", true, false)).addBeforeColumns(col(1, "näme", "é😀", false, false))
                        .addAfterColumns(col(0, "id", "1", true, false)).addAfterColumns(col(1, "näme", null, false, true))
                        .addProps(Pair.newBuilder().setKey("p").setValue("q")))
                .addRowDatas(RowData.newBuilder()
                        .addBeforeColumns(col(0, "id", "2", true, false)).addBeforeColumns(col(1, "näme", "", false, false))
                        .addAfterColumns(col(0, "id", "2", true, false)).addAfterColumns(col(1, "näme", "x".repeat(300), false, true)))
                .addProps(Pair.newBuilder().setKey("rc").setValue("v")).setDdlSchemaName("shop").build();
        byte[] bytes = change.toByteArray();
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 7, bytes.length);

        assertSame(RowChangeView.of(padded, 7, bytes.length), change);
    }

    @Test
    void aDdlHasItsStatementAndNoRows() {
        RowChange change = RowChange.newBuilder().setEventType(EventType.ALTER).setIsDdl(true)
                .setSql("ALTER TABLE t ADD c INT").build();

        assertSame(RowChangeView.of(change.toByteArray(), 0, change.getSerializedSize()), change);
    }

    @Test
    void anEmptyRowChangeHasProtobufsDefaults() {
        RowChangeView view = RowChangeView.of(new byte[0], 0, 0);

        assertThat(view.eventTypeNumber()).isEqualTo(EventType.UPDATE_VALUE);
        assertThat(view.rowCount()).isZero();
        assertThat(view.sql()).isEmpty();
    }

    @Test
    void truncatedBytesAreRefused() {
        RowChange change = RowChange.newBuilder().setEventType(EventType.INSERT)
                .addRowDatas(RowData.newBuilder().addAfterColumns(col(0, "id", "12345", true, true))).build();
        byte[] bytes = change.toByteArray();
        int rowsStart = 2; // after eventType (tag, value): a cut inside the row from there on
        assertThat(RowChangeView.of(bytes, 0, rowsStart).rowCount()).as("a cut between fields is a valid message")
                .isZero();
        for (int cut = rowsStart + 1; cut < bytes.length; cut++) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> RowChangeView.of(shorter, 0, shorter.length)).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RowChange");
        }
    }
}
