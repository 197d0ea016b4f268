package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorClientException;
import io.collector.server.daemon.Cluster;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TcpFaultProxy;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leading collector alone is cut off from ZooKeeper: it reaches ZooKeeper through a TCP proxy that starts
 * black-holing the traffic (a partition: nothing is closed, bytes vanish), while the standby and MariaDB stay
 * reachable. Under a steady writer, with one consumer connected straight to each server, at the shipped defaults:
 * the cut-off leader delivers its last row before ZooKeeper expires its session, the standby takes over, no row
 * arrives from the standby before the last one from the old leader, nothing is lost and no row of an applied ack
 * comes again.
 */
class ZooKeeperPartitionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE part_db");
        db.executeIn("part_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
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
    void aLeaderCutOffFromZooKeeperStopsDeliveringBeforeItsSessionExpiresAndNeverOverlapsItsSuccessor(
            @TempDir Path dir) throws Exception {
        SteadyWriter writer = new SteadyWriter(db, "part_db", "t");
        Cluster cluster = Cluster.empty(dir, db, zk.getConnectString(), "p1");
        TcpFaultProxy proxy = new TcpFaultProxy("127.0.0.1", zk.getPort());
        try (CuratorFramework watcher = CuratorFrameworkFactory.newClient(zk.getConnectString(),
                new RetryNTimes(10, 100))) {
            watcher.start();
            String cutOff = cluster.addServer("127.0.0.1:" + proxy.port(), Cluster.Extra.NONE);
            assertThat(cluster.awaitLeader()).isEqualTo(cutOff);
            String standby = cluster.addServer(zk.getConnectString(), Cluster.Extra.NONE);
            Await.until("the standby registered", WAIT, () -> exists(watcher, Znodes.server(standby)));
            try (Poller old = new Poller(cutOff); Poller next = new Poller(standby)) {
                writer.start();
                pollFor(Duration.ofSeconds(2), old, next);
                proxy.blackhole(true);
                long cutAt = System.nanoTime();
                long expiredAt = awaitExpiry(watcher, cutOff, old, next);
                cluster.awaitLeaderOtherThan(cutOff);
                pollUntil(() -> !next.consumer.receivedAt.isEmpty(), old, next);
                writer.finish();
                writer.join();
                Set<Integer> all = range(writer.written());
                pollUntil(() -> union(old, next).containsAll(all), old, next);

                long lastOld = Collections.max(old.consumer.receivedAt);
                long firstNext = Collections.min(next.consumer.receivedAt);
                System.out.println("partitioned leader: last row " + ms(lastOld - cutAt) + " ms after the cut, its"
                        + " session expired after " + ms(expiredAt - cutAt) + " ms, first row from the new leader "
                        + ms(firstNext - cutAt) + " ms after the cut; rows " + all.size());
                assertThat(lastOld).as("the old leader's last row came before its session expired")
                        .isLessThan(expiredAt);
                assertThat(lastOld).as("no row from the new leader before the old leader's last").isLessThan(firstNext);
                assertThat(union(old, next)).containsExactlyInAnyOrderElementsOf(all);
                assertThat(old.consumer.duplicatesOfConfirmed).isEmpty();
                assertThat(next.consumer.duplicatesOfConfirmed).isEmpty();
                assertThat(Collections.disjoint(old.consumer.confirmed, next.consumer.seen.keySet()))
                        .as("rows of acks the old leader applied delivered again by the new one").isTrue();
            }
        } finally {
            writer.finish();
            proxy.blackhole(false);
            cluster.stopAll();
            proxy.close();
        }
    }

    /** Polls both servers until the cut-off server's registration znode is gone; returns when it was seen gone. */
    private static long awaitExpiry(CuratorFramework watcher, String cutOff, Poller... pollers) {
        AtomicLong goneAt = new AtomicLong();
        pollUntil(() -> {
            if (!exists(watcher, Znodes.server(cutOff))) {
                goneAt.compareAndSet(0, System.nanoTime());
            }
            return goneAt.get() != 0;
        }, pollers);
        return goneAt.get();
    }

    private static boolean exists(CuratorFramework watcher, String path) {
        try {
            return watcher.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pollFor(Duration time, Poller... pollers) {
        long until = System.nanoTime() + time.toNanos();
        pollUntil(() -> System.nanoTime() > until, pollers);
    }

    private static void pollUntil(java.util.function.BooleanSupplier done, Poller... pollers) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting while polling both servers").isLessThan(deadline);
            for (Poller p : pollers) {
                p.round();
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    private static Set<Integer> union(Poller a, Poller b) {
        Set<Integer> all = new HashSet<>(a.consumer.seen.keySet());
        all.addAll(b.consumer.seen.keySet());
        return all;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static Set<Integer> range(int total) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 1; i <= total; i++) {
            ids.add(i);
        }
        return ids;
    }

    /**
     * A consumer connected straight to one server; after a refused subscription or a failed get it subscribes
     * again (a standby refuses both until it leads).
     */
    private static final class Poller implements AutoCloseable {

        final FailoverConsumer consumer = new FailoverConsumer();
        private final CollectorClient client;
        private boolean subscribed;

        Poller(String address) {
            String[] hostPort = address.split(":");
            client = new CollectorClient(CollectorClientConfig.builder()
                    .address(hostPort[0], Integer.parseInt(hostPort[1])).destination("p1")
                    .requestTimeout(Duration.ofSeconds(10))
                    .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(500)).build());
        }

        void round() {
            if (!subscribed) {
                try {
                    client.connect();
                    client.subscribe();
                    subscribed = true;
                } catch (CollectorClientException e) {
                    return;
                }
            }
            subscribed = consumer.round(client);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
