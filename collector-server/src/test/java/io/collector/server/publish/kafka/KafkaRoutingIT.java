package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.CanalPacket;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Destination;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testkit.TestMariaDb;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mixed workload over two databases (multi-row inserts, updates, a primary-key change, NULLs, deletes, DDL,
 * a transaction larger than a batch) published to a real broker: every change is in its database's topic, in
 * the partition its hash rule gives, in binlog order, with the values the same binlog range yields in-process.
 */
class KafkaRoutingIT {

    private static final String HASH = "shop\\.orders:$pk$;shop\\.items:order_id,crm\\.customers:$pk$;crm\\.notes";
    private static final int PARTITIONS = 4;

    private static TestMariaDb db;
    private static KafkaTestCluster kafka;
    private static StartConfig start;
    private static List<ChangeEvent> reference;
    private static List<ConsumerRecord<byte[], byte[]>> jsonRecords;

    /** Runs the workload, reads it in-process as the reference, and publishes it as FlatMessages. */
    @BeforeAll
    static void runWorkload() {
        db = TestMariaDb.builder().build().start();
        kafka = KafkaTestCluster.start();
        var status = db.masterStatus();
        start = StartConfig.at(status.file(), status.position());
        Workloads.mixed(db);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "reference", start))) {
            reference = p.takeUntil(Workloads::sawDoneMarker, KafkaIts.WAIT);
        }
        jsonRecords = publishAndRead("routing", "it1.", RecordFormat.JSON);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static KafkaPublisherConfig publisherConfig(String destination, String prefix, RecordFormat format) {
        return new KafkaPublisherConfig(destination,
                KafkaIts.server(kafka, Guarantee.AT_LEAST_ONCE, PARTITIONS).withFormat(format),
                new TopicRouter(prefix, "", "", destination), new Partitioner(HASH, 0, "", -1));
    }

    private static List<ConsumerRecord<byte[], byte[]>> publishAndRead(String destination, String prefix,
                                                                        RecordFormat format) {
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        Destination d = KafkaIts.start(KafkaIts.config(db, destination, start,
                publisherConfig(destination, prefix, format)), meta);
        try {
            KafkaIts.awaitPublished(d, Workloads.doneMarker(reference).globalId());
        } finally {
            d.stop();
        }
        return KafkaIts.readAll(kafka, List.of(prefix + "shop", prefix + "crm"), false);
    }

    @Test
    void flatMessagesAreInTheirDatabaseTopicAndKeyPartitionInBinlogOrder() {
        Map<String, List<Map<String, Object>>> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : jsonRecords) {
            Map<String, Object> m = KafkaIts.json(r);
            assertThat(m.keySet()).containsExactly("data", "database", "es", "globalId", "gtid", "id", "isDdl",
                    "mysqlType", "old", "pkNames", "sql", "sqlType", "table", "ts", "type");
            assertThat(KafkaIts.header(r, "globalId")).isEqualTo(m.get("globalId").toString());
            assertThat(KafkaIts.header(r, "destination")).isEqualTo("routing");
            assertThat(KafkaIts.header(r, "position")).matches("mysql-bin\\.\\d+:\\d+");
            m.remove("id");
            m.remove("ts");
            actual.computeIfAbsent(r.topic() + "/" + r.partition(), k -> new ArrayList<>()).add(m);
        }
        Map<String, List<Map<String, Object>>> expected = expectedFlatMessages("it1.");
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((tp, messages) -> assertThat(actual.get(tp)).as(tp).isEqualTo(messages));
        assertThat(expected.keySet()).hasSizeGreaterThan(4);
    }

    @Test
    void flinkCanalJsonReadsTheRowKindsAndValuesOfTheBinlog() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> inBinlogOrder = jsonRecords.stream()
                .filter(r -> r.topic().equals("it1.shop"))
                .sorted(java.util.Comparator.comparingLong(r -> Long.parseLong(KafkaIts.header(r, "globalId"))))
                .toList();
        List<String> expected = FlinkCanalJson.expectedOrders(reference);

        // rows of one multi-row entry are spread over partitions: the order that holds is the order per key
        assertThat(byKey(FlinkCanalJson.readOrders(inBinlogOrder, false))).isEqualTo(byKey(expected));
        assertThat(byKey(FlinkCanalJson.readOrders(inBinlogOrder, true))).isEqualTo(byKey(expected));
        assertThat(expected).anyMatch(s -> s.startsWith("-U")).anyMatch(s -> s.startsWith("-D"))
                .contains("-U 7,0,new,7.50", "+U 1007,0,new,7.50");
    }

    /** Flink rows ({@code <kind> id,...}) by id, each id's rows in order. */
    private static Map<String, List<String>> byKey(List<String> rows) {
        Map<String, List<String>> byKey = new TreeMap<>();
        rows.forEach(r -> byKey.computeIfAbsent(r.substring(3, r.indexOf(',')), k -> new ArrayList<>()).add(r));
        return byKey;
    }

    @Test
    void canalPacketsCarryTheSameEntriesSplitByPartition() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = publishAndRead("packets", "it2.", RecordFormat.PROTOBUF);

        Map<String, List<String>> actual = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            CanalPacket.Packet packet = CanalPacket.Packet.parseFrom(r.value());
            assertThat(packet.getType()).isEqualTo(CanalPacket.PacketType.MESSAGES);
            CanalPacket.Messages messages = CanalPacket.Messages.parseFrom(packet.getBody());
            assertThat(messages.getBatchId()).isPositive();
            for (var bytes : messages.getMessagesList()) {
                CanalEntry.Entry e = CanalEntry.Entry.parseFrom(bytes);
                CanalEntry.RowChange rc = CanalEntry.RowChange.parseFrom(e.getStoreValue());
                actual.computeIfAbsent(r.topic() + "/" + r.partition(), k -> new ArrayList<>())
                        .add(describe(e.getHeader().getSchemaName(), e.getHeader().getTableName(),
                                rc.getEventType().name(), rc.getRowDatasList().stream()
                                        .map(row -> image(row.getAfterColumnsCount() > 0 ? row.getAfterColumnsList()
                                                : row.getBeforeColumnsList())).toList()));
            }
        }
        assertThat(actual).isEqualTo(expectedEntries("it2."));
    }

    /** Per topic/partition, the FlatMessages the reference entries must give, in binlog order. */
    private static Map<String, List<Map<String, Object>>> expectedFlatMessages(String prefix) {
        Map<String, List<Map<String, Object>>> expected = new TreeMap<>();
        for (ChangeEvent e : published()) {
            RowChange rc = e.rowChange();
            String topic = prefix + e.entry().getHeader().getSchemaName();
            partitionGroups(e, rc).forEach((partition, rows) -> expected
                    .computeIfAbsent(topic + "/" + partition, k -> new ArrayList<>())
                    .add(ExpectedFlat.of(e, rc, rows)));
        }
        return expected;
    }

    private static Map<String, List<String>> expectedEntries(String prefix) {
        Map<String, List<String>> expected = new TreeMap<>();
        for (ChangeEvent e : published()) {
            RowChange rc = e.rowChange();
            String topic = prefix + e.entry().getHeader().getSchemaName();
            partitionGroups(e, rc).forEach((partition, rows) -> expected
                    .computeIfAbsent(topic + "/" + partition, k -> new ArrayList<>())
                    .add(describe(e.entry().getHeader().getSchemaName(), e.entry().getHeader().getTableName(),
                            rc.getEventType().name(), rows.stream()
                                    .map(i -> Pipeline.image(ExpectedFlat.image(rc, i))).toList())));
        }
        return expected;
    }

    private static String describe(String schema, String table, String type, List<Map<String, String>> rows) {
        return schema + "." + table + " " + type + " " + rows;
    }

    private static Map<String, String> image(List<CanalEntry.Column> columns) {
        Map<String, String> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.getName(), c.getIsNull() ? null : c.getValue()));
        return m;
    }

    private static List<ChangeEvent> published() {
        return reference.stream().filter(e -> e.ddl() || e.isRowData()).toList();
    }

    /** Rows (indexes) by partition, in order of first appearance; one group for DDL and statements. */
    private static Map<Integer, List<Integer>> partitionGroups(ChangeEvent e, RowChange rc) {
        String schema = e.entry().getHeader().getSchemaName();
        String table = e.entry().getHeader().getTableName();
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        if (e.ddl() || rc.getRowDatasCount() == 0) {
            groups.put(canal(table.hashCode()), List.of());
            return groups;
        }
        for (int i = 0; i < rc.getRowDatasCount(); i++) {
            groups.computeIfAbsent(partitionOf(schema, table, ExpectedFlat.image(rc, i)), k -> new ArrayList<>())
                    .add(i);
        }
        return groups;
    }

    /** Canal's hashes for the rules of {@link #HASH}; unmatched tables by table name. */
    private static int partitionOf(String schema, String table, List<Column> image) {
        String name = schema + "." + table;
        List<String> columns = switch (name) {
            case "shop.orders", "crm.customers" -> image.stream().filter(Column::getIsKey).map(Column::getName)
                    .toList();
            case "shop.items" -> List.of("order_id");
            default -> null;
        };
        if (columns == null) {
            return canal(table.hashCode());
        }
        int h = schema.hashCode();
        for (Column c : image) {
            if (columns.contains(c.getName())) {
                h ^= (c.getIsNull() ? "" : c.getValue()).hashCode();
            }
        }
        return canal(h);
    }

    private static int canal(int hash) {
        return Math.abs(Math.abs(hash) % PARTITIONS);
    }

    /** Sanity: the workload has what this test is about. */
    @Test
    void workloadHasKeyChangesSplitEntriesAndDdl() {
        List<ChangeEvent> rows = Pipeline.rowsEntries(reference);
        assertThat(rows.stream().filter(e -> e.rowChange().getEventType() == EventType.UPDATE)
                .flatMap(e -> e.rowChange().getRowDatasList().stream())
                .anyMatch(r -> r.getAfterColumnsList().stream().anyMatch(c -> c.getIsKey() && c.getUpdated())))
                .isTrue();
        assertThat(rows.stream().filter(e -> partitionGroups(e, e.rowChange()).size() > 1).count()).isPositive();
        assertThat(reference.stream().filter(ChangeEvent::ddl).map(e -> e.rowChange().getEventType())
                .collect(Collectors.toSet())).contains(EventType.CREATE, EventType.ALTER, EventType.QUERY);
    }
}
