package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.CollectorServer;
import io.collector.server.config.ConfigLoader;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in kafka mode from a configuration folder that uses Canal's MQ keys: its destination publishes
 * exactly once, routed and partitioned as those keys say, and commits its position.
 */
class KafkaModeIT {

    @TempDir
    Path home;

    @Test
    void collectorServerInKafkaModePublishesItsDestinations() throws Exception {
        try (TestMariaDb db = TestMariaDb.builder().build().start(); KafkaTestCluster kafka = KafkaTestCluster.start()) {
            db.execute("CREATE DATABASE modeit");
            db.executeIn("modeit", "CREATE TABLE orders (id INT PRIMARY KEY, v INT)", "CREATE TABLE other (x INT)");
            var status = db.masterStatus();
            Path conf = writeConf(db, kafka, status.file(), status.position());
            CollectorServer server = new CollectorServer(conf, new ConfigLoader(Map.of(), new Properties()),
                    Clock.systemUTC());
            server.start();
            try {
                db.executeIn("modeit", "INSERT INTO orders VALUES " + String.join(", ",
                        IntStream.rangeClosed(1, 30).mapToObj(i -> "(" + i + ", " + i + ")").toList()),
                        "INSERT INTO other VALUES (1)");
                Await.until("30 order rows and 1 other row published", KafkaIts.WAIT, () -> server.destination("example")
                        .map(d -> KafkaIts.publisher(d).status().rows() >= 31).orElse(false));
                assertThat(server.states().get("example").phase()).isEqualTo(Phase.RUNNING);
                Destination example = server.destination("example").orElseThrow();
                assertThat(KafkaIts.publisher(example).status().cursor()).isNotNull();
                String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.metricsPort().orElseThrow() + "/metrics"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).containsPattern("collector_kafka_send_seconds_count\\{destination=\"example\"} [1-9]")
                        .containsPattern("collector_kafka_send_seconds_bucket\\{destination=\"example\",le=")
                        .containsPattern("collector_kafka_transactions_total\\{destination=\"example\",outcome=\"commit\"} [1-9]")
                        .contains("kafka_producer_record_send_total{");
            } finally {
                server.stop();
            }
            List<ConsumerRecord<byte[], byte[]>> orders = KafkaIts.readAll(kafka, List.of("modeit_orders"), true);
            assertThat(orders).extracting(ConsumerRecord::partition).contains(0, 1, 2);
            assertThat(orders.stream().mapToInt(r -> ((List<?>) KafkaIts.json(r).get("data")).size()).sum())
                    .isEqualTo(30);
            List<ConsumerRecord<byte[], byte[]>> other = KafkaIts.readAll(kafka, List.of("p.modeit"), true);
            assertThat(other).extracting(r -> KafkaIts.json(r).get("table")).containsExactly("other");
            assertThat(KafkaIts.readAll(kafka, List.of(KafkaServerConfig.DEFAULT_POSITIONS_TOPIC), true))
                    .extracting(r -> new String(r.key())).contains("example");
        }
    }

    private Path writeConf(TestMariaDb db, KafkaTestCluster kafka, String journal, long position) throws IOException {
        Path conf = home.resolve("conf");
        Files.createDirectories(conf.resolve("example"));
        Files.writeString(conf.resolve("collector.properties"), String.join("\n",
                "collector.port = " + freePort(),
                "collector.metrics.port = " + freePort(), "collector.admin.port = 0",
                "collector.mode = kafka",
                "collector.meta.mode = memory",
                "collector.auto.scan = false",
                "kafka.bootstrap.servers = " + kafka.bootstrapServers(),
                "kafka.linger.ms = 1",
                "collector.kafka.guarantee = exactly-once",
                "collector.kafka.topic.create.partitions = 3", ""));
        Files.writeString(conf.resolve("example/instance.properties"), String.join("\n",
                "collector.instance.source.address = " + db.host() + ":" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + journal,
                "collector.instance.start.position = " + position,
                "collector.instance.kafka.topic.prefix = p.",
                "canal.mq.dynamicTopic = modeit_orders:modeit\\\\.orders",
                "canal.mq.partitionHash = modeit\\\\.orders:$pk$", ""));
        return conf;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
