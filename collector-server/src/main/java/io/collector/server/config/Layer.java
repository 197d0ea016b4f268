package io.collector.server.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One source of raw values: a properties file, the system properties or the environment. A layer answers for
 * a key under one or more names (an environment variable is looked up as {@code COLLECTOR_PORT}, then as the
 * key itself) and reports where a value came from. Blank values count as absent. Immutable.
 */
final class Layer {

    private final Map<String, String> values;
    private final Function<String, List<String>> namesOf;
    private final Function<String, String> originOf;
    private final Predicate<String> answers;

    private Layer(Map<String, String> values, Function<String, List<String>> namesOf,
                  Function<String, String> originOf, Predicate<String> answers) {
        this.values = values;
        this.namesOf = namesOf;
        this.originOf = originOf;
        this.answers = answers;
    }

    /** The keys of a properties file; the origin is the file's path as given. */
    static Layer file(String path, Map<String, String> values) {
        return new Layer(Map.copyOf(values), List::of, name -> path, key -> true);
    }

    /** System properties named {@code prefix + key}; {@code prefix} is empty or {@code "<destination>."}. */
    static Layer systemProperties(Map<String, String> properties, String prefix) {
        return new Layer(properties, key -> List.of(prefix + key), name -> "system property " + name, key -> true);
    }

    /**
     * Environment variables named {@link #environmentName} of {@code prefix + key}, or {@code prefix + key}
     * itself (as Canal's Docker image passes {@code -e canal.instance.master.address=...}).
     */
    static Layer environment(Map<String, String> environment, String prefix) {
        return new Layer(environment, key -> List.of(environmentName(prefix + key), prefix + key),
                name -> "environment variable " + name, key -> true);
    }

    /**
     * The environment variable for a key: upper-cased, every character other than a letter, a digit or
     * {@code _} replaced by {@code _}. {@code collector.port} → {@code COLLECTOR_PORT};
     * {@code my-db.collector.instance.source.address} → {@code MY_DB_COLLECTOR_INSTANCE_SOURCE_ADDRESS}.
     */
    static String environmentName(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            name.append(plain ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    /** This layer, answering nothing for keys that {@code ignored} accepts. */
    Layer ignoring(Predicate<String> ignored) {
        return new Layer(values, namesOf, originOf, answers.and(ignored.negate()));
    }

    /** The non-blank value of {@code key} here, if any. */
    Optional<Setting> find(String key) {
        if (!answers.test(key)) {
            return Optional.empty();
        }
        for (String name : namesOf.apply(key)) {
            String value = values.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Setting(key, value.strip(), originOf.apply(name)));
            }
        }
        return Optional.empty();
    }

    /** Keys holding a non-blank value (meaningful for files, whose names are the keys). */
    Set<String> keysWithValues() {
        return values.entrySet().stream().filter(e -> !e.getValue().isBlank()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
