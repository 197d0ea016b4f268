package io.collector.server.config;

import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.bool;

import io.collector.server.error.ConfigException;
import io.collector.server.publish.kafka.Guarantee;
import io.collector.server.publish.kafka.KafkaClientSettings;
import io.collector.server.publish.kafka.KafkaPublisherConfig;
import io.collector.server.publish.kafka.KafkaServerConfig;
import io.collector.server.publish.kafka.Partitioner;
import io.collector.server.publish.kafka.RecordFormat;
import io.collector.server.publish.kafka.TopicRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the Kafka settings: the server-wide {@link KafkaServerConfig} ({@code kafka.*}, {@code collector.kafka.*})
 * and each destination's {@link KafkaPublisherConfig} ({@code collector.instance.kafka.*}).
 */
final class KafkaSettings {

    /** Most partitions a count key allows. */
    static final int MAX_PARTITIONS = 1_000_000;
    /** A destination name for checking routing rules, which need one but do not depend on it. */
    private static final String ANY_DESTINATION = "destination";
    /** Producer settings the collector sets itself. */
    private static final Set<String> OURS = Set.of("transactional.id", "key.serializer", "value.serializer");

    private KafkaSettings() {
    }

    static KafkaServerConfig server(ConfigReader r, ServerMode mode, ConfigLog log) {
        Map<String, String> client = clientProperties(r, mode, log);
        Guarantee guarantee = r.get(ServerKeys.KAFKA_GUARANTEE);
        Duration retry = r.get(ServerKeys.KAFKA_RETRY_DELAY);
        Duration retryMax = r.notBelow(ServerKeys.KAFKA_RETRY_MAX_DELAY.name(), r.get(ServerKeys.KAFKA_RETRY_MAX_DELAY),
                ServerKeys.KAFKA_RETRY_DELAY.name(), retry);
        return KafkaServerConfig.builder().clientProperties(client).guarantee(guarantee)
                .format(r.get(ServerKeys.KAFKA_FORMAT)).batchSize(r.get(ServerKeys.KAFKA_BATCH_SIZE))
                .getTimeout(r.get(ServerKeys.KAFKA_GET_TIMEOUT)).createTopics(r.get(ServerKeys.KAFKA_TOPIC_CREATE))
                .createPartitions(r.get(ServerKeys.KAFKA_TOPIC_CREATE_PARTITIONS))
                .replicationFactor((short) (int) r.get(ServerKeys.KAFKA_TOPIC_REPLICATION_FACTOR))
                .positionsTopic(r.get(ServerKeys.KAFKA_POSITIONS_TOPIC)).retry(retry, retryMax)
                .transactionalIdPrefix(r.get(ServerKeys.KAFKA_TRANSACTIONAL_ID_PREFIX)).build();
    }

    static KafkaPublisherConfig publisher(ConfigReader r, String destination, KafkaServerConfig server) {
        TopicRouter router = new TopicRouter(r.get(InstanceKeys.KAFKA_TOPIC_PREFIX, ""),
                r.get(InstanceKeys.KAFKA_TOPIC, ""), r.get(InstanceKeys.KAFKA_DYNAMIC_TOPIC, ""), destination);
        Partitioner partitioner = new Partitioner(r.get(InstanceKeys.KAFKA_PARTITION_HASH, ""),
                r.get(InstanceKeys.KAFKA_PARTITIONS, 0), r.get(InstanceKeys.KAFKA_TOPIC_PARTITIONS, ""),
                r.get(InstanceKeys.KAFKA_PARTITION, -1));
        return new KafkaPublisherConfig(destination, server, router, partitioner);
    }

    /** The {@code kafka.*} settings, prefix stripped, checked against what the guarantees need. */
    private static Map<String, String> clientProperties(ConfigReader r, ServerMode mode, ConfigLog log) {
        Optional<Setting> bootstrap = r.find(ServerKeys.KAFKA_BOOTSTRAP_SERVERS);
        if (mode == ServerMode.KAFKA && bootstrap.isEmpty()) {
            Setting m = r.find(ServerKeys.MODE).orElseThrow();
            throw new ConfigException("Missing required key " + ServerKeys.KAFKA_BOOTSTRAP_SERVERS + " (set with "
                    + m.key() + "=" + m.value() + " in " + m.origin() + ")");
        }
        Map<String, String> client = new LinkedHashMap<>();
        for (Setting s : r.withPrefix(ServerKeys.KAFKA_PREFIX).values()) {
            String name = s.key().substring(ServerKeys.KAFKA_PREFIX.length());
            if (accept(s, name, log)) {
                checkWithKafka(s, name);
                client.put(name, s.value());
            }
        }
        bootstrap.ifPresent(s -> client.put("bootstrap.servers", s.value()));
        return client;
    }

