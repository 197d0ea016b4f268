package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader of two servers is paused with SIGSTOP for longer than the session timeout (3 s by default), the other
 * takes over, and the old one resumes with SIGCONT still believing it leads. Under a steady write load, with a
 * consumer on our SDK's cluster connector: the new leader keeps leading and is never fenced (a write the old one
 * still tries fails on its stale epoch), the old one steps down, every row arrives and no row of a confirmed ack
 * arrives again.
 */
class PausedLeaderIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration PAUSE = Duration.ofSeconds(8);
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE ha_db");
        db.executeIn("ha_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
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
    void aPausedOldLeaderResumesWithoutFencingOrCorruptingTheNewOne(@TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), "d1");
        SteadyWriter writer = new SteadyWriter(db, "ha_db", "t");
        FailoverConsumer consumer = new FailoverConsumer();
        try (CollectorClient client = new CollectorClient(CollectorClientConfig.builder().zookeeper(zk.getConnectString())
                .destination("d1").requestTimeout(Duration.ofSeconds(10))
                .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
            client.connect();
            client.subscribe();
            writer.start();
            consumer.consumeFor(client, Duration.ofSeconds(2));
            String old = cluster.awaitLeader();
            cluster.signal(old, "STOP");
            long pausedAt = System.nanoTime();
            String next = cluster.awaitLeaderOtherThan(old);
            consumeUntilNewRows(client, consumer);
            long left = PAUSE.toNanos() - (System.nanoTime() - pausedAt);
            consumer.consumeFor(client, Duration.ofNanos(Math.max(0, left)));
            cluster.signal(old, "CONT");
            cluster.awaitLog(old, "[destination=d1] " + old + " is no longer the leader");
            consumer.consumeFor(client, Duration.ofSeconds(3));
            writer.finish();
            writer.join();
            consumeAll(client, consumer, writer.written());

            assertThat(cluster.runningNow()).as("the new leader still runs d1").isEqualTo(next);
            assertThat(cluster.logLines(next, "fenced")).as("the new leader was never fenced").isEmpty();
            assertThat(consumer.seen.keySet()).containsExactlyInAnyOrderElementsOf(range(writer.written()));
            assertThat(consumer.duplicatesOfConfirmed).as("rows of confirmed acks delivered again").isEmpty();
            System.out.println("paused leader: " + writer.written() + " rows, delivered twice (unconfirmed acks) "
                    + consumer.seen.values().stream().filter(n -> n > 1).count() + "; the old leader's fenced writes: "
                    + cluster.logLines(old, "fenced"));
        } finally {
            writer.finish();
            cluster.signal(cluster.addresses().get(0), "CONT");
            cluster.signal(cluster.addresses().get(1), "CONT");
            cluster.stopAll();
        }
    }

    private static void consumeUntilNewRows(CollectorClient client, FailoverConsumer consumer) {
        int before = consumer.receivedAt.size();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.receivedAt.size() == before) {
            assertThat(System.nanoTime()).as("a row from the new leader").isLessThan(deadline);
            consumer.round(client);
        }
    }

    private static void consumeAll(CollectorClient client, FailoverConsumer consumer, int total) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!consumer.seen.keySet().containsAll(range(total))) {
            assertThat(System.nanoTime()).as("all %d rows", total).isLessThan(deadline);
            consumer.round(client);
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
