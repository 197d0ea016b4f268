package io.collector.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.collector.server.CollectorServer;
import io.collector.server.config.ConfigLoader;
import io.collector.server.testing.Await;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of a real server reading a real MariaDB, with a real Canal client: authentication, list, stop and
 * start, moving a cursor, and savepoints that make the client receive again exactly what came after them.
 */
class AdminIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final String API = "/api/destinations/example";

    @TempDir
    Path home;

    @Test
    void refusesRequestsWithoutValidCredentials() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            CollectorServer server = start(writeConf(db, "collector.admin.user = ops",
                    "collector.admin.password = s3cret-admin", "collector.savepoint.interval = 300ms",
                    "collector.savepoint.retained = 2"));
            try {
                int port = server.adminPort().orElseThrow();
                assertThat(new AdminClient(port, null).get("/api/destinations").status()).isEqualTo(401);
                assertThat(new AdminClient(port, "Bearer wrong-token-0123456789").get("/api/destinations").status())
                        .isEqualTo(401);
                assertThat(new AdminClient(port, basic("ops", "wrong")).get("/api/destinations").status())
                        .isEqualTo(401);
                assertThat(new AdminClient(port, null).post(API + "/stop", "").status()).isEqualTo(401);
                assertThat(server.states().get("example").phase().name()).isEqualTo("RUNNING");

                assertThat(new AdminClient(port, "Bearer " + TOKEN).get("/api/destinations").status()).isEqualTo(200);
                assertThat(new AdminClient(port, basic("ops", "s3cret-admin")).get("/api/destinations").status())
                        .isEqualTo(200);
                assertThat(new AdminClient(port, null).get("/health").status()).isEqualTo(200);
                AdminClient.Answer page = new AdminClient(port, null).get("/ready");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body().get("ready").asBoolean()).isTrue();

                // automatic savepoints come every 300 ms; only the two newest are kept, so the oldest one changes
                AdminClient admin = new AdminClient(port, "Bearer " + TOKEN);
                long[] first = {0};
                Await.until("two automatic savepoints, the oldest replaced", WAIT, () -> {
                    JsonNode list = admin.get(API + "/savepoints").body();
                    if (list.size() != 2) {
                        return false;
                    }
                    assertThat(list.get(0).get("automatic").asBoolean()).isTrue();
                    long oldest = Long.parseLong(list.get(0).get("name").asText().substring("auto-".length()));
                    first[0] = first[0] == 0 ? oldest : first[0];
                    return oldest > first[0];
                });
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void listStopStartAndMoveACursor() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))");
            MasterStatus beforeRows = db.masterStatus();
            CollectorServer server = start(writeConf(db));
            AdminClient admin = new AdminClient(server.adminPort().orElseThrow(), "Bearer " + TOKEN);
            try {
                insert(db, 1, 10);
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(1, 10));
                }
                JsonNode list = admin.get("/api/destinations").body();
                assertThat(list).hasSize(1);
                JsonNode example = list.get(0);
                assertThat(example.get("name").asText()).isEqualTo("example");
                assertThat(example.get("role").asText()).isEqualTo("standalone");
                assertThat(example.get("state").get("phase").asText()).isEqualTo("RUNNING");
                assertThat(example.get("rowsStored").asLong()).isEqualTo(10);
                assertThat(example.get("clients").get(0).get("clientId").asText()).isEqualTo("1001");
                assertThat(example.get("clients").get(0).get("cursor").get("journal").asText())
                        .isEqualTo(beforeRows.file());

                assertThat(admin.post(API + "/stop", "").body().get("state").get("phase").asText())
                        .isEqualTo("STOPPED");
                assertThat(server.destination("example")).isEmpty();
                assertThat(admin.post(API + "/start", "").body().get("state").get("phase").asText())
                        .isEqualTo("RUNNING");
                assertThat(admin.get("/api/destinations/nope").status()).isEqualTo(404);
                assertThat(admin.post(API + "/clients/1001/cursor", "{\"position\":\"nonsense\"}").status())
                        .isEqualTo(400);

                AdminClient.Answer moved = admin.post(API + "/clients/1001/cursor",
                        "{\"position\":\"" + beforeRows.file() + ":" + beforeRows.position() + "\"}");
                assertThat(moved.status()).as(String.valueOf(moved.body())).isEqualTo(200);
                assertThat(moved.body().get("state").get("phase").asText()).isEqualTo("RUNNING");
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(1, 10));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }

                // rows stamped 1000 s and 2000 s ahead; a cursor moved to 1500 s ahead gets the second ones only
                long now = System.currentTimeMillis() / 1000;
                insertAt(db, now + 1000, 11, 5);
                insertAt(db, now + 2000, 16, 5);
                AdminClient.Answer byTime = admin.post(API + "/clients/1001/cursor",
                        "{\"timestamp\":" + (now + 1500) * 1000 + "}");
                assertThat(byTime.status()).as(String.valueOf(byTime.body())).isEqualTo(200);
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(5, WAIT)).containsExactlyElementsOf(range(16, 5));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }
            } finally {
                server.stop();
            }
        }
    }

    private static void insertAt(TestMariaDb db, long epochSeconds, int from, int count) {
        for (int id = from; id < from + count; id++) {
            db.executeIn("shop", "SET TIMESTAMP = " + epochSeconds,
                    "INSERT INTO orders VALUES (" + id + ", 'order " + id + "')");
        }
    }

    @Test
    void restoringASavepointReplaysExactlyWhatCameAfterIt() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))");
            Path conf = writeConf(db);
            CollectorServer server = start(conf);
            AdminClient admin = new AdminClient(server.adminPort().orElseThrow(), "Bearer " + TOKEN);
            try {
                insert(db, 1, 10);
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(1, 10));
                    assertThat(admin.post(API + "/savepoints", "{\"name\":\"after-10\"}").status()).isEqualTo(200);
                    assertThat(admin.post(API + "/savepoints", "{\"name\":\"after-10\"}").status()).isEqualTo(409);
                    insert(db, 11, 10);
                    assertThat(client.receive(10, WAIT)).containsExactlyElementsOf(range(11, 10));
                }
                JsonNode savepoints = admin.get(API + "/savepoints").body();
                assertThat(savepoints).hasSize(1);
                assertThat(savepoints.get(0).get("clients").get(0).get("clientId").asText()).isEqualTo("1001");

                assertThat(admin.post(API + "/savepoints/after-10/restore", "").status()).isEqualTo(200);
                insert(db, 21, 5);
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(15, WAIT)).containsExactlyElementsOf(range(11, 15));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }

                // stop with a savepoint, write while stopped, start from an older savepoint
                assertThat(admin.post(API + "/stop?savepoint=after-10", "").status()).isEqualTo(409);
                assertThat(server.destination("example")).as("not stopped for a taken name").isPresent();
                AdminClient.Answer stopped = admin.post(API + "/stop?savepoint=at-stop", "");
                assertThat(stopped.body().get("state").get("phase").asText()).isEqualTo("STOPPED");
                insert(db, 26, 5);
                assertThat(admin.post(API + "/start?savepoint=after-10", "").status()).isEqualTo(200);
                try (RowClient client = new RowClient(server.port(), "example")) {
                    assertThat(client.receive(20, WAIT)).containsExactlyElementsOf(range(11, 20));
                    assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
                }
                assertThat(admin.delete(API + "/savepoints/after-10").status()).isEqualTo(200);
                assertThat(admin.post(API + "/savepoints/after-10/restore", "").status()).isEqualTo(404);
            } finally {
                server.stop();
            }
            // a new server whose instance.properties names the stop savepoint starts from it, once
            Files.writeString(conf.resolve("example/instance.properties"),
                    "collector.instance.start.savepoint = at-stop\n", java.nio.file.StandardOpenOption.APPEND);
            server = start(conf);
            try (RowClient client = new RowClient(server.port(), "example")) {
                assertThat(client.receive(5, WAIT)).containsExactlyElementsOf(range(26, 5));
                assertThat(client.drain(Duration.ofSeconds(2))).isEmpty();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void backfillATableThroughTheApi() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            db.execute("CREATE DATABASE shop", "CREATE DATABASE ops");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))");
            db.executeIn("ops", "CREATE TABLE collector_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                    + " data VARCHAR(2048) NULL)");
            for (String host : List.of("%", "localhost")) {
                db.execute("GRANT INSERT ON ops.collector_signal TO '" + db.replicationUser() + "'@'" + host + "'");
            }
            insert(db, 1, 30);
            Path conf = writeConf(db);
            Files.writeString(conf.resolve("example/instance.properties"), String.join("\n",
                    "collector.instance.signal.table = ops.collector_signal",
                    "collector.instance.backfill.chunk.rows = 7",
                    "collector.instance.filter.include = shop\\..*", ""), java.nio.file.StandardOpenOption.APPEND);
            CollectorServer server = start(conf);
            AdminClient admin = new AdminClient(server.adminPort().orElseThrow(), "Bearer " + TOKEN);
            try (RowClient client = new RowClient(server.port(), "example")) {
                assertThat(admin.post(API + "/backfill", "{}").status()).isEqualTo(400);
                AdminClient.Answer missing = admin.post(API + "/backfill", "{\"table\":\"shop.nope\"}");
                assertThat(missing.status()).isEqualTo(400);
                assertThat(missing.body().get("error").asText()).contains("shop.nope does not exist");
                assertThat(admin.post(API + "/backfill", "{\"table\":\"shop.orders\",\"where\":\"nope >\"}")
                        .status()).isEqualTo(400);

                AdminClient.Answer asked = admin.post(API + "/backfill",
                        "{\"table\":\"shop.orders\",\"where\":\"id > 10\"}");
                assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(200);
                String id = asked.body().get("id").asText();
                assertThat(client.receive(20, WAIT)).containsExactlyElementsOf(range(11, 20));
                Await.until("backfill " + id + " done in the destination's view", WAIT, () -> {
                    JsonNode backfill = admin.get(API).body().path("backfill");
                    return backfill.path("id").asText().equals(id) && backfill.path("state").asText().equals("DONE");
                });
                JsonNode backfill = admin.get(API).body().get("backfill");
                assertThat(backfill.get("rows").asLong()).isEqualTo(20);
                assertThat(backfill.get("chunks").asLong()).isEqualTo(3);
                assertThat(backfill.get("where").asText()).isEqualTo("id > 10");
            } finally {
                server.stop();
            }
        }
    }

    private CollectorServer start(Path conf) {
        CollectorServer server = new CollectorServer(conf, new ConfigLoader(Map.of(), new Properties()),
                Clock.systemUTC());
        server.start();
        Await.until("example running", WAIT, () -> server.destination("example").isPresent());
        return server;
    }

    private static void insert(TestMariaDb db, int from, int count) {
        for (int id = from; id < from + count; id++) {
            db.executeIn("shop", "INSERT INTO orders VALUES (" + id + ", 'order " + id + "')");
        }
    }

    private static List<Integer> range(int from, int count) {
        return IntStream.range(from, from + count).boxed().toList();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private Path writeConf(TestMariaDb db, String... extra) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf.resolve("example"));
        Files.writeString(conf.resolve("collector.properties"), String.join("\n",
                "collector.port = " + freePort(),
                "collector.metrics.port = 0",
                "collector.admin.port = " + freePort(),
                "collector.admin.token = " + TOKEN,
                "collector.meta.mode = file",
                "collector.meta.dir = " + home.resolve("data"),
                "collector.auto.scan = false",
                String.join("\n", extra), ""));
        MasterStatus status = db.masterStatus();
        Files.writeString(conf.resolve("example/instance.properties"), String.join("\n",
                "collector.instance.source.address = " + db.host() + ":" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + status.file(),
                "collector.instance.start.position = " + status.position(), ""));
        return conf;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
