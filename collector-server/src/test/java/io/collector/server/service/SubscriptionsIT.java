package io.collector.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.Message;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several client ids of one destination on collector processes started with {@code bin/startup.sh}, a real
 * MariaDB and a real ZooKeeper: each client id receives the whole stream with its own batches, acks and rollbacks,
 * and a restart or a {@code kill -9} failover resumes each from its own cursor.
 */
class SubscriptionsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FILTER = "subs_db\\..*";
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE subs_db");
        db.executeIn("subs_db", "CREATE TABLE load_t (id INT PRIMARY KEY, v VARCHAR(20))");
        db.executeIn("subs_db", "CREATE TABLE resume_t (id INT PRIMARY KEY, v VARCHAR(20))");
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

    /** Inserts rows {@code from} to {@code to} into {@code table}, {@code perTransaction} rows per transaction. */
    private static void insert(String table, int from, int to, int perTransaction) {
        for (int first = from; first <= to; first += perTransaction) {
            int last = Math.min(to, first + perTransaction - 1);
            db.executeIn("subs_db", "INSERT INTO " + table + " SELECT seq, 'v' FROM seq_" + first + "_to_" + last);
        }
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void underLoadASlowAndAFlakyClientIdNeitherStealNorLoseAndEachGetsEveryRowOnceInOrder(@TempDir Path dir)
            throws Exception {
        int total = 3000;
        Cluster cluster = Cluster.start(dir, 1, db, zk.getConnectString(), "load", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = subs_db\\\\.load_t",
                        "collector.instance.store.capacity.entries = 256")));
        try (Subscriber fast = new Subscriber(zk.getConnectString(), "load", "3001", FILTER);
             Subscriber slow = new Subscriber(zk.getConnectString(), "load", "3002", FILTER);
             Subscriber flaky = new Subscriber(zk.getConnectString(), "load", "3003", FILTER)) {
            Thread writer = new Thread(() -> insert("load_t", 1, total, 30), "load-writer");
            writer.start();
            long deadline = System.nanoTime() + WAIT.toNanos();
            int round = 0;
            while ((fast.acked.size() < total || slow.acked.size() < total || flaky.acked.size() < total)
                    && System.nanoTime() < deadline) {
                fast.consumeUntil(total, 100, Math.min(deadline, System.nanoTime() + 50_000_000L));
                slowRound(slow, total);
                flakyRound(flaky, round++, total);
            }
            writer.join(WAIT.toMillis());
            System.out.println("subscriptions under load: " + total + " rows; received fast " + fast.received.size()
                    + ", slow " + slow.received.size() + ", flaky " + flaky.received.size() + " (rolled back or"
                    + " dropped and received again: " + (flaky.received.size() - flaky.acked.size()) + ")");
            assertThat(fast.received).as("fast client id").isEqualTo(range(1, total));
            assertThat(slow.received).as("slow client id").isEqualTo(range(1, total));
            assertThat(flaky.acked).as("rows the flaky client id acknowledged").isEqualTo(range(1, total));
            assertThat(flaky.received).as("flaky client id").containsAll(range(1, total));
        } finally {
            cluster.stopAll();
        }
    }

    /** A small batch, acknowledged after a pause. */
    private static void slowRound(Subscriber slow, int total) throws InterruptedException {
        if (slow.acked.size() >= total) {
            return;
        }
        Message m = slow.take(10);
        if (m != null) {
            Thread.sleep(20);
            slow.ack(m);
        }
    }

    /** Takes a batch, then in turn rolls it back, drops the connection holding it, or acknowledges it. */
    private static void flakyRound(Subscriber flaky, int round, int total) {
        if (flaky.acked.size() >= total) {
            return;
        }
        Message m = flaky.take(50);
        if (m == null) {
            return;
        }
        switch (round % 3) {
            case 0 -> flaky.rollback();
            case 1 -> flaky.reconnect();
            default -> flaky.ack(m);
        }
    }

    @Test
    void aKillDashNineFailoverAndARestartResumeEachClientIdFromItsOwnCursor(@TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), "resume", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = subs_db\\\\.resume_t")));
        try (Subscriber ahead = new Subscriber(zk.getConnectString(), "resume", "4001", FILTER);
             Subscriber behind = new Subscriber(zk.getConnectString(), "resume", "4002", FILTER)) {
            insert("resume_t", 1, 200, 10);
            long deadline = System.nanoTime() + WAIT.toNanos();
            ahead.consumeUntil(200, 50, deadline);
            behind.consumeUntil(80, 10, deadline);
            ahead.confirmAcks();
            behind.confirmAcks();

            insert("resume_t", 201, 300, 10);
            cluster.killLeader();
            ahead.consumeUntil(300, 50, deadline);
            behind.consumeUntil(300, 50, deadline);
            assertThat(ahead.received).as("after kill -9: the ahead client id").isEqualTo(range(1, 300));
            assertThat(behind.received).as("after kill -9: the client id behind").isEqualTo(range(1, 300));
            ahead.confirmAcks();
            behind.confirmAcks();

            cluster.restartDead();
            cluster.stopLeader();
            insert("resume_t", 301, 350, 10);
            ahead.consumeUntil(350, 50, deadline);
            behind.consumeUntil(350, 50, deadline);
            assertThat(ahead.received).as("after a restart: the ahead client id").isEqualTo(range(1, 350));
            assertThat(behind.received).as("after a restart: the client id behind").isEqualTo(range(1, 350));
            cluster.assertNoOverlappingLeadership();
        } finally {
            cluster.stopAll();
        }
    }
}
