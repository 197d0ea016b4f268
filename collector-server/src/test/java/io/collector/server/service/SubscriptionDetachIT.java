package io.collector.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorServerException;
import io.collector.server.daemon.Cluster;
import io.collector.server.testkit.TestMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The lag policy {@code detach} and the expiry of unused subscriptions on a collector process started with
 * {@code bin/startup.sh}, a real MariaDB (without column metadata in the binlog, so the schema history labels the
 * rows) and a real ZooKeeper: a client id that stops reading leaves the shared store so another goes on through a
 * small store; when it reads again its own binlog reader catches it up (across an ALTER TABLE, decoded with the
 * columns of each row's time) and it rejoins the shared store, every row received once, in order. An unused client
 * id expires, so the destination goes on under the block policy.
 */
class SubscriptionDetachIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FILTER = "subs_db\\..*";
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.setGlobal("binlog_row_metadata", "MINIMAL");
        db.execute("CREATE DATABASE subs_db");
        db.executeIn("subs_db", "CREATE TABLE detach_t (id INT PRIMARY KEY, v VARCHAR(20))");
        db.executeIn("subs_db", "CREATE TABLE expiry_t (id INT PRIMARY KEY, v VARCHAR(20))");
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

    /** Inserts rows {@code from} to {@code to}, 10 per transaction; with {@code c2}, that column as "x" + id. */
    private static void insert(String table, int from, int to, boolean c2) {
        for (int first = from; first <= to; first += 10) {
            String seq = "seq_" + first + "_to_" + Math.min(to, first + 9);
            db.executeIn("subs_db", c2 ? "INSERT INTO " + table + " SELECT seq, 'v', CONCAT('x', seq) FROM " + seq
                    : "INSERT INTO " + table + " SELECT seq, 'v' FROM " + seq);
        }
    }

    /** The {@code subscription} state of a client id in the admin API's destination view. */
    private static String subscriptionState(Cluster cluster, String destination, String clientId) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + cluster.adminPort(cluster.awaitLeader()) + "/api/destinations");
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode view : new ObjectMapper().readTree(body)) {
            for (JsonNode client : view.path("clients")) {
                if (view.get("name").asText().equals(destination) && client.get("clientId").asText().equals(clientId)) {
                    return client.get("subscription").asText();
                }
            }
        }
        return null;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aSlowClientIdDetachesCatchesUpWithItsOwnReaderAcrossAnAlterAndRejoinsWithEveryRowOnceInOrder(
            @TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 1, db, zk.getConnectString(), "detach", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = subs_db\\\\.detach_t",
                        "collector.instance.store.capacity.entries = 256",
                        "collector.instance.subscription.lag.policy = detach")));
        try (Subscriber fast = new Subscriber(zk.getConnectString(), "detach", "6001", FILTER);
             Subscriber slow = new Subscriber(zk.getConnectString(), "detach", "6002", FILTER)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            insert("detach_t", 1, 200, false);
            fast.consumeUntil(200, 100, deadline);
            slow.consumeUntil(200, 100, deadline);

            insert("detach_t", 201, 700, false);
            db.executeIn("subs_db", "ALTER TABLE detach_t ADD COLUMN c2 VARCHAR(20)");
            insert("detach_t", 701, 1200, true);
            fast.consumeUntil(1200, 100, deadline);
            System.out.println("detach: " + cluster.logLines("subscription 6002"));
            assertThat(fast.received).as("the fast client id goes on through a 256-entry store")
                    .isEqualTo(range(1, 1200));
            assertThat(cluster.logLines("subscription 6002 detached from the shared store")).hasSize(1);
            assertThat(subscriptionState(cluster, "detach", "6002")).isEqualTo("DETACHED");
            assertThat(subscriptionState(cluster, "detach", "6001")).isEqualTo("ATTACHED");

            slow.consumeUntil(1200, 100, deadline);
            insert("detach_t", 1201, 1300, true);
            fast.consumeUntil(1300, 100, deadline);
            slow.consumeUntil(1300, 100, deadline);

            System.out.println("detach, catch-up and rejoin: " + cluster.logLines("subscription 6002"));
            assertThat(cluster.logLines("subscription 6002 catches up with its own binlog reader")).hasSize(1);
            assertThat(cluster.logLines("subscription 6002 caught up and rejoined the shared store")).hasSize(1);
            assertThat(subscriptionState(cluster, "detach", "6002")).isEqualTo("ATTACHED");
            assertThat(slow.received).as("the slow client id: every row once, in order").isEqualTo(range(1, 1300));
            assertThat(fast.received).isEqualTo(range(1, 1300));
            assertThat(slow.rows.get(700)).as("a row before the ALTER, read by the catch-up reader")
                    .doesNotContainKey("c2");
            assertThat(slow.rows.get(701)).as("a row after the ALTER, read by the catch-up reader")
                    .containsEntry("c2", "x701");
            assertThat(slow.ddl).as("the ALTER, read by the catch-up reader").hasSize(1);
            assertThat(slow.rows.get(1250)).as("a row read from the shared store again").containsEntry("c2", "x1250");
        } finally {
            cluster.stopAll();
        }
    }

    @Test
    void anUnusedClientIdExpiresSoTheDestinationGoesOnUnderBlock(@TempDir Path dir) throws Exception {
        Cluster cluster = Cluster.start(dir, 1, db, zk.getConnectString(), "expiry", new Cluster.Extra(List.of(),
                List.of("collector.instance.filter.include = subs_db\\\\.expiry_t",
                        "collector.instance.store.capacity.entries = 64",
                        "collector.instance.subscription.expiry = 3s")));
        try (Subscriber active = new Subscriber(zk.getConnectString(), "expiry", "7001", FILTER);
             CollectorClient idle = new CollectorClient(CollectorClientConfig.builder().zookeeper(zk.getConnectString())
                     .destination("expiry").clientId("7002").requestTimeout(Duration.ofSeconds(10)).build())) {
            idle.connect();
            idle.subscribe(FILTER);
            insert("expiry_t", 1, 300, false);
            active.consumeUntil(300, 50, System.nanoTime() + WAIT.toNanos());

            assertThat(active.received).as("the active client id, once the idle one expired")
                    .isEqualTo(range(1, 300));
            assertThat(cluster.logLines("subscription 7002 expired: unused for 3 s")).hasSize(1);
            assertThat(cluster.logLines("subscription 7002 removed")).hasSize(1);
            assertExpiredClientIsRefusedAtOnce(idle);
        } finally {
            cluster.stopAll();
        }
    }

    /**
     * The expired client's next get is refused as not subscribed, as its own answer: the rollback the SDK sent
     * after subscribing was answered (ack replies), so the refusal is not taken for the rollback's and the get
     * fails well within the 10 s request timeout instead of timing out.
     */
    private static void assertExpiredClientIsRefusedAtOnce(CollectorClient idle) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> idle.getWithoutAck(10)).isInstanceOfSatisfying(CollectorServerException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(401);
            assertThat(e.serverMessage()).contains("has not subscribed");
            assertThat(e.getMessage()).contains("getWithoutAck").doesNotContain("rollback");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("expired client's get refused after " + took.toMillis() + " ms");
        assertThat(took).as("refused promptly, not after the request timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(idle.isConnected()).as("a refusal keeps the connection").isTrue();
    }
}
