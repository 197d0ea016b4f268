package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.position.LogPosition;
import io.collector.server.sink.filter.ColumnFilter;
import io.collector.server.sink.filter.EventTypeFilter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.sink.filter.TableFilter;
import io.collector.server.snapshot.BackfillConfig;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A destination in kafka mode (exactly once, FlatMessage JSON) that streams from the current position while a
 * table keeps changing, and backfills that table on a signal row: Flink's {@code canal-json} reads the backfill rows
 * as +I among the binlog's changes, and applying its changelog reproduces the whole table, rows that nobody touched
 * included.
 */
class KafkaBackfillIT {

    private static final int ROWS = 20_000;

    @Test
    void backfillInKafkaReadByFlinkCanalJsonReproducesTheTable() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start(); KafkaTestCluster kafka = KafkaTestCluster.start()) {
            db.execute("CREATE DATABASE shop", "CREATE DATABASE ops");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, customer INT, status VARCHAR(16),"
                    + " amount DECIMAL(10,2))", "INSERT INTO orders SELECT seq, seq % 97, 'new', seq / 8"
                    + " FROM seq_1_to_" + ROWS);
            db.executeIn("ops", "CREATE TABLE collector_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                    + " data VARCHAR(2048) NULL)");
            for (String host : List.of("%", "localhost")) {
                db.execute("GRANT INSERT ON ops.collector_signal TO '" + db.replicationUser() + "'@'" + host + "'");
            }
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            AtomicLong ops = new AtomicLong();
            DestinationStats stats = new DestinationStats();
            Destination d = new Destination(config(db, kafka), meta, stats, () -> true);
            d.start();
            Thread writer = new Thread(() -> KafkaSnapshotIT.write(db, stop, ops, writerFailure), "test-orders-writer");
            writer.start();
            try {
                // the publisher gets ready first; a signal written before the stream's start position is not read
                Await.until("writes streaming", KafkaIts.WAIT, () -> stats.sink().rows() > 100);
                db.execute("INSERT INTO ops.collector_signal VALUES ('kafka-1', 'execute-backfill',"
                        + " '{\"table\":\"shop.orders\"}')");
                Await.until("the backfill done", KafkaIts.WAIT, () -> {
                    Map<String, Object> view = stats.snapshot().backfill().view();
                    assertThat(view.get("state")).isNotEqualTo("FAILED");
                    return "DONE".equals(view.get("state"));
                });
                stop.set(true);
                writer.join(30_000);
                assertThat(writerFailure.get()).isNull();
                var end = db.masterStatus();
                LogPosition endPosition = LogPosition.of(end.file(), end.position());
                Await.until("everything published", KafkaIts.WAIT, () -> {
                    var cursor = KafkaIts.publisher(d).status().cursor();
                    return cursor != null && cursor.restart().compareTo(endPosition) >= 0;
                });
            } finally {
                stop.set(true);
                d.stop();
                meta.stop();
            }
            List<ConsumerRecord<byte[], byte[]>> records = KafkaIts.readAll(kafka, List.of("shop"), true);
            List<String> flink = FlinkCanalJson.readOrders(records, false);
            assertThat(flink.stream().filter(row -> row.startsWith("+I ")).count()).as("backfill rows as +I")
                    .isGreaterThan(ROWS / 2);
            assertThat(KafkaSnapshotIT.apply(flink)).isEqualTo(KafkaSnapshotIT.source(db));
        }
    }

    private static InstanceConfig config(TestMariaDb db, KafkaTestCluster kafka) {
        KafkaPublisherConfig publisher = new KafkaPublisherConfig("kbackfill",
                KafkaIts.server(kafka, Guarantee.EXACTLY_ONCE, 1), TopicRouter.perDatabase("", "kbackfill"),
                Partitioner.byTable());
        SinkFilters filters = new SinkFilters(TableFilter.of("shop\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        return new InstanceConfig("kbackfill", Pipeline.parserConfig(db, "kbackfill", StartConfig.CURRENT), filters,
                new StoreConfig(8192, 16 << 20, false), publisher).withSnapshot(
                SnapshotConfig.NEVER.withBackfill(new BackfillConfig("ops.collector_signal", 1000)));
    }
}
