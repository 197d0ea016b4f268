package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.server.daemon.Cluster;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector processes on a three-node ZooKeeper ensemble, at the shipped HA defaults, under a steady writer
 * with a consumer on our SDK's cluster connector. The ZooKeeper leader node is killed, the stream goes on (or
 * resumes by itself); the node comes back; then a follower node is killed and the stream goes on again. Every row
 * arrives and no row of a batch whose ack the server applied arrives again.
 */
class ZooKeeperEnsembleIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Rows the writer adds (about 2 s of them) after a ZooKeeper node went, which must arrive too. */
    private static final int ROWS_AFTER = 300;
    private static TestMariaDb db;
    private static TestingCluster ensemble;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE zke_db");
        db.executeIn("zke_db", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
        System.setProperty("zookeeper.4lw.commands.whitelist", "srvr");
        ensemble = new TestingCluster(3);
        ensemble.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ensemble != null) {
            ensemble.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void losingTheZooKeeperLeaderThenAFollowerLosesNothingAndRepeatsNoAppliedAck(@TempDir Path dir)
            throws Exception {
        Cluster cluster = Cluster.start(dir, 2, db, ensemble.getConnectString(), "z1");
        SteadyWriter writer = new SteadyWriter(db, "zke_db", "t");
        FailoverConsumer consumer = new FailoverConsumer();
        try (CollectorClient client = new CollectorClient(CollectorClientConfig.builder()
                .zookeeper(ensemble.getConnectString()).destination("z1").requestTimeout(Duration.ofSeconds(10))
                .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
            cluster.awaitLeader();
            client.connect();
            client.subscribe();
            writer.start();
            consumer.consumeFor(client, Duration.ofSeconds(2));
            InstanceSpec leader = nodeIn("leader");
            streamGoesOnWithout(leader, "leader", client, consumer, writer);
            ensemble.restartServer(leader);
            awaitQuorum();
            streamGoesOnWithout(nodeIn("follower"), "follower", client, consumer, writer);
            writer.finish();
            writer.join();
            consumeUntil(client, consumer, writer.written());
            System.out.println("ZooKeeper ensemble: rows " + writer.written() + ", delivered twice (unapplied acks) "
                    + consumer.seen.values().stream().filter(n -> n > 1).count());
            assertThat(consumer.seen.keySet()).containsExactlyInAnyOrderElementsOf(range(writer.written()));
            assertThat(consumer.duplicatesOfConfirmed).as("rows of applied acks delivered again").isEmpty();
            cluster.assertNoOverlappingLeadership();
        } finally {
            writer.finish();
            cluster.stopAll();
        }
    }

    /** Kills {@code node} and consumes until the rows written up to then and {@link #ROWS_AFTER} more arrived. */
    private static void streamGoesOnWithout(InstanceSpec node, String role, CollectorClient client,
                                            FailoverConsumer consumer, SteadyWriter writer) throws Exception {
        assertThat(ensemble.killServer(node)).as("killed the ZooKeeper %s", role).isTrue();
        long killedAt = System.nanoTime();
        int target = writer.written() + ROWS_AFTER;
        Await.until("the writer adds " + ROWS_AFTER + " rows", WAIT, () -> writer.written() >= target);
        consumeUntil(client, consumer, target);
        System.out.println("ZooKeeper " + role + " " + node.getConnectString() + " killed: caught up with the"
                + " writer after " + (System.nanoTime() - killedAt) / 1_000_000 + " ms");
    }

    private static void consumeUntil(CollectorClient client, FailoverConsumer consumer, int total) {
        Set<Integer> all = range(total);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!consumer.seen.keySet().containsAll(all)) {
            assertThat(System.nanoTime()).as("rows 1 to %d", total).isLessThan(deadline);
            consumer.round(client);
        }
    }

    private static void awaitQuorum() {
        Await.until("a ZooKeeper leader and two followers", WAIT, () -> {
            int followers = 0;
            int leaders = 0;
            for (InstanceSpec spec : ensemble.getInstances()) {
                String mode = mode(spec);
                followers += "follower".equals(mode) ? 1 : 0;
                leaders += "leader".equals(mode) ? 1 : 0;
            }
            return leaders == 1 && followers == 2;
        });
    }

    /** The ensemble node whose {@code srvr} answer says {@code Mode: <mode>}. */
    private static InstanceSpec nodeIn(String mode) {
        InstanceSpec[] found = new InstanceSpec[1];
        Await.until("a ZooKeeper " + mode, WAIT, () -> {
            for (InstanceSpec spec : ensemble.getInstances()) {
                if (mode.equals(mode(spec))) {
                    found[0] = spec;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** The node's role from ZooKeeper's {@code srvr} command; empty when it does not answer. */
    private static String mode(InstanceSpec spec) {
        try (Socket socket = new Socket("127.0.0.1", spec.getPort())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : answer.split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring("Mode: ".length()).strip();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
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
