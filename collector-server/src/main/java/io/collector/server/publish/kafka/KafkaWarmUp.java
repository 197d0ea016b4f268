package io.collector.server.publish.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run once when a server starts in kafka mode, on its own daemon thread: asks the brokers for their cluster id
 * (an INFO line when they answer, a WARN when they do not, never a failure) and creates and closes a producer and
 * a consumer. A standby server thereby pays the Kafka clients' cold start (class loading and initialization,
 * about two seconds on a small machine) while idle, not while the consumers of a destination it takes over wait.
 */
public final class KafkaWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWarmUp.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaWarmUp() {
    }

    /** Starts the warm-up and returns its thread. */
    public static Thread start(KafkaServerConfig server) {
        Thread t = new Thread(() -> run(server), "collector-kafka-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void run(KafkaServerConfig server) {
        Object bootstrap = server.clientProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try {
            checkCluster(server, bootstrap);
            Map<String, Object> producer = DefaultKafkaClients.known(server.clientProperties(),
                    ProducerConfig.configNames());
            producer.put(ProducerConfig.CLIENT_ID_CONFIG, "collector-warmup");
            producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer()).close(Duration.ZERO);
            new KafkaConsumer<>(DefaultKafkaClients.consumerProperties(server), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()).close(Duration.ZERO);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Kafka at {} does not answer yet ({}); destinations retry when they start", bootstrap,
                    e.getMessage());
        }
    }

    private static void checkCluster(KafkaServerConfig server, Object bootstrap) throws Exception {
        try (Admin admin = Admin.create(DefaultKafkaClients.adminProperties(server))) {
            DescribeClusterResult cluster = admin.describeCluster();
            String id = cluster.clusterId().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).size();
            LOG.info("Kafka at {} answers: cluster {}, {} broker(s)", bootstrap, id, brokers);
        }
    }
}
