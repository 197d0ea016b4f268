package io.collector.server.daemon;

import static io.collector.server.daemon.CanalRows.ids;
import static io.collector.server.daemon.CanalRows.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as operators run it: {@code bin/startup.sh}, a Canal client consuming, {@code bin/stop.sh},
 * a restart that resumes exactly, Canal-style configuration folders, destination folders coming and going
 * while running, and a destination that cannot reach its source while the others deliver.
 */
class DaemonIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    @BeforeAll
    static void startDb() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE shop");
        db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20))");
    }

    @AfterAll
    static void stopDb() {
        if (db != null) {
            db.close();
        }
    }

    private static void insert(int from, int to) {
        db.executeIn("shop", "INSERT INTO orders SELECT seq, 'new' FROM seq_" + from + "_to_" + to);
    }

    private static String[] serverFile(int port, String... extra) {
        List<String> lines = new ArrayList<>(List.of("collector.port = " + port,
                "collector.metrics.port = " + Daemon.freePort(), "collector.admin.port = " + Daemon.freePort(),
                "collector.meta.mode = file",
                "collector.meta.flush.period = 0", "collector.auto.scan.interval = 500ms",
                "collector.supervise.policy = fixed", "collector.supervise.delay = 200ms",
                "collector.supervise.max.attempts = 1000"));
        lines.addAll(List.of(extra));
        return lines.toArray(String[]::new);
    }

    private static String[] instanceFile(String... extra) {
        var status = db.masterStatus();
        List<String> lines = new ArrayList<>(List.of("collector.instance.source.address = 127.0.0.1:" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + status.file(),
                "collector.instance.start.position = " + status.position()));
        lines.addAll(List.of(extra));
        return lines.toArray(String[]::new);
    }

    private static Daemon daemon(Path home, int port) {
        Path conf = home.resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), serverFile(port));
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        return new Daemon(conf);
    }

    /** Takes and acks batches until {@code count} row ids arrived. */
    private static List<Integer> take(CanalConnector c, int count) {
        List<Integer> ids = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ids.size() < count) {
            assertThat(System.nanoTime()).as("%d rows within %s, got %d", count, WAIT, ids.size()).isLessThan(deadline);
            Message m = c.getWithoutAck(100, 200L, TimeUnit.MILLISECONDS);
            ids.addAll(ids(m));
            if (m.getId() > 0) {
                c.ack(m.getId());
            }
        }
        return ids;
    }

    @Test
    void stopAndStartResumeWithNothingLostAndNothingAckedTwice(@TempDir Path home) {
        int port = Daemon.freePort();
        Daemon daemon = daemon(home, port);
        Daemon.write(daemon.conf().resolve("d1/instance.properties"), instanceFile());
        assertThat(daemon.start().status()).isZero();
        try {
            insert(1, 100);
            CanalConnector c = CanalRows.connect(port, "d1", WAIT);
            assertThat(take(c, 100)).isEqualTo(range(1, 100));
            insert(101, 150);
            Message unacked = c.getWithoutAck(20, 2L, TimeUnit.SECONDS);
            assertThat(ids(unacked)).isNotEmpty();
            c.disconnect();
        } finally {
            Daemon.Result stopped = daemon.stop();
            assertThat(stopped.status()).as(stopped.output()).isZero();
        }
        assertThat(daemon.start().status()).as("a stopped server starts again").isZero();
        assertThat(daemon.start().status()).as("a second start on the same conf is refused").isEqualTo(1);
        try {
            insert(151, 200);
            CanalConnector c = CanalRows.connect(port, "d1", WAIT);
            assertThat(take(c, 100)).isEqualTo(range(101, 200));
            c.disconnect();
        } finally {
            daemon.stop();
        }
        assertThat(daemon.log()).contains("[destination=d1] dumping").contains("collector stopped");
    }

    @Test
    void aCanalConfigurationFolderStartsUnchanged(@TempDir Path home) {
        int port = Daemon.freePort();
        Path conf = home.resolve("conf");
        var status = db.masterStatus();
        Daemon.write(conf.resolve("canal.properties"), "canal.port = " + port, "canal.serverMode = tcp",
                "canal.metrics.pull.port = " + Daemon.freePort(), "canal.admin.port = " + Daemon.freePort(),
                "canal.destinations = example", "canal.file.data.dir = " + home.resolve("data"),
                "canal.file.flush.period = 1000", "canal.instance.filter.query.dml = true");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m");
        Daemon.write(conf.resolve("example/instance.properties"),
                "canal.instance.master.address = 127.0.0.1:" + db.port(),
                "canal.instance.dbUsername = " + db.replicationUser(),
                "canal.instance.dbPassword = " + db.replicationPassword(),
                "canal.instance.master.journal.name = " + status.file(),
                "canal.instance.master.position = " + status.position(),
                "canal.instance.filter.regex = shop\\\\..*",
                "canal.instance.tsdb.enable = false");
        Daemon daemon = new Daemon(conf);
        Daemon.Result started = daemon.start();
        assertThat(started.status()).as(started.output()).isZero();
        try {
            insert(1001, 1010);
            CanalConnector c = CanalRows.connect(port, "example", WAIT);
            assertThat(take(c, 10)).isEqualTo(range(1001, 1010));
            c.disconnect();
        } finally {
            daemon.stop();
        }
        assertThat(daemon.log()).contains("Canal key canal.port is read as collector.port")
                .contains("canal.instance.tsdb.enable");
    }

    @Test
    void destinationFoldersAddedAndRemovedWhileRunningStartAndStop(@TempDir Path home) throws Exception {
        int port = Daemon.freePort();
        Daemon daemon = daemon(home, port);
        Daemon.write(daemon.conf().resolve("d1/instance.properties"), instanceFile());
        assertThat(daemon.start().status()).isZero();
        try {
            CanalRows.connect(port, "d1", WAIT).disconnect();
            Daemon.write(daemon.conf().resolve("d2/instance.properties"), instanceFile());
            insert(2001, 2005);
            CanalConnector d2 = CanalRows.connect(port, "d2", WAIT);
            assertThat(take(d2, 5)).isEqualTo(range(2001, 2005));
            d2.disconnect();
            deleteTree(daemon.conf().resolve("d2"));
            Await.until("d2 is stopped", WAIT, () -> daemon.log().contains("[destination=d2] folder removed"));
            CanalConnector again = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port), "d2",
                    "", "");
            again.connect();
            org.assertj.core.api.Assertions.assertThatThrownBy(again::subscribe).hasMessageContaining("d2");
            again.disconnect();
        } finally {
            daemon.stop();
        }
    }

    @Test
    void aDestinationWithADeadSourceKeepsRetryingWhileOthersDeliver(@TempDir Path home) {
        int port = Daemon.freePort();
        Daemon daemon = daemon(home, port);
        Daemon.write(daemon.conf().resolve("good/instance.properties"), instanceFile());
        Daemon.write(daemon.conf().resolve("dead/instance.properties"),
                "collector.instance.source.address = 127.0.0.1:" + Daemon.freePort(),
                "collector.instance.source.user = nobody");
        assertThat(daemon.start().status()).isZero();
        try {
            Await.until("dead is retried", WAIT, () -> daemon.log().split("\\[destination=dead\\] failed \\(attempt").length > 3);
            insert(3001, 3020);
            CanalConnector good = CanalRows.connect(port, "good", WAIT);
            assertThat(take(good, 20)).isEqualTo(range(3001, 3020));
            good.disconnect();
            assertThat(daemon.log()).contains("[destination=dead] failed (attempt 1)").contains("restarting in 200 ms");
        } finally {
            daemon.stop();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
