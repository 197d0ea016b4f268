package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.server.daemon.CanalRows;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canal's own ZooKeeper cluster connector ({@code canal.client} 1.1.8, its default settings) follows our servers
 * through five {@code kill -9}s of the leader under a steady writer, at the shipped server defaults: every row
 * arrives, no row of a batch whose ack the server applied arrives again, and each failover (kill to the first row
 * the connector receives from the new leader) takes at most 8 s. The connector waits its own retry interval
 * (5 s) before it reconnects, so that is most of the figure.
 */
class CanalClusterConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int KILLS = 5;
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE cc_db");
        db.executeIn("cc_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void canalsClusterConnectorFollowsFiveKillsLosingNothingAndRepeatingNoAppliedAck(@TempDir Path dir)
            throws Exception {
        Cluster cluster = Cluster.start(dir, 3, db, zk.getConnectString(), "cc");
        SteadyWriter writer = new SteadyWriter(db, "cc_db", "t");
        FailoverConsumer consumer = new FailoverConsumer();
        CanalConnector connector = null;
        List<Long> failoverMillis = new ArrayList<>();
        try {
            cluster.awaitLeader();
            // Canal's connector reads .../cc/cluster in its constructor: the server must have registered first
            connector = CanalConnectors.newClusterConnector(zk.getConnectString(), "cc", "", "");
            connector.connect();
            connector.subscribe();
            writer.start();
            Thread restart = null;
            AtomicReference<Throwable> restartFailure = new AtomicReference<>();
            for (int kill = 0; kill < KILLS; kill++) {
                consumeWhile(connector, consumer, Duration.ofSeconds(1), restart);
                long killedAt = cluster.killLeader();
                int before = consumer.receivedAt.size();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (consumer.receivedAt.size() == before) {
                    assertThat(System.nanoTime()).as("a row from the new leader").isLessThan(deadline);
                    round(connector, consumer);
                }
                failoverMillis.add((consumer.receivedAt.get(before) - killedAt) / 1_000_000);
                restart = new Thread(cluster::restartDead, "restart-dead");
                restart.setUncaughtExceptionHandler((t, e) -> restartFailure.set(e));
                restart.start();
            }
            consumeWhile(connector, consumer, Duration.ZERO, restart);
            assertThat(restartFailure.get()).as("restarting the killed servers").isNull();
            writer.finish();
            writer.join();
            consumeAll(connector, consumer, writer.written());
            System.out.println("Canal cluster connector failover: kill -9 to first row from the new leader (ms): "
                    + failoverMillis + "; rows " + writer.written() + ", delivered twice (unapplied acks) "
                    + consumer.seen.values().stream().filter(n -> n > 1).count());
            assertThat(consumer.seen.keySet()).containsExactlyInAnyOrderElementsOf(range(writer.written()));
            assertThat(failoverMillis).as("each failover at the shipped defaults").allMatch(ms -> ms <= 8_000);
            assertThat(consumer.duplicatesOfConfirmed).as("rows of applied acks delivered again").isEmpty();
            cluster.assertNoOverlappingLeadership();
        } finally {
            writer.finish();
            if (connector != null) {
                connector.disconnect();
            }
            cluster.stopAll();
        }
    }

    @Test
    void canalsClusterConnectorAndOurSdkNeverConsumeClientId1001AtOnce(@TempDir Path dir) throws Exception {
        db.executeIn("cc_db", "CREATE TABLE both_t (id INT PRIMARY KEY)");
        Cluster cluster = Cluster.start(dir, 1, db, zk.getConnectString(), "cx", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = cc_db\\\\.both_t")));
        cluster.awaitLeader();
        CanalConnector canal = CanalConnectors.newClusterConnector(zk.getConnectString(), "cx", "", "");
        try (CollectorClient ours = new CollectorClient(CollectorClientConfig.builder().zookeeper(zk.getConnectString())
                .destination("cx").clientId("1001").requestTimeout(Duration.ofSeconds(10)).build())) {
            canal.connect();
            canal.subscribe();
            db.executeIn("cc_db", "INSERT INTO both_t SELECT seq FROM seq_1_to_50");
            Set<Integer> canalIds = new TreeSet<>();
            take(canal, canalIds, 50);
            CompletableFuture<Void> oursActive = ours.async().connect();
            assertThat(oursActive).as("our client connects while Canal's consumes client id 1001")
                    .failsWithin(Duration.ofSeconds(2)).withThrowableOfType(TimeoutException.class);

            canal.disconnect();
            oursActive.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ours.subscribe();
            db.executeIn("cc_db", "INSERT INTO both_t SELECT seq FROM seq_51_to_100");
            List<Integer> oursIds = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (oursIds.size() < 50 && System.nanoTime() < deadline) {
                io.collector.client.Message m = ours.getWithoutAck(100, Duration.ofMillis(200));
                m.rows().forEach(row -> oursIds.add(Integer.parseInt(row.after().get("id"))));
                if (m.batchId() > 0) {
                    ours.ack(m.batchId());
                }
            }
            assertThat(canalIds).hasSize(50);
            assertThat(oursIds).as("our client continues after Canal's acks").isEqualTo(
                    IntStream.rangeClosed(51, 100).boxed().toList());
        } finally {
            canal.disconnect();
            cluster.stopAll();
        }
    }

    /** Gets and acks until {@code ids} holds {@code count} ids; errors during the failover are retried. */
    private static void take(CanalConnector connector, Set<Integer> ids, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ids.size() < count) {
            assertThat(System.nanoTime()).as("%d rows, got %d", count, ids.size()).isLessThan(deadline);
            try {
                Message m = connector.getWithoutAck(100, 200L, TimeUnit.MILLISECONDS);
                for (CanalEntry.Entry e : m.getEntries()) {
                    if (e.getEntryType() == CanalEntry.EntryType.ROWDATA) {
                        for (var row : CanalEntry.RowChange.parseFrom(e.getStoreValue()).getRowDatasList()) {
                            ids.add(Integer.parseInt(row.getAfterColumns(0).getValue()));
                        }
                    }
                }
                if (m.getId() > 0) {
                    connector.ack(m.getId());
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            } catch (RuntimeException e) {
                // Canal's connector throws while it switches servers; it reconnects by itself on the next call
            }
        }
    }

    /** Consumes for at least {@code time} and until {@code restart} (the killed server starting again) is done. */
    private static void consumeWhile(CanalConnector connector, FailoverConsumer consumer, Duration time,
                                     Thread restart) throws InterruptedException {
        long until = System.nanoTime() + time.toNanos();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until || restart != null && restart.isAlive()) {
            assertThat(System.nanoTime()).as("the killed server started again").isLessThan(deadline);
            round(connector, consumer);
        }
        if (restart != null) {
            restart.join();
        }
    }

    private static void consumeAll(CanalConnector connector, FailoverConsumer consumer, int total) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!consumer.seen.keySet().containsAll(range(total))) {
            assertThat(System.nanoTime()).as("all %d rows", total).isLessThan(deadline);
            round(connector, consumer);
        }
    }

    /** One get and ack; Canal's connector throws while it switches servers and reconnects on the next call. */
    private static void round(CanalConnector connector, FailoverConsumer consumer) {
        Message m;
        try {
            m = connector.getWithoutAck(200, 200L, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            consumer.forgetLast();
            return;
        }
        if (m.getId() <= 0) {
            return;
        }
        consumer.received(m.getId(), CanalRows.ids(m));
        try {
            connector.ack(m.getId());
        } catch (RuntimeException e) {
            consumer.forgetLast();
        }
    }

    private static Set<Integer> range(int total) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 1; i <= total; i++) {
            ids.add(i);
        }
        return ids;
    }
}
