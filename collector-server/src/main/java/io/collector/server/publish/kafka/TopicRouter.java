package io.collector.server.publish.kafka;

import java.util.Objects;

/**
 * The topic of each published entry. In order: the first {@link DynamicTopicRules dynamic topic rule} that
 * matches; else the default topic when one is configured ({@code canal.mq.topic}); else one topic per database,
 * {@code <prefix><database>}. An entry without a database (a statement run with no current database) goes to
 * the default topic, or {@code <prefix><destination>}. The prefix applies to names derived from a database or a
 * rule, never to a topic named in the configuration. Characters Kafka does not allow in topic names (anything
 * but letters, digits, '.', '_' and '-') become '_'. Immutable.
 */
public final class TopicRouter {

    private static final int MAX_TOPIC_LENGTH = 249;

    private final String prefix;
    private final String defaultTopic;
    private final DynamicTopicRules rules;
    private final String destination;

    /**
     * @param prefix       put before derived topic names; may be empty
     * @param defaultTopic where unmatched entries go; empty for one topic per database
     * @param dynamicRules Canal's {@code canal.mq.dynamicTopic} text; may be empty
     * @param destination  the destination, naming the topic of entries without a database
     * @throws IllegalArgumentException if a rule is not valid
     */
    public TopicRouter(String prefix, String defaultTopic, String dynamicRules, String destination) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.defaultTopic = Objects.requireNonNull(defaultTopic, "defaultTopic");
        this.rules = dynamicRules.isBlank() ? DynamicTopicRules.NONE : DynamicTopicRules.parse(dynamicRules);
        this.destination = destination;
    }

    /** One topic per database, no rules. */
    public static TopicRouter perDatabase(String prefix, String destination) {
        return new TopicRouter(prefix, "", "", destination);
    }

    /** The topic of an entry of {@code schema.table} ({@code table} may be empty, e.g. for CREATE DATABASE). */
    public String topicFor(String schema, String table) {
        return rules.topicFor(schema, table).map(m -> m.derived() ? sanitize(prefix + m.topic()) : m.topic())
                .orElseGet(() -> fallback(schema));
    }

    private String fallback(String schema) {
        if (!defaultTopic.isEmpty()) {
            return defaultTopic;
        }
        return sanitize(prefix + (schema.isEmpty() ? destination : schema));
    }

    /** A valid Kafka topic name: disallowed characters replaced by '_', at most 249 characters. */
    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length() && b.length() < MAX_TOPIC_LENGTH; i++) {
            char c = name.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            b.append(allowed ? c : '_');
        }
        String topic = b.toString();
        return topic.equals(".") || topic.equals("..") ? "_" + topic : topic;
    }
}
