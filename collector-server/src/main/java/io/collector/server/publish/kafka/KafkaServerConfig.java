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
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change a few parts. */
    public Builder toBuilder() {
        return builder().clientProperties(clientProperties).guarantee(guarantee).format(format).batchSize(batchSize)
                .getTimeout(getTimeout).createTopics(createTopics).createPartitions(createPartitions)
                .replicationFactor(replicationFactor).positionsTopic(positionsTopic).retry(retryDelay, retryMaxDelay)
                .transactionalIdPrefix(transactionalIdPrefix);
    }

    /** A copy with other client properties (tests, benchmarks). */
    public KafkaServerConfig withClientProperties(Map<String, String> properties) {
        return toBuilder().clientProperties(properties).build();
    }

    /** A copy with another guarantee (tests, benchmarks). */
    public KafkaServerConfig withGuarantee(Guarantee other) {
        return toBuilder().guarantee(other).build();
    }

    /** A copy with another format (tests, benchmarks). */
    public KafkaServerConfig withFormat(RecordFormat other) {
        return toBuilder().format(other).build();
    }

    /** A copy with another batch size (benchmarks). */
    public KafkaServerConfig withBatchSize(int entries) {
        return toBuilder().batchSize(entries).build();
    }

    /** A copy with other retry delays (tests). */
    public KafkaServerConfig withRetry(Duration delay, Duration maxDelay) {
        return toBuilder().retry(delay, maxDelay).build();
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

    /** Builds a {@link KafkaServerConfig} part by part, from the defaults. Not thread-safe. */
    public static final class Builder {
        private Map<String, String> clientProperties = Map.of();
        private Guarantee guarantee = Guarantee.AT_LEAST_ONCE;
        private RecordFormat format = RecordFormat.JSON;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration getTimeout = DEFAULT_GET_TIMEOUT;
        private boolean createTopics = true;
        private int createPartitions = DEFAULT_CREATE_PARTITIONS;
        private short replicationFactor = -1;
        private String positionsTopic = DEFAULT_POSITIONS_TOPIC;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private String transactionalIdPrefix = DEFAULT_TRANSACTIONAL_ID_PREFIX;

        private Builder() {
        }

        public Builder clientProperties(Map<String, String> properties) {
            this.clientProperties = properties;
            return this;
        }

        public Builder guarantee(Guarantee value) {
            this.guarantee = value;
            return this;
        }

        public Builder format(RecordFormat value) {
            this.format = value;
            return this;
        }

        public Builder batchSize(int entries) {
            this.batchSize = entries;
            return this;
        }

        public Builder getTimeout(Duration timeout) {
            this.getTimeout = timeout;
            return this;
        }

        public Builder createTopics(boolean create) {
            this.createTopics = create;
            return this;
        }

        public Builder createPartitions(int partitions) {
            this.createPartitions = partitions;
            return this;
        }

        public Builder replicationFactor(short factor) {
            this.replicationFactor = factor;
            return this;
        }

        public Builder positionsTopic(String topic) {
            this.positionsTopic = topic;
            return this;
        }

        /** The first retry delay, doubled after each failure up to {@code maxDelay}. */
        public Builder retry(Duration delay, Duration maxDelay) {
            this.retryDelay = delay;
            this.retryMaxDelay = maxDelay;
            return this;
        }

        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = prefix;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException for a part the record refuses */
        public KafkaServerConfig build() {
            return new KafkaServerConfig(clientProperties, guarantee, format, batchSize, getTimeout, createTopics,
                    createPartitions, replicationFactor, positionsTopic, retryDelay, retryMaxDelay,
                    transactionalIdPrefix);
        }
    }
}
