package io.collector.server.publish.kafka;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks a Kafka client setting (a {@code kafka.*} key without its prefix) against the Kafka clients' own
 * definitions (producer, admin client, consumer), so a value the clients would refuse when a destination starts
 * fails the server's start instead. Settings no client defines are passed on unchecked, as Kafka does.
 */
public final class KafkaClientSettings {

    private static final List<ConfigDef> DEFINITIONS = List.of(ProducerConfig.configDef(),
            AdminClientConfig.configDef(), ConsumerConfig.configDef());

    private KafkaClientSettings() {
    }

    /**
     * What is wrong with {@code value} for the client setting {@code name}: what is allowed and Kafka's own
     * message; empty when every client that defines the setting accepts it.
     */
    public static Optional<String> problem(String name, String value) {
        for (ConfigDef definition : DEFINITIONS) {
            ConfigDef.ConfigKey key = definition.configKeys().get(name);
            if (key == null) {
                continue;
            }
            try {
                Object parsed = ConfigDef.parseType(name, value, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(name, parsed);
                }
            } catch (ConfigException e) {
                return Optional.of(allowed(key) + " (Kafka client: " + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    private static String allowed(ConfigDef.ConfigKey key) {
        String type = key.type.name().toLowerCase(Locale.ROOT);
        String range = key.validator == null ? "" : " in " + key.validator;
        return "must be of Kafka type " + type + range;
    }
}
