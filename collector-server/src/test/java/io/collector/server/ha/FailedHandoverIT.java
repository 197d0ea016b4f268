package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose copy of a destination cannot run (a wrong source password) leads it, exhausts its restart
 * policy and goes FAILED: it then leaves the election, so a healthy server started afterwards takes the
 * destination over, while the failed one waits out its cool-down ({@code collector.supervise.max.delay}).
 */
class FailedHandoverIT {

    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
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
    void aFailedDestinationReleasesLeadershipToAHealthyServer(@TempDir Path dir) {
        Cluster broken = Cluster.start(dir.resolve("broken"), 1, db, zk.getConnectString(), "d1",
                new Cluster.Extra(List.of("collector.supervise.max.attempts = 1", "collector.supervise.max.delay = 1h"),
                        List.of("collector.instance.source.password = wrong")));
        Cluster healthy = null;
        try {
            String brokenAddress = broken.addresses().get(0);
            broken.awaitLog(brokenAddress, "[destination=d1] FAILED on " + brokenAddress + ": leaving the election");
            healthy = Cluster.start(dir.resolve("healthy"), 1, db, zk.getConnectString(), "d1");
            String healthyAddress = healthy.addresses().get(0);

            assertThat(healthy.awaitLeaderOtherThan(brokenAddress)).isEqualTo(healthyAddress);
            healthy.awaitLog(healthyAddress, "[destination=d1] dumping");
            assertThat(broken.logLines(brokenAddress, "cool-down over")).isEmpty();
        } finally {
            if (healthy != null) {
                healthy.stopAll();
            }
            broken.stopAll();
        }
    }
}
