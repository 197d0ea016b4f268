package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started while its ZooKeeper is down keeps retrying (and says so) instead of exiting; a client that
 * asks for a destination meanwhile gets a clear "not ready" error; once ZooKeeper is up the server leads.
 */
class ZooKeeperStartupIT {

    private static TestMariaDb db;

    @BeforeAll
    static void startDb() {
        db = TestMariaDb.builder().build().start();
    }

    @AfterAll
    static void stopDb() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aServerStartedBeforeZooKeeperRetriesAnswersNotReadyAndLeadsOnceZooKeeperIsUp(@TempDir Path dir)
            throws Exception {
        int zkPort;
        try (ServerSocket s = new ServerSocket(0)) {
            zkPort = s.getLocalPort();
        }
        Cluster cluster = Cluster.start(dir, 1, db, "127.0.0.1:" + zkPort, "d1");
        try {
            String address = cluster.addresses().get(0);
            cluster.awaitLog(address, "not reachable (attempt 2)");
            assertNotReady(address);
            try (TestingServer zk = new TestingServer(zkPort, true)) {
                assertThat(cluster.awaitLeader()).isEqualTo(address);
                cluster.awaitLog(address, "[destination=d1] dumping");
                cluster.stopAll();
            }
        } finally {
            cluster.stopAll();
        }
    }

    private static void assertNotReady(String address) {
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        CanalConnector c = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port), "d1", "", "");
        try {
            assertThatThrownBy(() -> {
                c.connect();
                c.subscribe();
            }).hasStackTraceContaining("destination d1 is not ready on this server: the server is still starting");
        } finally {
            c.disconnect();
        }
    }
}
