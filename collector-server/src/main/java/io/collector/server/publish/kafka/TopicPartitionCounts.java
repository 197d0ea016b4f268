package io.collector.server.publish.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Canal's {@code canal.mq.dynamicTopicPartitionNum}: {@code topicPattern:N} pairs separated by ',' or ';', the
 * partition count to hash over for the topics a pattern matches (first match wins).
 */
final class TopicPartitionCounts {

    private record Rule(NameMatcher matcher, int partitions) {
    }

    static final TopicPartitionCounts NONE = new TopicPartitionCounts(List.of());

    private final List<Rule> rules;

    private TopicPartitionCounts(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException naming the pair that is not valid */
    static TopicPartitionCounts parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String item : text.replace(',', ';').split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            String count = colon > 0 ? item.substring(colon + 1).strip() : "";
            if (!count.matches("\\d{1,6}") || Integer.parseInt(count) < 1) {
                throw new IllegalArgumentException("\"" + item.strip() + "\" is not topicPattern:N with N >= 1");
            }
            rules.add(new Rule(NameMatcher.of(item.substring(0, colon)), Integer.parseInt(count)));
        }
        return new TopicPartitionCounts(rules);
    }

    OptionalInt countFor(String topic) {
        for (Rule rule : rules) {
            if (rule.matcher.matches(topic)) {
                return OptionalInt.of(rule.partitions);
            }
        }
        return OptionalInt.empty();
    }
}
