package io.collector.server.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.FlatMessage;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatMessageWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final FlatMessageWriter writer =
            new FlatMessageWriter(Clock.fixed(Instant.ofEpochMilli(1_700_000_123_456L), ZoneOffset.UTC));

    private static Column col(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder c = Column.newBuilder().setIndex(index).setSqlType(index == 0 ? 4 : 12).setName(name)
                .setIsKey(key).setUpdated(updated).setMysqlType(index == 0 ? "int(11)" : "varchar(20)");
        return value == null ? c.setIsNull(true).build() : c.setIsNull(false).setValue(value).build();
    }

    private static RowData update(String id, String a0, String a1, String b0, String b1) {
        return RowData.newBuilder()
                .addBeforeColumns(col(0, "id", id, true, false)).addBeforeColumns(col(1, "a", a0, false, false))
                .addBeforeColumns(col(2, "b", b0, false, false))
                .addAfterColumns(col(0, "id", id, true, false)).addAfterColumns(col(1, "a", a1, false, !eq(a0, a1)))
                .addAfterColumns(col(2, "b", b1, false, !eq(b0, b1))).build();
    }

    private static boolean eq(String x, String y) {
        return x == null ? y == null : x.equals(y);
    }

    private Map<String, Object> write(EntryRows entry, int[] rows) throws Exception {
        return JSON.readValue(writer.write(entry, 42, rows), Map.class);
    }

    @Test
    void anUpdateHasItsRowsAndEachRowsOwnChangedColumns() throws Exception {
        EntryRows entry = EntryRows.of(TestEvents.rows(1000, "shop", "orders", EventType.UPDATE,
                List.of(update("1", "x", "y", "p", "p"), update("2", "q", "q", "m", null))));

        String json = new String(writer.write(entry, 42, null), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"data\":[{\"id\":\"1\",\"a\":\"y\",\"b\":\"p\"},{\"id\":\"2\",\"a\":\"q\",\"b\":null}],"
                + "\"database\":\"shop\",\"es\":1700000000000,\"globalId\":1000,\"gtid\":\"\",\"id\":42,\"isDdl\":false,"
                + "\"mysqlType\":{\"id\":\"int(11)\",\"a\":\"varchar(20)\",\"b\":\"varchar(20)\"},"
                + "\"old\":[{\"a\":\"x\"},{\"b\":\"m\"}],\"pkNames\":[\"id\"],\"sql\":\"\","
                + "\"sqlType\":{\"id\":4,\"a\":12,\"b\":12},\"table\":\"orders\",\"ts\":1700000123456,\"type\":\"UPDATE\"}");
    }

    @Test
    void aParsedEventWritesTheSameJsonAsItsSerializedForm() {
        var event = TestEvents.rows(1000, "shop", "orders", EventType.UPDATE,
                List.of(update("1", "x", "y", "p", "p"), update("2", "q", "q", "m", null)));

        byte[] serialized = writer.write(EntryRows.of(event), 42, null);
        byte[] parsed = writer.write(EntryRows.of(TestEvents.parsed(event)), 42, null);

        assertThat(EntryRows.of(TestEvents.parsed(event)).valuesAreStrings()).isTrue();
        assertThat(new String(parsed, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(serialized, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aSubsetOfRowsKeepsItsOrderAndTakesItsFirstRowsId() throws Exception {
        EntryRows entry = EntryRows.of(TestEvents.rows(1000, "shop", "orders", EventType.UPDATE,
                List.of(update("1", "x", "y", "p", "p"), update("2", "q", "q", "m", "n"), update("3", "a", "a", "b", "b"))));

        Map<String, Object> m = write(entry, new int[] {1, 2});

        assertThat(m.get("globalId")).isEqualTo(1001);
        assertThat(m.get("data")).isEqualTo(List.of(Map.of("id", "2", "a", "q", "b", "n"),
                Map.of("id", "3", "a", "a", "b", "b")));
        assertThat(m.get("old")).as("aligned with data, {} for a row that changed nothing")
                .isEqualTo(List.of(Map.of("b", "m"), Map.of()));
    }

    @Test
    void aDeleteCarriesItsBeforeImageAndNoOld() throws Exception {
        RowData row = RowData.newBuilder().addBeforeColumns(col(0, "id", "7", true, false))
                .addBeforeColumns(col(1, "a", null, false, false)).build();
        Map<String, Object> m = write(EntryRows.of(TestEvents.rows(5, "shop", "t", EventType.DELETE, List.of(row))),
                null);

        assertThat(m.get("data")).isEqualTo(List.of(new java.util.HashMap<>(Map.of("id", "7")) {{ put("a", null); }}));
        assertThat(m.get("old")).isNull();
        assertThat(m.get("type")).isEqualTo("DELETE");
    }

    @Test
    void ddlHasItsStatementAndNullCollections() throws Exception {
        Map<String, Object> m = write(EntryRows.of(TestEvents.ddl(9, "shop", "orders", EventType.ALTER,
                "ALTER TABLE orders ADD c INT")), null);

        assertThat(m).containsEntry("isDdl", true).containsEntry("sql", "ALTER TABLE orders ADD c INT")
                .containsEntry("type", "ALTER").containsEntry("globalId", 9);
        for (String k : List.of("data", "old", "sqlType", "mysqlType", "pkNames")) {
            assertThat(m).containsEntry(k, null);
        }
        assertThat(m.keySet()).hasSize(15);
    }

    @Test
    void canalsOwnFlatMessageClassReadsIt() throws Exception {
        EntryRows entry = EntryRows.of(TestEvents.insert(77, "shop", "orders", col(0, "id", "1", true, true),
                col(1, "a", "é\"\n", false, true)));

        FlatMessage m = JSON.readValue(writer.write(entry, 42, null), FlatMessage.class);

        assertThat(m.getId()).isEqualTo(42);
        assertThat(m.getDatabase()).isEqualTo("shop");
        assertThat(m.getTable()).isEqualTo("orders");
        assertThat(m.getType()).isEqualTo("INSERT");
        assertThat(m.getIsDdl()).isFalse();
        assertThat(m.getPkNames()).containsExactly("id");
        assertThat(m.getData()).containsExactly(Map.of("id", "1", "a", "é\"\n"));
        assertThat(m.getSqlType()).containsEntry("id", 4);
        assertThat(m.getOld()).isNull();
        assertThat(m.getEs()).isEqualTo(1_700_000_000_000L);
        assertThat(m.getTs()).isEqualTo(1_700_000_123_456L);
    }
}
