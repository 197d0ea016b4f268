package io.collector.server.publish.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Canal's {@code canal.mq.dynamicTopic}: rules separated by ',' or ';', each {@code pattern} or
 * {@code topic:pattern}. A pattern that is a regex holding an escaped dot ({@code \.}) is matched against
 * {@code schema.table}, any other regex against the schema; a plain name against either. An entry's
 * {@code schema.table} is tried against every rule first, then its schema; the first matching rule wins. A rule
 * with a topic sends there; a rule without one sends to the matched name, lower-cased, '.' replaced by '_'.
 */
final class DynamicTopicRules {

    private record Rule(String topic, String text, NameMatcher matcher) {
    }

    /** A rule's answer: the topic, and whether it was derived from the matched name (no topic in the rule). */
    record Match(String topic, boolean derived) {
    }

    private final List<Rule> rules;

    private DynamicTopicRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static final DynamicTopicRules NONE = new DynamicTopicRules(List.of());

    /** @throws IllegalArgumentException naming the rule that is not valid */
    static DynamicTopicRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String item : text.replace(',', ';').split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            String topic = colon < 0 ? null : item.substring(0, colon).strip();
            String pattern = colon < 0 ? item.strip() : item.substring(colon + 1).strip();
            if (topic != null && !topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("rule \"" + item.strip() + "\" names no valid topic (letters,"
                        + " digits, '.', '_' and '-', at most 249 characters)");
            }
            rules.add(new Rule(topic, pattern, NameMatcher.of(pattern)));
        }
        return new DynamicTopicRules(rules);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The topic the rules give an entry of {@code schema.table}; empty when none matches. */
    Optional<Match> topicFor(String schema, String table) {
        if (!table.isEmpty()) {
            Optional<Match> byTable = match(schema + "." + table, true);
            if (byTable.isPresent()) {
                return byTable;
            }
        }
        return schema.isEmpty() ? Optional.empty() : match(schema, false);
    }

    private Optional<Match> match(String name, boolean qualified) {
        for (Rule rule : rules) {
            boolean applies = rule.matcher.isPlain() || rule.matcher.qualified(rule.text) == qualified;
            if (applies && rule.matcher.matches(name)) {
                return Optional.of(rule.topic != null ? new Match(rule.topic, false)
                        : new Match(NameMatcher.lower(name).replace('.', '_'), true));
            }
        }
        return Optional.empty();
    }
}
