package io.collector.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.Message;
import io.collector.server.daemon.Cluster;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several client ids of one destination on collector processes started with {@code bin/startup.sh}, a real
 * MariaDB and a real ZooKeeper: each client id receives the whole stream with its own batches, acks and rollbacks,
 * and a restart or a {@code kill -9} failover resumes each from its own cursor. Two SDK consumers of one client id
 * run active/standby: {@code kill -9} of the active one's process lets the standby continue, nothing lost and no
 * durably acknowledged row again.
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
        db.executeIn("subs_db", "CREATE TABLE standby_t (id INT PRIMARY KEY, v VARCHAR(20))");
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

    @Test
    void killDashNineOfTheActiveSdkConsumerOfAClientIdLetsTheStandbyContinueWithNothingLostOrRepeated(
            @TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 1, db, zk.getConnectString(), "standby", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = subs_db\\\\.standby_t")));
        try (ConsumerProcess first = ConsumerProcess.start(zk.getConnectString(), "standby", "5001", FILTER);
             CollectorClient second = new CollectorClient(CollectorClientConfig.builder()
                     .zookeeper(zk.getConnectString()).zookeeperSessionTimeout(Duration.ofSeconds(4))
                     .zookeeperConnectionTimeout(Duration.ofSeconds(2))
                     .destination("standby").clientId("5001").requestTimeout(Duration.ofSeconds(10)).build())) {
            first.awaitActive(WAIT);
            insert("standby_t", 1, 100, 10);
            CompletableFuture<Void> secondActive = second.async().connect();
            Await.until("the first consumer acknowledged rows", WAIT, () -> first.confirmed().size() >= 50);
            assertThat(secondActive.isDone()).as("the standby connected while the active consumer lives").isFalse();

            first.kill();
            long killedAt = System.nanoTime();
            insert("standby_t", 101, 200, 10);
            secondActive.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
            second.subscribe(FILTER);
            List<Integer> taken = takeAll(second, first.received(), 200);

            System.out.println("client HA: the standby took over " + takeoverMillis + " ms after kill -9 of the active"
                    + " consumer (ZooKeeper session timeout 4 s); the first got " + first.received().size()
                    + " rows (" + first.confirmed().size() + " durably acknowledged), the standby " + taken.size());
            assertThat(taken).as("rows the standby received, in order, once each").isSorted().doesNotHaveDuplicates()
                    .doesNotContainAnyElementsOf(first.confirmed());
            assertThat(union(first.received(), taken)).containsAll(range(1, 200));
            assertThat(takeoverMillis).as("session timeout, standby delay and reconnect").isLessThan(15_000);
        } finally {
            cluster.stopAll();
        }
    }

    /** Takes and acknowledges until this and {@code before} together hold rows 1 to {@code last}. */
    private static List<Integer> takeAll(CollectorClient client, List<Integer> before, int last) {
        List<Integer> taken = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!union(before, taken).containsAll(range(1, last))) {
            assertThat(System.nanoTime()).as("all rows up to %d", last).isLessThan(deadline);
            Message m = client.getWithoutAck(50, Duration.ofMillis(200));
            m.rows().forEach(row -> taken.add(Integer.parseInt(row.after().get("id"))));
            if (m.batchId() > 0) {
                client.ack(m.batchId());
            }
        }
        return taken;
    }

    private static Set<Integer> union(List<Integer> a, List<Integer> b) {
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
