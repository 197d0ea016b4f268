package io.collector.client;

import static io.collector.client.testing.TestEntries.column;
import static io.collector.client.testing.TestEntries.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ChangeRowsTest {

    @Test
    void insertHasTheAfterImageInColumnOrderWithHeaderFacts() {
        ChangeRow row = ChangeRows.of(TestEntries.insert(5_083_496_497_152L, "1", "new")).get(0);
        assertThat(row.database()).isEqualTo("shop");
        assertThat(row.table()).isEqualTo("orders");
        assertThat(row.eventType()).isEqualTo(EventType.INSERT);
        assertThat(row.isRowChange()).isTrue();
        assertThat(row.isDdl()).isFalse();
        assertThat(row.sql()).isEmpty();
        assertThat(row.before()).isEmpty();
        assertThat(row.after()).containsExactly(Map.entry("id", "1"), Map.entry("status", "new"));
        assertThat(row.primaryKeys()).containsExactly("id");
        assertThat(row.keyValues()).containsExactly(Map.entry("id", "1"));
        assertThat(row.updatedColumns()).isEmpty();
        assertThat(row.globalId()).hasValue(5_083_496_497_152L);
        assertThat(row.logfileName()).isEqualTo("mysql-bin.000003");
        assertThat(row.logfileOffset()).isEqualTo(4711);
        assertThat(row.executeTime()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void updateHasBothImagesAndTheFlaggedColumns() {
        Entry update = TestEntries.rows("orders", EventType.UPDATE, 7, List.of(row(
                List.of(column(0, "id", "1", true, false), column(1, "status", "new", false, false),
                        column(2, "note", null, false, false)),
                List.of(column(0, "id", "1", true, false), column(1, "status", "paid", false, true),
                        column(2, "note", null, false, false)))));
        ChangeRow row = ChangeRows.of(update).get(0);
        assertThat(row.before()).containsOnlyKeys("id", "status", "note").containsEntry("id", "1")
                .containsEntry("status", "new").containsEntry("note", null);
        assertThat(row.before().keySet()).containsExactly("id", "status", "note");
        assertThat(row.after().get("status")).isEqualTo("paid");
        assertThat(row.after()).containsKey("note").containsEntry("note", null);
        assertThat(row.updatedColumns()).containsExactly("status");
    }

    @Test
    void updateWithoutFlagsComparesTheImages() {
        Entry update = TestEntries.rows("orders", EventType.UPDATE, 7, List.of(row(
                List.of(column(0, "id", "1", true, false), column(1, "note", null, false, false)),
                List.of(column(0, "id", "1", true, false), column(1, "note", "hi", false, false)))));
        assertThat(ChangeRows.of(update).get(0).updatedColumns()).containsExactly("note");
    }

    @Test
    void deleteHasTheBeforeImageAndItsKeys() {
        Entry delete = TestEntries.rows("orders", EventType.DELETE, 8, List.of(
                row(List.of(column(0, "id", "1", true, false), column(1, "status", null, false, false)), List.of()),
                row(List.of(column(0, "id", "2", true, false), column(1, "status", "x", false, false)), List.of())));
        List<ChangeRow> rows = ChangeRows.of(delete);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).after()).isEmpty();
        assertThat(rows.get(0).before()).containsEntry("status", null);
        assertThat(rows.get(0).image()).isSameAs(rows.get(0).before());
        assertThat(rows.get(1).keyValues()).containsExactly(Map.entry("id", "2"));
        // row i of an entry has the entry's id plus i
        assertThat(rows).extracting(row -> row.globalId().orElseThrow()).containsExactly(8L, 9L);
    }

    @Test
    void ddlIsOneRowWithItsStatement() {
        ChangeRow row = ChangeRows.of(TestEntries.ddl(9, "ALTER TABLE orders ADD note TEXT")).get(0);
        assertThat(row.isDdl()).isTrue();
        assertThat(row.isRowChange()).isFalse();
        assertThat(row.eventType()).isEqualTo(EventType.ALTER);
        assertThat(row.sql()).isEqualTo("ALTER TABLE orders ADD note TEXT");
        assertThat(row.before()).isEmpty();
        assertThat(row.after()).isEmpty();
        assertThat(row.primaryKeys()).isEmpty();
    }

    @Test
    void ddlWithoutHeaderSchemaTakesTheDdlSchema() {
        RowChange change = RowChange.newBuilder().setEventType(EventType.CREATE).setIsDdl(true)
                .setSql("CREATE DATABASE shop2").setDdlSchemaName("shop2").build();
        Entry entry = Entry.newBuilder().setHeader(Header.newBuilder().setEventType(EventType.CREATE))
                .setStoreValue(change.toByteString()).build();
        ChangeRow row = ChangeRows.of(entry).get(0);
        assertThat(row.database()).isEqualTo("shop2");
        assertThat(row.globalId()).isEmpty();
    }

    @Test
    void transactionMarkersCarryNoRowsAndAMessageKeepsOrder() {
        Message message = new Message(3, List.of(TestEntries.begin(), TestEntries.insert(1, "1", "a"),
                TestEntries.ddl(2, "DROP TABLE t"), TestEntries.insert(3, "2", "b")));
        assertThat(message.rows()).extracting(row -> row.globalId().orElseThrow()).containsExactly(1L, 2L, 3L);
        assertThat(ChangeRows.of(TestEntries.begin())).isEmpty();
    }

    @Test
    void globalIdThatIsNoLongIsAClearError() {
        Header header = Header.newBuilder().setLogfileName("mysql-bin.000001").setLogfileOffset(4)
                .addProps(Pair.newBuilder().setKey("globalId").setValue("abc")).build();
        assertThatThrownBy(() -> ChangeRows.globalId(header)).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("mysql-bin.000001:4").hasMessageContaining("\"abc\"");
        assertThat(ChangeRows.globalId(Header.getDefaultInstance())).isEqualTo(OptionalLong.empty());
    }

    @Test
    void undecodableRowChangeIsAClearError() {
        Entry broken = Entry.newBuilder().setEntryType(EntryType.ROWDATA)
                .setHeader(TestEntries.header("orders", EventType.INSERT, 1))
                .setStoreValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build();
        assertThatThrownBy(() -> ChangeRows.of(broken)).isInstanceOf(CollectorProtocolException.class)
                .hasMessageContaining("mysql-bin.000003:4711 (shop.orders)");
    }
}
