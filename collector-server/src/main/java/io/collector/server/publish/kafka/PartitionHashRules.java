package io.collector.server.publish.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Canal's {@code canal.mq.partitionHash}: rules separated by ',' or ';', each {@code pattern:col1^col2} (hash
 * those columns), {@code pattern:$pk$} (hash the primary key) or {@code pattern} alone (hash the table name),
 * the pattern matching {@code schema.table} as in {@link NameMatcher}. The first matching rule wins.
 */
final class PartitionHashRules {

    /** How one table's changes are spread over partitions. */
    enum Mode { TABLE, PRIMARY_KEY, COLUMNS }

    /** A rule's mode, and for COLUMNS the columns hashed. */
    record Hash(Mode mode, List<String> columns) {
        static final Hash TABLE = new Hash(Mode.TABLE, List.of());
    }

    private record Rule(NameMatcher matcher, Hash hash) {
    }

    static final PartitionHashRules NONE = new PartitionHashRules(List.of());

    private final List<Rule> rules;

    private PartitionHashRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException naming the rule that is not valid */
    static PartitionHashRules parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String item : text.replace(',', ';').split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            String pattern = colon > 0 ? item.substring(0, colon) : item;
            rules.add(new Rule(NameMatcher.of(pattern), colon > 0 ? hash(item, item.substring(colon + 1)) : Hash.TABLE));
        }
        return new PartitionHashRules(rules);
    }

    private static Hash hash(String item, String columns) {
        String c = columns.strip();
        if (c.equalsIgnoreCase("$pk$")) {
            return new Hash(Mode.PRIMARY_KEY, List.of());
        }
        List<String> names = Arrays.stream(c.split("\\^")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("rule \"" + item.strip() + "\" names no column after ':'");
        }
        return new Hash(Mode.COLUMNS, names);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The hash of the first rule matching {@code schema.table}. */
    Optional<Hash> match(String schema, String table) {
        String name = schema + "." + table;
        for (Rule rule : rules) {
            if (rule.matcher.matches(name)) {
                return Optional.of(rule.hash);
            }
        }
        return Optional.empty();
    }
}
