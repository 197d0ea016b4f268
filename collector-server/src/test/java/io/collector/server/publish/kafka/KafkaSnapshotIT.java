package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.position.LogPosition;
import io.collector.server.sink.filter.ColumnFilter;
import io.collector.server.sink.filter.EventTypeFilter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.sink.filter.TableFilter;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.snapshot.SnapshotMode;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A destination in kafka mode (exactly once, FlatMessage JSON) with {@code snapshot.mode=initial} over a table
 * that keeps changing: Flink's own {@code canal-json} deserializer reads the topic as +I for every snapshot row and
 * then the binlog's changes, and applying what it produces reproduces the table.
 */
class KafkaSnapshotIT {

    private static final int ROWS = 20_000;

    @Test
    void snapshotThenBinlogInKafkaReadByFlinkCanalJsonReproducesTheTable() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start(); KafkaTestCluster kafka = KafkaTestCluster.start()) {
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, customer INT, status VARCHAR(16),"
                    + " amount DECIMAL(10,2))", "INSERT INTO orders SELECT seq, seq % 97, 'new', seq / 8"
                    + " FROM seq_1_to_" + ROWS);
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            AtomicLong ops = new AtomicLong();
            Thread writer = new Thread(() -> write(db, stop, ops, writerFailure), "test-orders-writer");
            writer.start();
            Destination d = KafkaIts.start(config(db, kafka), meta);
            try {
                Await.until("the snapshot published", KafkaIts.WAIT,
                        () -> KafkaIts.publisher(d).status().rows() >= ROWS && ops.get() > 100);
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
            long leadingInserts = flink.stream().takeWhile(row -> row.startsWith("+I ")).count();
            assertThat(leadingInserts).as("snapshot rows first, as +I").isGreaterThan(ROWS * 9L / 10);
            assertThat(apply(flink)).isEqualTo(source(db));
        }
    }

    private static InstanceConfig config(TestMariaDb db, KafkaTestCluster kafka) {
        KafkaPublisherConfig publisher = new KafkaPublisherConfig("ksnap",
                KafkaIts.server(kafka, Guarantee.EXACTLY_ONCE, 1), TopicRouter.perDatabase("", "ksnap"),
                Partitioner.byTable());
        SinkFilters filters = new SinkFilters(TableFilter.of("shop\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        return new InstanceConfig("ksnap", Pipeline.parserConfig(db, "ksnap", StartConfig.CURRENT), filters,
                new StoreConfig(64, 1 << 20, false), publisher)
                .withSnapshot(new SnapshotConfig(SnapshotMode.INITIAL, 1000));
    }

    static void write(TestMariaDb db, AtomicBoolean stop, AtomicLong ops, AtomicReference<Throwable> failure) {
        Random r = new Random(7);
        try (Connection c = db.openConnection("shop"); Statement st = c.createStatement()) {
            while (!stop.get()) {
                int id = 1 + r.nextInt(ROWS + 500);
                st.execute(switch (r.nextInt(3)) {
                    case 0 -> "UPDATE orders SET status = 'paid', amount = amount + 1 WHERE id = " + id;
                    case 1 -> "DELETE FROM orders WHERE id = " + id;
                    default -> "INSERT INTO orders VALUES (" + id + ", 1, 'again', 2.50)"
                            + " ON DUPLICATE KEY UPDATE customer = customer + 1";
                });
                ops.incrementAndGet();
                // a steady load, not as much as the machine can take
                LockSupport.parkNanos(1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** The table Flink's changelog describes: +I/+U put the row, -U/-D remove it. */
    static Map<Integer, String> apply(List<String> changelog) {
        Map<Integer, String> table = new TreeMap<>();
        for (String change : changelog) {
            String row = change.substring(3);
            int id = Integer.parseInt(row.substring(0, row.indexOf(',')));
            if (change.startsWith("+I") || change.startsWith("+U")) {
                table.put(id, row);
            } else {
                table.remove(id);
            }
        }
        return table;
    }

    static Map<Integer, String> source(TestMariaDb db) {
        Map<Integer, String> table = new TreeMap<>();
        for (Map<String, Object> row : db.query("SELECT id, customer, status, CAST(amount AS CHAR) AS amount"
                + " FROM shop.orders")) {
            table.put((Integer) row.get("id"), row.get("id") + "," + row.get("customer") + "," + row.get("status")
                    + "," + row.get("amount"));
        }
        return table;
    }
}
