package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.Message;
import io.collector.server.error.CollectorException;
import io.collector.server.instance.Destination;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.CollectorTcpServer;
import io.collector.server.net.compat.TcpHarness;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.publish.PublisherStatus.Phase;
import io.collector.server.testing.Await;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One 64 MiB LONGBLOB row written by a real MariaDB ({@code max_allowed_packet} raised) travels end to end: to
 * our SDK with its default frame limit and to Canal's own client over TCP, and to a Kafka topic once the
 * producer's and the broker's limits are raised; a topic whose {@code max.message.bytes} is below it stops the
 * destination with an error naming the table, the position, the size and the settings to raise. The value
 * holds every byte value once, then ASCII, and is compared by SHA-256 with what the server stored.
 */
class LargeRowIT {

    private static final int ROW_BYTES = 64 << 20;
    private static final String FILLER = "abcdefghijklmnop";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int LARGE_MESSAGE = 128 << 20;
    private static TestMariaDb db;
    private static KafkaTestCluster kafka;
    private static StartConfig start;
    private static String stored;

    @BeforeAll
    static void writeTheRow() {
        db = TestMariaDb.builder().withArgs("--max-allowed-packet=256M").build().start();
        db.execute("CREATE DATABASE large", "CREATE TABLE large.blobs (id INT PRIMARY KEY, b LONGBLOB)");
        MasterStatus status = db.masterStatus();
        start = StartConfig.at(status.file(), status.position());
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        db.execute("INSERT INTO large.blobs VALUES (1, CONCAT(UNHEX('" + HexFormat.of().formatHex(everyByte)
                + "'), REPEAT('" + FILLER + "', " + (ROW_BYTES - 256) / FILLER.length() + ")))");
        assertThat(db.queryString("SELECT LENGTH(b) FROM large.blobs")).isEqualTo(Integer.toString(ROW_BYTES));
        stored = db.queryString("SELECT SHA2(b, 256) FROM large.blobs");
        kafka = KafkaTestCluster.start(Map.of("message.max.bytes", Integer.toString(LARGE_MESSAGE),
                "socket.request.max.bytes", Integer.toString(2 * LARGE_MESSAGE)));
    }

