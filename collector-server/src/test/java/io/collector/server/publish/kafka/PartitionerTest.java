package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.TestEvents;
import io.collector.server.publish.EntryRows;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    private static Column col(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder c = Column.newBuilder().setIndex(index).setName(name).setIsKey(key).setUpdated(updated);
        return value == null ? c.setIsNull(true).build() : c.setIsNull(false).setValue(value).build();
    }

    private static RowData insert(String id, String sku) {
        return RowData.newBuilder().addAfterColumns(col(0, "id", id, true, true))
                .addAfterColumns(col(1, "sku", sku, false, true)).build();
    }

    private static EntryRows entry(EventType type, RowData... rows) {
        return EntryRows.of(TestEvents.rows(100, "shop", "orders", type, List.of(rows)));
    }

    /** Canal's formula, written out: |(|hash| mod n)|. */
    private static int canal(int hash, int n) {
        return Math.abs(Math.abs(hash) % n);
    }

    @Test
    void byDefaultAWholeEntryGoesWhereItsTableNameHashes() {
        int[] p = Partitioner.byTable().partitions(entry(EventType.INSERT, insert("1", "a"), insert("2", "b")), 7);

        assertThat(p).containsExactly(canal("orders".hashCode(), 7), canal("orders".hashCode(), 7));
    }

    @Test
    void primaryKeyRowsHashTheSchemaAndEachKeyValueAsCanal() {
        Partitioner partitioner = new Partitioner("shop\\..*:$pk$", 0, "", -1);

        int[] p = partitioner.partitions(entry(EventType.INSERT, insert("1", "a"), insert("2", "b")), 5);

        assertThat(p).containsExactly(canal("shop".hashCode() ^ "1".hashCode(), 5),
                canal("shop".hashCode() ^ "2".hashCode(), 5));
    }

    @Test
    void chosenColumnsHashTheirValuesAndNullAsEmpty() {
        Partitioner partitioner = new Partitioner("shop.orders:SKU^missing", 0, "", -1);

        int[] p = partitioner.partitions(entry(EventType.INSERT, insert("1", "a"), insert("2", null)), 3);

        assertThat(p).containsExactly(canal("shop".hashCode() ^ "a".hashCode(), 3), canal("shop".hashCode(), 3));
    }

    @Test
    void deletesHashTheirBeforeImage() {
        RowData delete = RowData.newBuilder().addBeforeColumns(col(0, "id", "9", true, false)).build();

        int[] p = new Partitioner(".*\\..*:$pk$", 0, "", -1).partitions(entry(EventType.DELETE, delete), 4);

        assertThat(p).containsExactly(canal("shop".hashCode() ^ "9".hashCode(), 4));
    }

    @Test
    void aKeyChangeGoesWithItsNewKey() {
        RowData update = RowData.newBuilder().addBeforeColumns(col(0, "id", "7", true, false))
                .addAfterColumns(col(0, "id", "1007", true, true)).build();

        int[] p = new Partitioner(".*\\..*:$pk$", 0, "", -1).partitions(entry(EventType.UPDATE, update), 64);

        assertThat(p).containsExactly(canal("shop".hashCode() ^ "1007".hashCode(), 64));
    }

    @Test
    void unmatchedTablesGoToTheFixedPartitionWhenOneIsSetElseByTable() {
        EntryRows rows = entry(EventType.INSERT, insert("1", "a"));

        assertThat(new Partitioner("crm\\..*:$pk$", 0, "", 2).partitions(rows, 4)).containsExactly(2);
        assertThat(new Partitioner("", 0, "", 3).partitions(rows, 4)).containsExactly(3);
        assertThat(new Partitioner("crm\\..*:$pk$", 0, "", -1).partitions(rows, 4))
                .containsExactly(canal("orders".hashCode(), 4));
    }

    @Test
    void ddlGoesWhereItsTableHashes() {
        EntryRows ddl = EntryRows.of(TestEvents.ddl(5, "shop", "orders", EventType.ALTER, "ALTER TABLE orders"));

        assertThat(new Partitioner(".*\\..*:$pk$", 0, "", -1).partitions(ddl, 4))
                .containsExactly(canal("orders".hashCode(), 4));
    }

    @Test
    void partitionCountsComeFromTheTopicRuleThenTheGlobalCount() {
        Partitioner p = new Partitioner("", 6, "shop.*:3;crm:2", -1);

        assertThat(p.configuredCount("shop_orders")).hasValue(3);
        assertThat(p.configuredCount("crm")).hasValue(2);
        assertThat(p.configuredCount("other")).hasValue(6);
        assertThat(Partitioner.byTable().configuredCount("other")).isEmpty();
    }

    @Test
    void invalidRulesAreRejectedWithTheRule() {
        assertThatThrownBy(() -> new Partitioner("shop.orders:", 0, "", -1)).hasMessageContaining("shop.orders:");
        assertThatThrownBy(() -> new Partitioner("", 0, "shop:x", -1)).hasMessageContaining("shop:x");
        assertThatThrownBy(() -> new Partitioner("[", 0, "", -1)).hasMessageContaining("does not compile");
    }

    @Test
    void theHashOfIntegerMinValueStaysInRange() {
        assertThat(Partitioner.of(Integer.MIN_VALUE, 3)).isBetween(0, 2);
    }
}
