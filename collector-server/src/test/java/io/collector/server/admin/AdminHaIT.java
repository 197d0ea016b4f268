package io.collector.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.daemon.Cluster;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API under high availability, with two real server processes, a real ZooKeeper and MariaDB: the standby
 * answers with the leader's address, the leader stops with a savepoint kept in ZooKeeper, and the server that
 * takes over starts from that savepoint, so a client receives again exactly the rows after it.
 */
class AdminHaIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String API = "/api/destinations/example";

    @TempDir
    Path dir;

    @Test
    void stopWithSavepointThenStartFromItOnTheNextLeader() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start(); TestingServer zk = new TestingServer(true)) {
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))");
            Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), "example");
            try {
                String leader = cluster.awaitLeader();
                String standby = cluster.addresses().stream().filter(a -> !a.equals(leader)).findFirst().orElseThrow();
                AdminClient onLeader = new AdminClient(cluster.adminPort(leader), null);
                AdminClient onStandby = new AdminClient(cluster.adminPort(standby), null);
                Await.until("the leader runs example", WAIT, () -> phase(onLeader).equals("RUNNING"));
                // the standby may still be starting: its endpoints open once it has joined ZooKeeper
                cluster.awaitLog(standby, "admin API and status page at");
                assertThat(scrape(cluster.metricsPort(leader)))
                        .contains("collector_destination_leaderships_total{destination=\"example\"} 1.0")
                        .contains("collector_destination_leader{destination=\"example\"} 1.0")
                        .contains("collector_zookeeper_connected 1.0");
                assertThat(scrape(cluster.metricsPort(standby)))
                        .contains("collector_destination_leaderships_total{destination=\"example\"} 0.0")
                        .contains("collector_destination_leader{destination=\"example\"} 0.0");
                insert(db, 1, 10);
                try (RowClient client = new RowClient(port(leader), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(1, 10));
                }

                AdminClient.Answer refused = onStandby.post(API + "/stop?savepoint=sp", "");
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.body().get("leader").asText()).isEqualTo(leader);
                assertThat(onStandby.get("/api/destinations").body().get(0).get("role").asText()).isEqualTo("standby");

                AdminClient.Answer stopped = onLeader.post(API + "/stop?savepoint=sp", "");
                assertThat(stopped.status()).as(String.valueOf(stopped.body())).isEqualTo(200);
                assertThat(stopped.body().get("state").get("phase").asText()).isEqualTo("STOPPED");
                assertThat(stopped.body().get("role").asText()).isEqualTo("leader");
                insert(db, 11, 10);

                cluster.stopLeader();
                String next = cluster.awaitLeader();
                assertThat(next).isEqualTo(standby);
                try (RowClient client = new RowClient(port(next), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(11, 10));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }
                assertThat(onStandby.get(API + "/savepoints").body().get(0).get("name").asText()).isEqualTo("sp");
                AdminClient.Answer started = onStandby.post(API + "/start?savepoint=sp", "");
                assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(200);
                assertThat(started.body().get("state").get("phase").asText()).isEqualTo("RUNNING");
                try (RowClient client = new RowClient(port(next), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(11, 10));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }
            } finally {
                cluster.stopAll();
            }
        }
    }

    private static String phase(AdminClient admin) {
        AdminClient.Answer answer = admin.get(API);
        return answer.status() == 200 ? answer.body().path("state").path("phase").asText() : "";
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static void insert(TestMariaDb db, int from, int count) {
        for (int id = from; id < from + count; id++) {
            db.executeIn("shop", "INSERT INTO orders VALUES (" + id + ", 'order " + id + "')");
        }
    }

    private static List<Integer> range(int from, int count) {
        return IntStream.range(from, from + count).boxed().toList();
    }

    private static String scrape(int port) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