    @AfterAll
    static void stopServices() {
        if (kafka != null) {
            kafka.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theRowReachesOurClientAndCanalsOverTcp() {
        try (TcpHarness harness = new TcpHarness()) {
            harness.startDestination(Pipeline.config(db, "large_tcp", start));
            CollectorTcpServer server = harness.startServer(TcpHarness.netConfig("", ""));
            long begin = System.nanoTime();
            try (CollectorClient client = new CollectorClient(CollectorClientConfig.builder()
                    .address("127.0.0.1", server.port()).destination("large_tcp")
                    .requestTimeout(Duration.ofSeconds(60)).build())) {
                client.connect();
                client.subscribe("");
                assertThat(sha256(ourClientsBlob(client))).isEqualTo(stored);
                client.rollback();
            }
            System.out.printf("our SDK received the %d-byte row in %d ms%n", ROW_BYTES, elapsedMs(begin));
            begin = System.nanoTime();
            CanalConnector canal = CanalConnectors.newSingleConnector(
                    new InetSocketAddress("127.0.0.1", server.port()), "large_tcp", "", "");
            try {
                canal.connect();
                canal.subscribe("");
                assertThat(sha256(canalsBlob(canal))).isEqualTo(stored);
            } finally {
                canal.disconnect();
            }
            System.out.printf("Canal's client received it again in %d ms%n", elapsedMs(begin));
        }
    }

    @Test
    void theRowReachesAKafkaTopicWithTheLimitsRaised() throws IOException {
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        long begin = System.nanoTime();
        Destination d = KafkaIts.start(KafkaIts.config(db, "large_kafka", start, kafkaConfig("large_kafka", "ok_")),
                meta);
        try {
            Await.until("the row is in Kafka", WAIT, () -> {
                if (d.failure() != null) {
                    throw new AssertionError("destination failed: " + d.failure().getMessage(), d.failure());
                }
                return endOffset("ok_large") > 0;
            });
            ConsumerRecord<byte[], byte[]> record = rowRecord();
            System.out.printf("the row reached Kafka as a %d-byte record in %d ms%n", record.value().length,
                    elapsedMs(begin));
            ObjectMapper json = new ObjectMapper();
            json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build());
            JsonNode message = json.readTree(record.value());
            assertThat(message.get("table").asText()).isEqualTo("blobs");
            assertThat(sha256(message.get("data").get(0).get("b").asText())).isEqualTo(stored);
        } finally {
            d.stop();
            meta.stop();
        }
    }

    @Test
    void aTopicBelowTheRowsSizeStopsTheDestinationNamingIt() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("small_large", 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(1 << 20))))).all().get(30, TimeUnit.SECONDS);
        }
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        Destination d = KafkaIts.start(KafkaIts.config(db, "large_small", start,
                kafkaConfig("large_small", "small_")), meta);
        try {
            Await.until("the publisher gives up", WAIT, () -> KafkaIts.publisher(d).status().phase() == Phase.FAILED);
            Throwable failure = KafkaIts.publisher(d).failure();

            assertThat(failure).isInstanceOf(CollectorException.class);
            assertThat(((CollectorException) failure).retriable()).isFalse();
            assertThat(failure.getMessage()).contains("table large.blobs", "binlog position " + start.journal() + ":",
                    "max.message.bytes").containsPattern("\\): 6\\d{7} bytes");
            System.out.println("topic below the row's size: " + failure.getMessage());
        } finally {
            d.stop();
            meta.stop();
        }
    }

    /** The end offset of partition 0 of {@code topic}; 0 while the topic does not exist. */
    private static long endOffset(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = kafka.admin()) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset();
        } catch (ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The one record of topic {@code ok_large}: the row's. */
    private static ConsumerRecord<byte[], byte[]> rowRecord() {
        List<ConsumerRecord<byte[], byte[]>> records = KafkaIts.readAll(kafka, List.of("ok_large"), false);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static KafkaPublisherConfig kafkaConfig(String destination, String prefix) {
        KafkaServerConfig server = KafkaIts.server(kafka, Guarantee.AT_LEAST_ONCE, 1);
        Map<String, String> properties = new HashMap<>(server.clientProperties());
        properties.put("max.request.size", Integer.toString(LARGE_MESSAGE));
        properties.put("buffer.memory", Integer.toString(2 * LARGE_MESSAGE));
        properties.put("request.timeout.ms", "60000");
        properties.put("delivery.timeout.ms", "120000");
        properties.put("max.block.ms", "60000");
        properties.put("linger.ms", "0");
        return new KafkaPublisherConfig(destination, server.withClientProperties(properties),
                TopicRouter.perDatabase(prefix, destination), Partitioner.byTable());
    }

    private static String ourClientsBlob(CollectorClient client) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = client.getWithoutAck(100, Duration.ofSeconds(2));
            for (ChangeRow row : message.rows()) {
                if (row.isRowChange() && row.table().equals("blobs")) {
                    return row.after().get("b");
                }
            }
            if (!message.isEmpty()) {
                client.ack(message.batchId());
            }
        }
        throw new AssertionError("the row did not reach our client within " + WAIT);
    }

    private static String canalsBlob(CanalConnector canal) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            com.alibaba.otter.canal.protocol.Message message = canal.getWithoutAck(100, 2L, TimeUnit.SECONDS);
            for (CanalEntry.Entry entry : message.getEntries()) {
                if (entry.getEntryType() == CanalEntry.EntryType.ROWDATA
                        && entry.getHeader().getTableName().equals("blobs")) {
                    canal.ack(message.getId());
                    return blob(entry);
                }
            }
            canal.ack(message.getId());
        }
        throw new AssertionError("the row did not reach Canal's client within " + WAIT);
    }

    private static String blob(CanalEntry.Entry entry) {
        try {
            return CanalEntry.RowChange.parseFrom(entry.getStoreValue()).getRowDatas(0).getAfterColumnsList().stream()
                    .filter(c -> c.getName().equals("b")).findFirst().orElseThrow().getValue();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** SHA-256 of a BLOB's text form (its bytes as ISO-8859-1), lower-case hex as MariaDB's SHA2(). */
    private static String sha256(String latin1) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(latin1.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsedMs(long begin) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    }
}