    /** Fails now for a value the Kafka clients would refuse when a destination starts; Kafka's words unless secret. */
    private static void checkWithKafka(Setting s, String name) {
        KafkaClientSettings.problem(name, s.value()).ifPresent(problem -> {
            throw s.invalid(Setting.isSecret(s.key()) ? problem.substring(0, problem.indexOf(" (Kafka")) : problem);
        });
    }

    /** Whether a producer setting is passed on; throws for one that would break the guarantees. */
    private static boolean accept(Setting s, String name, ConfigLog log) {
        String v = s.value().strip();
        switch (name) {
            case "acks" -> check(s, v.equals("all") || v.equals("-1"),
                    "must be all (or -1): both guarantees need every in-sync replica's acknowledgement");
            case "enable.idempotence" -> check(s, v.equalsIgnoreCase("true"),
                    "must be true: both guarantees need an idempotent producer");
            case "max.in.flight.requests.per.connection" -> check(s, v.matches("[1-5]"),
                    "must be an integer in [1, 5]: an idempotent producer keeps order with at most 5");
            case "retries" -> {
                if (v.equals("0")) {
                    log.warnOnce(s.key() + "=0 in " + s.origin() + " is ignored: the idempotent producer retries");
                    return false;
                }
            }
            default -> {
                if (OURS.contains(name)) {
                    throw s.invalid("is set by the collector (transactional.id = <"
                            + ServerKeys.KAFKA_TRANSACTIONAL_ID_PREFIX + "><destination> with exactly-once; byte"
                            + " array serializers)");
                }
                if (name.startsWith("kerberos.")) {
                    check(s, !name.equals("kerberos.enable") || !v.equalsIgnoreCase("true"),
                            "Canal's Kerberos switch is not supported: set kafka.security.protocol and kafka.sasl.*");
                    return false;
                }
            }
        }
        return true;
    }

    private static void check(Setting s, boolean ok, String allowed) {
        if (!ok) {
            throw s.invalid(allowed);
        }
    }

    /** Canal's dynamic topic rules. */
    static ValueType<String> dynamicTopicRules() {
        return rules("dynamic topic rules: pattern or topic:pattern", s -> new TopicRouter("", "", s, ANY_DESTINATION));
    }

    /** Canal's partition hash rules. */
    static ValueType<String> partitionHashRules() {
        return rules("partition hash rules: pattern, pattern:column^column or pattern:$pk$",
                s -> new Partitioner(s, 0, "", -1));
    }

    /** Canal's partition counts per topic. */
    static ValueType<String> topicPartitionRules() {
        return rules("topicPattern:N pairs", s -> new Partitioner("", 0, s, -1));
    }

    static ValueType<Guarantee> guarantee() {
        return s -> Guarantee.parse(s.value()).orElseThrow(() -> s.invalid("must be at-least-once or exactly-once"));
    }

    /** Ours: json or protobuf; Canal's {@code canal.mq.flatMessage}: true (json) or false (protobuf). */
    static ValueType<RecordFormat> format() {
        return s -> {
            if (s.isCanalKey()) {
                return bool().parse(s) ? RecordFormat.JSON : RecordFormat.PROTOBUF;
            }
            return RecordFormat.parse(s.value()).orElseThrow(() -> s.invalid("must be json or protobuf"));
        };
    }

    static ValueType<Integer> replicationFactor() {
        return s -> {
            int rf = between(-1, Short.MAX_VALUE).parse(s);
            check(s, rf != 0, "must be -1 (the broker's default) or an integer in [1, 32767]");
            return rf;
        };
    }

    /** A topic name (or prefix): letters, digits, '.', '_' and '-', at most 249 characters. */
    static ValueType<String> topicName() {
        return s -> {
            check(s, s.value().matches("[A-Za-z0-9._-]{1,249}"),
                    "must be a Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters");
            return s.value();
        };
    }

    static ValueType<String> transactionalIdPrefix() {
        return s -> {
            check(s, s.value().matches("[A-Za-z0-9._-]{1,100}"),
                    "must be 1 to 100 letters, digits, '.', '_' and '-'");
            return s.value();
        };
    }

    private static ValueType<String> rules(String allowed, Function<String, Object> parse) {
        return s -> {
            try {
                parse.apply(s.value());
                return s.value();
            } catch (IllegalArgumentException e) {
                throw s.invalid("must be " + allowed + ", separated by ',' or ';': " + e.getMessage());
            }
        };
    }
}
