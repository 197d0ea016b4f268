package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
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
            connector = CanalConnectors.newClusterConnector(zk.getConnectString(), "cc", "", "");
            cluster.awaitLeader();
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
