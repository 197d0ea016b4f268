package io.collector.server.config;

import io.collector.server.error.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Typed reading of settings over layers searched in order (environment, system properties, files). A key is
 * looked up in each layer under its own name and its Canal aliases; the first layer holding either wins, and
 * a layer holding both with different values is an error. Remembers which keys were asked for, to report
 * unknown ones. Used by one thread.
 */
final class ConfigReader {

    private final List<Layer> layers;
    private final Layer primary;
    private final String primaryOrigin;
    private final Map<String, String> builtins;
    private final ConfigLog log;
    private final Set<String> consulted = new HashSet<>();

    /**
     * @param layers        the layers, most important first; {@code primary} among them
     * @param primary       the file this reader is about: missing keys and unknown keys are reported against it
     * @param primaryOrigin its path, for messages
     * @param builtins      values of placeholder names no layer sets (e.g. {@code collector.home})
     */
    ConfigReader(List<Layer> layers, Layer primary, String primaryOrigin, Map<String, String> builtins,
                 ConfigLog log) {
        this.layers = List.copyOf(layers);
        this.primary = primary;
        this.primaryOrigin = primaryOrigin;
        this.builtins = Map.copyOf(builtins);
        this.log = log;
    }

    /** The setting for {@code key} (or a Canal alias of it), placeholders replaced; logs an alias's first use. */
    Optional<Setting> find(String key) {
        consulted.add(key);
        consulted.addAll(KeyAliases.canalKeysFor(key));
        Optional<Setting> found = lookup(key);
        found.filter(s -> s.isCanalKey() && !s.key().equals(key)).ifPresent(s -> log.aliasUsed(s.key(), key));
        return found.map(s -> Placeholders.resolve(s, this::rawValue));
    }

    /** The value of a declared key, or its constant default. */
    <T> T get(ConfigKey<T> key) {
        return get(key, key.defaultValue().orElseThrow(
                () -> new IllegalStateException(key + " has no constant default: pass one")));
    }

    /** The value of a declared key, or {@code fallback} (a default that depends on other settings). */
    <T> T get(ConfigKey<T> key, T fallback) {
        return get(key.name(), key.type(), fallback);
    }

    /** The value of a declared key, if set. */
    <T> Optional<T> optional(ConfigKey<T> key) {
        return optional(key.name(), key.type());
    }

    /** The value of a declared key that has no default. */
    <T> T require(ConfigKey<T> key) {
        return require(key.name(), key.type());
    }

    /** The setting of a declared key, if set, as written (its alias, its origin). */
    Optional<Setting> find(ConfigKey<?> key) {
        return find(key.name());
    }

    <T> T get(String key, ValueType<T> type, T defaultValue) {
        return find(key).map(type::parse).orElse(defaultValue);
    }

    <T> Optional<T> optional(String key, ValueType<T> type) {
        return find(key).map(type::parse);
    }

    /** @throws ConfigException {@code Missing required key <key> in <file>} when no layer sets it */
    <T> T require(String key, ValueType<T> type) {
        return find(key).map(type::parse)
                .orElseThrow(() -> new ConfigException("Missing required key " + key + " in " + primaryOrigin));
    }

    /**
     * A path, resolved against {@code home} and normalized. A path read from a Canal key resolves against
     * {@code home/bin}, Canal's working directory, so Canal's {@code ../conf} still means {@code home/conf}.
     */
    Path path(String key, Path home, String defaultValue) {
        Optional<Setting> setting = find(key);
        Path base = setting.filter(Setting::isCanalKey).isPresent() ? home.resolve("bin") : home;
        String text = setting.map(Setting::value).orElse(defaultValue);
        try {
            return base.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw setting.map(s -> s.invalid("must be a file system path: " + e.getReason()))
                    .orElseThrow(() -> e);
        }
    }

    /**
     * {@code value}, the value of {@code key}, checked to be at least {@code floor}, the value of {@code floorKey};
     * the error blames whichever of the two was set.
     */
    Duration notBelow(String key, Duration value, String floorKey, Duration floor) {
        if (value.compareTo(floor) < 0) {
            Optional<Setting> own = find(key);
            if (own.isPresent()) {
                throw own.get().invalid("must be at least " + floorKey + " (" + Quantities.format(floor) + ")");
            }
            throw find(floorKey).orElseThrow()
                    .invalid("must be at most " + key + " (" + Quantities.format(value) + ")");
        }
        return value;
    }

    /**
     * Every setting whose key starts with {@code prefix}, by key, the first layer holding a key winning (names
     * as written: an environment variable counts only when it is named with the key itself).
     */
    Map<String, Setting> withPrefix(String prefix) {
        Map<String, Setting> found = new java.util.TreeMap<>();
        for (Layer layer : layers) {
            for (String key : layer.keysWithValues()) {
                if (key.startsWith(prefix) && !found.containsKey(key)) {
                    consulted.add(key);
                    layer.find(key).ifPresent(s -> found.put(key, Placeholders.resolve(s, this::rawValue)));
                }
            }
        }
        return found;
    }

    /**
     * Logs the keys of the primary file nothing reads: one WARN for {@code canal.*} keys we do not support,
     * one for {@code collector.*} keys that are not {@code known} (declared in the registry for this file, or
     * read by another reader) and that no reader asked for by name.
     */
    void reportIgnoredKeys(Predicate<String> known) {
        Set<String> keys = primary.keysWithValues();
        log.unsupported(primaryOrigin, keys.stream().filter(k -> k.startsWith("canal."))
                .filter(k -> !KeyAliases.isSupported(k)).collect(Collectors.toSet()));
        log.unknown(primaryOrigin, keys.stream().filter(k -> k.startsWith("collector."))
                .filter(k -> !consulted.contains(k) && !known.test(k)).collect(Collectors.toSet()));
    }

    private Optional<Setting> lookup(String key) {
        for (Layer layer : layers) {
            Optional<Setting> found = lookupIn(layer, key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Setting> lookupIn(Layer layer, String key) {
        Optional<Setting> chosen = layer.find(key);
        for (String alias : KeyAliases.canalKeysFor(key)) {
            Optional<Setting> other = layer.find(alias);
            if (other.isPresent() && chosen.isPresent() && !chosen.get().value().equals(other.get().value())) {
                throw conflict(chosen.get(), other.get());
            }
            chosen = chosen.or(() -> other);
        }
        return chosen;
    }

    private Optional<String> rawValue(String name) {
        return lookup(name).map(Setting::value).or(() -> Optional.ofNullable(builtins.get(name)));
    }

    private static ConfigException conflict(Setting ours, Setting alias) {
        String where = ours.origin().equals(alias.origin()) ? " in " + ours.origin()
                : " in " + ours.origin() + " and " + alias.origin();
        return new ConfigException("Conflicting values for " + ours.key() + " (\"" + ours.displayValue()
                + "\") and its Canal alias " + alias.key() + " (\"" + alias.displayValue() + "\")" + where
                + ": set only one of them");
    }
}
