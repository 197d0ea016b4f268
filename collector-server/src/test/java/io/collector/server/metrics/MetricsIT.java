package io.collector.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.server.CollectorServer;
import io.collector.server.config.ConfigLoader;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics endpoint of a real server reading a real MariaDB: rows, filtered rows, store fill, delay behind the
 * source and the client meters move as the workload and a Canal client make them.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DEST = "{destination=\"example\"}";

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapeFollowsTheStream() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            db.execute("CREATE DATABASE shop");
            db.executeIn("shop", "CREATE TABLE orders (id INT PRIMARY KEY, v VARCHAR(20))",
                    "CREATE TABLE audit (id INT PRIMARY KEY)");
            CollectorServer server = new CollectorServer(writeConf(db), new ConfigLoader(Map.of(), new Properties()),
                    Clock.systemUTC());
            server.start();
            try {
                int port = server.metricsPort().orElseThrow();
                writeRows(db, 1, 500, "");
                db.executeIn("shop", "INSERT INTO audit VALUES (1), (2), (3)");
                Await.until("500 rows stored", WAIT, () -> value(port, "collector_sink_rows_total" + DEST) >= 500);
                Await.until("3 audit rows filtered", WAIT,
                        () -> value(port, "collector_sink_filtered_rows_total" + DEST) >= 3);
                String text = scrape(port);
                assertThat(value(text, "collector_destination_state{destination=\"example\",state=\"RUNNING\"}"))
                        .isEqualTo(1);
                assertThat(value(text, "collector_destination_leader" + DEST)).isEqualTo(1);
                assertThat(value(text, "collector_store_entries" + DEST)).isGreaterThan(500);
                assertThat(value(text, "collector_store_bytes" + DEST)).isGreaterThan(500 * 20);
                assertThat(value(text, "collector_parser_events_total" + DEST)).isGreaterThan(500);
                assertThat(value(text, "collector_sink_transactions_total" + DEST)).isGreaterThanOrEqualTo(501);
                assertThat(text).contains("jvm_memory_used_bytes", "process_cpu_usage", "jvm_threads_live_threads");

                // a transaction stamped 100 s in the past shows as 100 s behind, until a heartbeat says level
                writeRows(db, 501, 1, "SET TIMESTAMP = UNIX_TIMESTAMP() - 100");
                Await.until("a delay of about 100 s", WAIT,
                        () -> value(port, "collector_source_delay_milliseconds" + DEST) >= 99_000);
                Await.until("a heartbeat brings the delay back to 0", WAIT,
                        () -> value(port, "collector_source_delay_milliseconds" + DEST) == 0);

                consumeAll(server.port(), 501);
                Await.until("the store emptied by the acks", WAIT,
                        () -> value(port, "collector_store_entries" + DEST) == 0);
                text = scrape(port);
                String client = "{client=\"1001\",destination=\"example\"}";
                assertThat(value(text, "collector_client_rows_total" + client)).isEqualTo(501);
                assertThat(value(text, "collector_client_batches_total" + client)).isGreaterThanOrEqualTo(1);
                assertThat(value(text, "collector_client_ack_delay_milliseconds" + client)).isGreaterThanOrEqualTo(0);
                assertThat(value(text, "collector_store_outstanding_batches" + DEST)).isEqualTo(0);
                for (String series : dashboardSeries()) {
                    assertThat(Pattern.compile("(?m)^" + series + "[{ ]").matcher(text).find()).as(series).isTrue();
                }
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aDestinationThatKeepsFailingEndsFailedUnderItsRestartStrategy() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            Path conf = writeConf(db);
            Files.writeString(conf.resolve("example/instance.properties"), String.join("\n",
                    Files.readString(conf.resolve("example/instance.properties")),
                    "collector.instance.start.journal = nosuch-bin.000042",
                    "collector.instance.supervise.policy = fixed-delay",
                    "collector.instance.supervise.delay = 100ms",
                    "collector.instance.supervise.max.attempts = 2", "").replaceAll(
                    "(?m)^collector.instance.start.journal = (?!nosuch).*$\n", ""));
            CollectorServer server = new CollectorServer(conf, new ConfigLoader(Map.of(), new Properties()),
                    Clock.systemUTC());
            server.start();
            try {
                int port = server.metricsPort().orElseThrow();
                Await.until("FAILED in the metrics", WAIT, () -> value(port,
                        "collector_destination_state{destination=\"example\",state=\"FAILED\"}") == 1);
                String text = scrape(port);
                assertThat(value(text, "collector_destination_failed_attempts" + DEST)).isEqualTo(3);
                assertThat(value(text, "collector_destination_state{destination=\"example\",state=\"RUNNING\"}"))
                        .isZero();
                assertThat(server.states().get("example").lastError()).contains("nosuch-bin.000042");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start()) {
            CollectorServer server = new CollectorServer(writeConf(db), new ConfigLoader(Map.of(), new Properties()),
                    Clock.systemUTC());
            server.start();
            try {
                int port = server.metricsPort().orElseThrow();
                assertThat(http.send(HttpRequest.newBuilder(uri(port, "/other")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
                assertThat(http.send(HttpRequest.newBuilder(uri(port, "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
            } finally {
                server.stop();
            }
        }
    }

    /**
     * The collector's series the shipped Grafana dashboard queries, but for those of high availability and kafka
     * mode (AdminHaIT and KafkaModeIT check those).
     */
    private static String[] dashboardSeries() throws IOException {
        Matcher m = Pattern.compile("\\b(collector_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)").matcher(
                Files.readString(Path.of("grafana-dashboard.json")));
        return m.results().map(r -> r.group(1)).filter(name -> !name.startsWith("collector_zookeeper")
                        && !name.startsWith("collector_kafka"))
                .distinct().toArray(String[]::new);
    }

    private static void writeRows(TestMariaDb db, int from, int count, String before) {
        String values = IntStream.range(from, from + count).mapToObj(i -> "(" + i + ", 'order " + i + "')")
                .collect(Collectors.joining(", "));
        if (before.isEmpty()) {
            for (int i = from; i < from + count; i++) {
                db.executeIn("shop", "INSERT INTO orders VALUES (" + i + ", 'order " + i + "')");
            }
        } else {
            db.executeIn("shop", before, "INSERT INTO orders VALUES " + values);
        }
    }

    private static void consumeAll(int port, int rows) {
        CanalConnector connector = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port),
                "example", "", "");
        connector.connect();
        try {
            connector.subscribe("");
            int[] seen = {0};
            Await.until(rows + " rows consumed", WAIT, () -> {
                Message message = connector.getWithoutAck(1000, 100L, java.util.concurrent.TimeUnit.MILLISECONDS);
                seen[0] += message.getEntries().stream()
                        .filter(e -> e.getEntryType() == com.alibaba.otter.canal.protocol.CanalEntry.EntryType.ROWDATA)
                        .mapToInt(e -> Integer.parseInt(e.getHeader().getPropsList().stream()
                                .filter(p -> p.getKey().equals("rowsCount")).findFirst().orElseThrow().getValue()))
                        .sum();
                if (message.getId() != -1) {
                    connector.ack(message.getId());
                }
                return seen[0] >= rows;
            });
        } finally {
            connector.disconnect();
        }
    }

    private Path writeConf(TestMariaDb db) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf.resolve("example"));
        Files.writeString(conf.resolve("collector.properties"), String.join("\n",
                "collector.port = " + freePort(),
                "collector.metrics.port = " + freePort(), "collector.admin.port = 0",
                "collector.meta.mode = memory",
                "collector.auto.scan = false", ""));
        var status = db.masterStatus();
        Files.writeString(conf.resolve("example/instance.properties"), String.join("\n",
                "collector.instance.source.address = " + db.host() + ":" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.source.heartbeat.period = 1s",
                "collector.instance.start.journal = " + status.file(),
                "collector.instance.start.position = " + status.position(),
                "collector.instance.filter.exclude = shop\\\\.audit", ""));
        return conf;
    }

    private double value(int port, String series) {
        return value(scrape(port), series);
    }

    /** The value of one series in a scrape, or NaN when it is absent. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private String scrape(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(port, "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain"));
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
