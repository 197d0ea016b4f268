package io.collector.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.collector.server.error.ConfigException;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.publish.kafka.Guarantee;
import io.collector.server.publish.kafka.KafkaPublisherConfig;
import io.collector.server.publish.kafka.KafkaServerConfig;
import io.collector.server.publish.kafka.RecordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka keys: ours and Canal's, pass-through of kafka.*, checks that protect the guarantees. */
class KafkaConfigTest {

    @TempDir
    Path dir;

    private ServerConfig server(String content) {
        new ConfFolder(dir).server(content).instance("example", ConfFolder.MINIMAL_INSTANCE);
        return new ConfigLoader(Map.of(), new Properties()).load(dir).server();
    }

    private InstanceConfig instance(String server, String instance) {
        new ConfFolder(dir).server(server).instance("example", ConfFolder.MINIMAL_INSTANCE + instance);
        ConfigLoader loader = new ConfigLoader(Map.of(), new Properties());
        return loader.loadInstance(dir, "example", loader.load(dir).server());
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void tcpModeNeedsNoKafkaSettingsAndDestinationsGetNoPublisher() {
        assertThat(server("").kafka()).isEqualTo(KafkaServerConfig.defaults());
        assertThat(instance("", "").kafka()).isEmpty();
    }

    @Test
    void kafkaModeReadsOurKeysAndPassesKafkaSettingsOn() {
        KafkaServerConfig k = server("""
                collector.mode = kafka
                kafka.bootstrap.servers = b1:9092,b2:9092
                kafka.compression.type = lz4
                kafka.sasl.jaas.config = secret stuff
                collector.kafka.guarantee = exactly-once
                collector.kafka.format = protobuf
                collector.kafka.batch.size = 500
                collector.kafka.get.timeout = 50ms
                collector.kafka.topic.create = false
                collector.kafka.topic.create.partitions = 6
                collector.kafka.topic.replication.factor = 3
                collector.kafka.positions.topic = my_positions
                collector.kafka.retry.delay = 200ms
                collector.kafka.retry.max.delay = 5s
                collector.kafka.transactional.id.prefix = shop-eu.
                """).kafka();

        assertThat(k.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers",
                "b1:9092,b2:9092", "compression.type", "lz4", "sasl.jaas.config", "secret stuff"));
        assertThat(k.guarantee()).isEqualTo(Guarantee.EXACTLY_ONCE);
        assertThat(k.format()).isEqualTo(RecordFormat.PROTOBUF);
        assertThat(k.batchSize()).isEqualTo(500);
        assertThat(k.getTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(k.createTopics()).isFalse();
        assertThat(k.createPartitions()).isEqualTo(6);
        assertThat(k.replicationFactor()).isEqualTo((short) 3);
        assertThat(k.positionsTopic()).isEqualTo("my_positions");
        assertThat(k.retryDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(k.retryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(k.transactionalIdPrefix()).isEqualTo("shop-eu.");
    }

    @Test
    void canalKeysMeanWhatTheyMeanInCanal() {
        KafkaServerConfig k = server("""
                canal.serverMode = kafka
                canal.mq.servers = b:9092
                canal.mq.flatMessage = false
                canal.mq.canalBatchSize = 50
                canal.mq.canalGetTimeout = 100
                kafka.acks = all
                kafka.retries = 0
                kafka.max.in.flight.requests.per.connection = 1
                kafka.kerberos.enable = false
                kafka.kerberos.krb5.file = ../conf/kerberos/krb5.conf
                """).kafka();

        assertThat(k.clientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of("bootstrap.servers", "b:9092",
                "acks", "all", "max.in.flight.requests.per.connection", "1"));
        assertThat(k.format()).isEqualTo(RecordFormat.PROTOBUF);
        assertThat(k.batchSize()).isEqualTo(50);
        assertThat(k.getTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void destinationRoutingComesFromCanalMqKeys() {
        InstanceConfig c = instance("collector.mode=kafka\nkafka.bootstrap.servers=b:9092\n", """
                canal.mq.topic = all
                canal.mq.dynamicTopic = orders:shop\\\\.orders,crm
                canal.mq.partitionHash = shop\\\\.orders:$pk$
                canal.mq.partitionsNum = 4
                canal.mq.dynamicTopicPartitionNum = orders:8
                canal.mq.partition = 1
                collector.instance.kafka.topic.prefix = p.
                """);

        KafkaPublisherConfig k = c.kafka().orElseThrow();
        assertThat(k.destination()).isEqualTo("example");
        assertThat(k.router().topicFor("shop", "orders")).isEqualTo("orders");
        assertThat(k.router().topicFor("crm", "x")).isEqualTo("p.crm");
        assertThat(k.router().topicFor("other", "x")).isEqualTo("all");
        assertThat(k.partitioner().configuredCount("orders")).hasValue(8);
        assertThat(k.partitioner().configuredCount("all")).hasValue(4);
        assertThat(k.partitioner().fixedPartition()).isEqualTo(1);
        assertThat(k.transactionalId()).isEqualTo("collector-example");
    }

    @Test
    void kafkaModeWithoutBrokersNamesTheMissingKey() {
        assertThatThrownBy(() -> server("collector.mode = kafka\n")).isInstanceOf(ConfigException.class)
                .hasMessage("Missing required key kafka.bootstrap.servers (set with collector.mode=kafka in "
                        + file("collector.properties") + ")");
    }

    @Test
    void settingsThatWouldBreakTheGuaranteesAreRejected() {
        String s = file("collector.properties");
        assertThatThrownBy(() -> server("kafka.acks = 1\n")).hasMessage("Invalid value \"1\" for kafka.acks in " + s
                + ": must be all (or -1): both guarantees need every in-sync replica's acknowledgement");
        assertThatThrownBy(() -> server("kafka.enable.idempotence = false\n"))
                .hasMessageContaining("for kafka.enable.idempotence in").hasMessageContaining("must be true");
        assertThatThrownBy(() -> server("kafka.max.in.flight.requests.per.connection = 6\n"))
                .hasMessageContaining("must be an integer in [1, 5]");
        assertThatThrownBy(() -> server("kafka.transactional.id = x\n")).hasMessageContaining("set by the collector");
        assertThatThrownBy(() -> server("kafka.kerberos.enable = true\n"))
                .hasMessageContaining("Kerberos switch is not supported");
        assertThatThrownBy(() -> server("collector.kafka.guarantee = twice\n"))
                .hasMessage("Invalid value \"twice\" for collector.kafka.guarantee in " + s
                        + ": must be at-least-once or exactly-once");
        assertThatThrownBy(() -> server("collector.kafka.topic.replication.factor = 0\n"))
                .hasMessageContaining("must be -1 (the broker's default) or an integer in [1, 32767]");
        assertThatThrownBy(() -> server("collector.kafka.transactional.id.prefix = a b\n"))
                .hasMessage("Invalid value \"a b\" for collector.kafka.transactional.id.prefix in " + s
                        + ": must be 1 to 100 letters, digits, '.', '_' and '-'");
    }

    @Test
    void badRulesNameTheKeyAndTheRule() {
        String i = file("example/instance.properties");
        assertThatThrownBy(() -> instance("", "canal.mq.partitionHash = shop.orders:\n"))
                .hasMessage("Invalid value \"shop.orders:\" for canal.mq.partitionHash in " + i + ": must be"
                        + " partition hash rules: pattern, pattern:column^column or pattern:$pk$, separated by ','"
                        + " or ';': rule \"shop.orders:\" names no column after ':'");
        assertThatThrownBy(() -> instance("", "collector.instance.kafka.dynamic.topic = x:(\n"))
                .hasMessageContaining("for collector.instance.kafka.dynamic.topic").hasMessageContaining("(");
        assertThatThrownBy(() -> instance("", "collector.instance.kafka.topic = a b\n"))
                .hasMessageContaining("must be a Kafka topic name");
    }

    @Test
    void secretsAreMaskedAndCanalRetriesZeroIsReportedOnce() {
        assertThatThrownBy(() -> server("kafka.sasl.jaas.config = x\nkafka.acks = 0\n"))
                .hasMessageContaining("kafka.acks");
        assertThat(new Setting("kafka.sasl.jaas.config", "pw", "f").displayValue()).isEqualTo("****");
        try (LogCapture logs = new LogCapture()) {
            server("collector.mode=kafka\nkafka.bootstrap.servers=b:1\nkafka.retries=0\n");
            assertThat(logs.messages(Level.WARN)).containsExactly("kafka.retries=0 in "
                    + file("collector.properties") + " is ignored: the idempotent producer retries");
        }
    }

    /** Producer settings the publisher reads only when a destination starts are checked at the server's start. */
    @Test
    void kafkaClientSettingsAreCheckedAtStartUp() {
        String s = file("collector.properties");
        assertThatThrownBy(() -> server("collector.mode = kafka\nkafka.bootstrap.servers = b:9092\n"
                + "kafka.max.request.size = 1mb\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value \"1mb\" for kafka.max.request.size in " + s
                        + ": must be of Kafka type int in [0,...]");
        assertThatThrownBy(() -> server("kafka.max.block.ms = -5\n"))
                .hasMessageStartingWith("Invalid value \"-5\" for kafka.max.block.ms in " + s
                        + ": must be of Kafka type long in [0,...]");
        assertThatThrownBy(() -> server("kafka.compression.type = zip\n"))
                .hasMessageContaining("for kafka.compression.type in " + s).hasMessageContaining("lz4");
        assertThatThrownBy(() -> server("kafka.isolation.level = dirty\n"))
                .hasMessageContaining("for kafka.isolation.level in " + s);
        assertThat(server("kafka.max.request.size = 2097152\nkafka.some.plugin.setting = x\n").kafka()
                .clientProperties()).containsEntry("max.request.size", "2097152")
                .containsEntry("some.plugin.setting", "x");
    }
}
