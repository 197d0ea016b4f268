package io.collector.server.daemon;

import static io.collector.server.daemon.CanalRows.ids;
import static io.collector.server.daemon.CanalRows.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a destination whose store is full while no client reads: the parser is then parked handing an event
 * on, inside the binlog client's callback (checked with a real thread dump of the server process). A SIGTERM
 * must end the real server process within seconds, with the cursors written (the restart resumes exactly after
 * the last ack); the loss of the ZooKeeper connection must stop the destination within seconds too, and so must a
 * SIGTERM in kafka mode while the broker is down (the publisher retrying a batch it cannot send).
 */
class BoundedStopIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The bound asserted on a stop; the issue asks for "a few seconds", the margin is for a loaded machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(10);
    private static final int ACKED = 100;
    /** Rows of 2 KB: a few per rows event, so far more entries than the store (16) and the conversion queue hold. */
    private static final int BACKLOG = 5_000;
    private static TestMariaDb db;

    @BeforeAll
    static void startDb() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE shop");
        db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(2000))");
    }

    @AfterAll
    static void stopDb() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void sigtermWithAFullStoreAndNoReaderEndsTheProcessWithinSecondsAndTheRestartResumesExactly(@TempDir Path home)
            throws Exception {
        int port = Daemon.freePort();
        Path conf = home.resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), "collector.port = " + port, "collector.admin.port = " + Daemon.freePort(),
                "collector.metrics.port = " + Daemon.freePort(), "collector.meta.mode = file", "collector.store.capacity.entries = 16");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
        Daemon.write(conf.resolve("d1/instance.properties"), instanceFile());
        Daemon daemon = new Daemon(conf);
        assertThat(daemon.start().status()).isZero();
        long pid;
        try {
            CanalConnector c = CanalRows.connect(port, "d1", WAIT);
            insert(1, ACKED, ACKED);
            assertThat(take(c, ACKED)).containsExactlyElementsOf(range(1, ACKED));
            c.disconnect();
            insert(ACKED + 1, ACKED + BACKLOG, 500);
            pid = pid(conf);
            awaitParserParked(pid);
            long elapsed = sigterm(pid);
            System.out.printf("SIGTERM with a full store and no reader: process gone after %d ms%n", elapsed);
            assertThat(Duration.ofMillis(elapsed)).isLessThan(STOP_BOUND);
        } finally {
            daemon.stop();
        }
        assertThat(daemon.log()).contains("[destination=d1] store stopped with").contains("collector stopped");
        assertThat(daemon.start().status()).isZero();
        try {
            CanalConnector c = CanalRows.connect(port, "d1", WAIT);
            List<Integer> rest = take(c, BACKLOG);
            c.disconnect();
            assertThat(rest).as("every row after the last ack, once, in order")
                    .containsExactlyElementsOf(range(ACKED + 1, ACKED + BACKLOG));
        } finally {
            daemon.stop();
        }
    }

    @Test
    void lossOfTheZooKeeperConnectionWithAFullStoreStopsTheDestinationWithinSeconds(@TempDir Path home)
            throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            Cluster cluster = Cluster.start(home, 1, db, zk.getConnectString(), "d2",
                    new Cluster.Extra(List.of("collector.store.capacity.entries = 16"), List.of()));
            try {
                String leader = cluster.awaitLeader();
                cluster.awaitLog(leader, "[destination=d2] dumping");
                insert(100_001, 100_000 + BACKLOG, 500);
                awaitParserParked(cluster.pid(leader));
                zk.stop();
                cluster.awaitLog(leader, "[destination=d2] store stopped with");
                long millis = cluster.logMillis(leader, "[destination=d2] store stopped with")
                        - cluster.logMillis(leader, "[destination=d2] ZooKeeper connection suspended");
                System.out.printf("ZooKeeper connection lost with a full store: destination stopped after %d ms%n",
                        millis);
                assertThat(Duration.ofMillis(millis)).isLessThan(STOP_BOUND);
                zk.restart();
            } finally {
                cluster.stopAll();
            }
        }
    }

    @Test
    void sigtermInKafkaModeWithTheBrokerDownAndAFullStoreEndsTheProcessWithinSeconds(@TempDir Path home)
            throws Exception {
        Path conf = home.resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), "collector.port = " + Daemon.freePort(),
                "collector.admin.port = " + Daemon.freePort(), "collector.metrics.port = " + Daemon.freePort(),
                "collector.mode = kafka", "kafka.bootstrap.servers = 127.0.0.1:" + Daemon.freePort(),
                "collector.meta.mode = file", "collector.store.capacity.entries = 16");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
        Daemon.write(conf.resolve("d3/instance.properties"), instanceFile());
        Daemon daemon = new Daemon(conf);
        assertThat(daemon.start().status()).isZero();
        try {
            insert(200_001, 200_000 + BACKLOG, 500);
            long pid = pid(conf);
            awaitParserParked(pid);
            long elapsed = sigterm(pid);
            System.out.printf("SIGTERM in kafka mode, broker down, full store: process gone after %d ms%n", elapsed);
            assertThat(Duration.ofMillis(elapsed)).isLessThan(STOP_BOUND);
        } finally {
            daemon.stop();
        }
        assertThat(daemon.log()).contains("[destination=d3] store stopped with").contains("collector stopped");
    }

    /** Waits until a thread dump of the server shows the parser waiting to hand an event to the full store. */
    private static void awaitParserParked(long pid) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        Await.until("the parser of pid " + pid + " waits in ConversionStage.submit", WAIT,
                () -> threadDump(jstack, pid).contains("ConversionStage.submit"));
    }

    private static String threadDump(Path jstack, long pid) {
        try {
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jstack finished").isTrue();
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends SIGTERM; returns the milliseconds until the process was gone. */
    private static long sigterm(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        long start = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor()).isZero();
        Await.until("pid " + pid + " is gone", WAIT, () -> !process.isAlive());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long pid(Path conf) {
        try {
            return Long.parseLong(Files.readString(conf.resolve("collector.pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] instanceFile() {
        var status = db.masterStatus();
        return new String[] {"collector.instance.source.address = 127.0.0.1:" + db.port(),
            "collector.instance.source.user = " + db.replicationUser(),
            "collector.instance.source.password = " + db.replicationPassword(),
            "collector.instance.start.journal = " + status.file(),
            "collector.instance.start.position = " + status.position()};
    }

    /** Inserts ids {@code from..to}, {@code perTransaction} rows per transaction. */
    private static void insert(int from, int to, int perTransaction) {
        for (int first = from; first <= to; first += perTransaction) {
            int last = Math.min(to, first + perTransaction - 1);
            db.executeIn("shop", "INSERT INTO orders SELECT seq, REPEAT('x', 2000) FROM seq_" + first + "_to_"
                    + last);
        }
    }

    /** Takes and acks batches until {@code count} row ids arrived; fails on a repeated id. */
    private static List<Integer> take(CanalConnector c, int count) {
        List<Integer> ids = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (ids.size() < count) {
            assertThat(System.nanoTime()).as("%d rows within %s, got %d", count, WAIT, ids.size()).isLessThan(deadline);
            Message m = c.getWithoutAck(1000, 200L, TimeUnit.MILLISECONDS);
            for (int id : ids(m)) {
                assertThat(seen.add(id)).as("row %d arrives once", id).isTrue();
                ids.add(id);
            }
            if (m.getId() > 0) {
                c.ack(m.getId());
            }
        }
        return ids;
    }
}
