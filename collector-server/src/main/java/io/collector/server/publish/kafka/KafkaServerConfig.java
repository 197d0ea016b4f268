package io.collector.server.publish.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The server-wide Kafka settings ({@code kafka.*} and {@code collector.kafka.*} in {@code collector.properties});
 * each destination adds its routing in {@link KafkaPublisherConfig}.
 *
 * @param clientProperties   the {@code kafka.*} settings with the prefix stripped, {@code bootstrap.servers} among
 *                           them (empty outside kafka mode); passed to the producer, and the ones they know to
 *                           the admin client and the position reader
 * @param guarantee          at-least-once or exactly-once
 * @param format             FlatMessage JSON or Canal's protobuf packets
 * @param batchSize          most store entries published in one step (one transaction with exactly-once)
 * @param getTimeout         longest wait for a full batch before publishing what is there
 * @param createTopics       whether missing topics are created
 * @param createPartitions   partitions of a created topic whose destination configures no count for it
 * @param replicationFactor  replication factor of created topics; -1 = the broker's default
 * @param positionsTopic     the compacted topic of exactly-once positions, keyed by destination
 * @param retryDelay         first delay before retrying a failed batch, doubled after each further failure
 * @param retryMaxDelay      longest delay between retries
 * @param transactionalIdPrefix start of each exactly-once producer's {@code transactional.id}, followed by the
 *                           destination's name
 */
public record KafkaServerConfig(Map<String, String> clientProperties, Guarantee guarantee, RecordFormat format,
                                int batchSize, Duration getTimeout, boolean createTopics, int createPartitions,
                                short replicationFactor, String positionsTopic, Duration retryDelay,
                                Duration retryMaxDelay, String transactionalIdPrefix) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final Duration DEFAULT_GET_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_CREATE_PARTITIONS = 1;
    public static final String DEFAULT_POSITIONS_TOPIC = "__collector_positions";
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(30);
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "collector-";

    public KafkaServerConfig {
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(getTimeout, "getTimeout");
        if (getTimeout.isZero() || getTimeout.isNegative()) {
            // the publisher would ask an empty store again at once, forever
            throw new IllegalArgumentException("getTimeout must be positive, got " + getTimeout);
        }
        Objects.requireNonNull(positionsTopic, "positionsTopic");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    }

    /** The defaults, with no client properties: what a server outside kafka mode holds. */
    public static KafkaServerConfig defaults() {
        return new KafkaServerConfig(Map.of(), Guarantee.AT_LEAST_ONCE, RecordFormat.JSON, DEFAULT_BATCH_SIZE,
                DEFAULT_GET_TIMEOUT, true, DEFAULT_CREATE_PARTITIONS, (short) -1, DEFAULT_POSITIONS_TOPIC,
                DEFAULT_RETRY_DELAY, DEFAULT_RETRY_MAX_DELAY, DEFAULT_TRANSACTIONAL_ID_PREFIX);
    }

    /** A copy with other client properties (tests, benchmarks). */
    public KafkaServerConfig withClientProperties(Map<String, String> properties) {
        return new KafkaServerConfig(properties, guarantee, format, batchSize, getTimeout, createTopics,
                createPartitions, replicationFactor, positionsTopic, retryDelay, retryMaxDelay,
                transactionalIdPrefix);
    }

    /** A copy with another guarantee (tests, benchmarks). */
    public KafkaServerConfig withGuarantee(Guarantee other) {
        return new KafkaServerConfig(clientProperties, other, format, batchSize, getTimeout, createTopics,
                createPartitions, replicationFactor, positionsTopic, retryDelay, retryMaxDelay,
                transactionalIdPrefix);
    }

    /** A copy with another format (tests, benchmarks). */
    public KafkaServerConfig withFormat(RecordFormat other) {
        return new KafkaServerConfig(clientProperties, guarantee, other, batchSize, getTimeout, createTopics,
                createPartitions, replicationFactor, positionsTopic, retryDelay, retryMaxDelay,
                transactionalIdPrefix);
    }

    /** A copy with another batch size (benchmarks). */
    public KafkaServerConfig withBatchSize(int entries) {
        return new KafkaServerConfig(clientProperties, guarantee, format, entries, getTimeout, createTopics,
                createPartitions, replicationFactor, positionsTopic, retryDelay, retryMaxDelay,
                transactionalIdPrefix);
    }

    /** A copy with other retry delays (tests). */
    public KafkaServerConfig withRetry(Duration delay, Duration maxDelay) {
        return new KafkaServerConfig(clientProperties, guarantee, format, batchSize, getTimeout, createTopics,
                createPartitions, replicationFactor, positionsTopic, delay, maxDelay, transactionalIdPrefix);
    }

    /** With the values of secret client properties (passwords, keys, JAAS configuration) hidden. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        clientProperties.forEach((key, value) -> shown.put(key, secret(key) ? "(hidden)" : value));
        return "KafkaServerConfig[clientProperties=" + shown + ", guarantee=" + guarantee + ", format=" + format
                + ", batchSize=" + batchSize + ", getTimeout=" + getTimeout + ", createTopics=" + createTopics
                + ", createPartitions=" + createPartitions + ", replicationFactor=" + replicationFactor
                + ", positionsTopic=" + positionsTopic + ", retryDelay=" + retryDelay + ", retryMaxDelay="
                + retryMaxDelay + "]";
    }

    /** Whether a Kafka client property holds a secret. */
    static boolean secret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("credentials") || k.contains("token");
    }
}
