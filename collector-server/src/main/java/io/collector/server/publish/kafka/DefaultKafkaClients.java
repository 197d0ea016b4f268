package io.collector.server.publish.kafka;

import io.collector.server.error.CollectorException;
import io.collector.server.position.Cursor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real clients: the producer gets every {@code kafka.*} setting plus what the guarantee needs; the admin
 * client and the position reader get the settings they know (security, TLS, SASL, timeouts).
 */
final class DefaultKafkaClients implements KafkaClients {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefaultKafkaClients.class);

    private static final Duration DEFAULT_BLOCK = Duration.ofSeconds(60);

    private final KafkaPublisherConfig config;
    private final Duration block;
    private Admin admin;

    DefaultKafkaClients(KafkaPublisherConfig config) {
        this.config = config;
        String maxBlock = config.server().clientProperties().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        this.block = maxBlock == null ? DEFAULT_BLOCK : Duration.ofMillis(Long.parseLong(maxBlock.strip()));
    }

    @Override
    public Producer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The producer's settings: the user's, our defaults where unset, and what the guarantee requires. */
    static Map<String, Object> producerProperties(KafkaPublisherConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "collector-" + config.destination());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putAll(config.server().clientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        if (config.server().guarantee() == Guarantee.EXACTLY_ONCE) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        }
        return p;
    }

    /** The user's settings an admin client knows. */
    static Map<String, Object> adminProperties(KafkaServerConfig server) {
        Map<String, Object> p = known(server.clientProperties(), AdminClientConfig.configNames());
        p.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        return p;
    }

    /** The user's settings a consumer knows, for reading the positions topic with read_committed. */
    static Map<String, Object> consumerProperties(KafkaServerConfig server) {
        Map<String, Object> p = known(server.clientProperties(), ConsumerConfig.configNames());
        p.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    /** The entries of {@code properties} whose key is one of {@code names}. */
    static Map<String, Object> known(Map<String, String> properties, java.util.Set<String> names) {
        Map<String, Object> p = new HashMap<>();
        properties.forEach((k, v) -> {
            if (names.contains(k)) {
                p.put(k, v);
            }
        });
        return p;
    }

    @Override
    public int ensureTopic(String topic, int partitions, Map<String, String> configs) {
        try {
            return describe(topic);
        } catch (UnknownTopicOrPartitionException e) {
            if (!config.server().createTopics()) {
                throw e;
            }
        }
        return create(topic, partitions, configs);
    }

    private int describe(String topic) {
        TopicDescription d = await(admin().describeTopics(List.of(topic)).topicNameValues().get(topic), "describe");
        return d.partitions().size();
    }

    /** Creates the topic and returns its partition count (a describe right after creating may not see it yet). */
    private int create(String topic, int partitions, Map<String, String> configs) {
        short rf = config.server().replicationFactor();
        NewTopic t = new NewTopic(topic, Optional.of(partitions), rf < 0 ? Optional.empty() : Optional.of(rf))
                .configs(configs);
        try {
            int created = await(admin().createTopics(List.of(t)).numPartitions(topic), "create");
            LOG.info("[destination={}] created topic {} with {} partitions", config.destination(), topic, created);
            awaitLeaders(topic, created);
            return created;
        } catch (TopicExistsException e) {
            return describe(topic);
        }
    }

    /**
     * Waits until the leader of every partition of a topic just created serves it. Sending before that is refused
     * (NOT_LEADER_OR_FOLLOWER), and a broker that has no state for the producer yet accepts a later batch while the
     * first one is retried: the idempotent producer's retry then lands after it (OUT_OF_ORDER_SEQUENCE_NUMBER),
     * putting a partition out of binlog order. The metadata naming a leader is not enough (seen in KafkaRoutingIT):
     * a ListOffsets request, answered by the leader's own partition state as a produce request is, must succeed.
     */
    private void awaitLeaders(String topic, int partitions) {
        long deadline = System.nanoTime() + block.toNanos();
        while (!served(topic, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("partitions of the new topic " + topic
                        + " are not served by a leader within " + block);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectorException("interrupted while waiting for the leaders of topic " + topic, true, e);
            }
        }
    }

    private boolean served(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            await(admin().listOffsets(latest).all(), "list the offsets of");
            return true;
        } catch (RetriableException e) {
            return false;
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(block.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CollectorException("cannot " + what + " a topic: " + e.getCause(), true, e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("cannot " + what + " a topic within " + block);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties(config.server()));
        }
        return admin;
    }

    @Override
    public Optional<Cursor> readPosition() {
        return new PositionReader(config.server().positionsTopic(), config.destination(),
                consumerProperties(config.server()), block).read();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
