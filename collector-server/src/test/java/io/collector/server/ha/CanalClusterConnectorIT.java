package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canal's own ZooKeeper cluster connector finds our running server and follows it across a kill -9. */
class CanalClusterConnectorIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE cc_db");
        db.executeIn("cc_db", "CREATE TABLE t (id INT PRIMARY KEY)");
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
    void canalsClusterConnectorFollowsAFailover(@TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), "cc");
        CanalConnector connector = null;
        try {
            // Canal's connector reads .../cc/cluster in its constructor: the server must have registered first
            cluster.awaitLeader();
            connector = CanalConnectors.newClusterConnector(zk.getConnectString(), "cc", "", "");
            connector.connect();
            connector.subscribe();
            db.executeIn("cc_db", "INSERT INTO t SELECT seq FROM seq_1_to_50");
            Set<Integer> ids = new TreeSet<>();
            take(connector, ids, 50);
            cluster.killLeader();
            db.executeIn("cc_db", "INSERT INTO t SELECT seq FROM seq_51_to_100");
            take(connector, ids, 100);
            assertThat(ids).hasSize(100).first().isEqualTo(1);
        } finally {
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
}
