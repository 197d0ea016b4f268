package io.collector.server.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * All declared keys: those of {@link ServerKeys} and {@link InstanceKeys}, by name and by Canal alias. What
 * readers, the unknown-key report, redaction and {@link ConfFileWriter} ask about a key comes from here.
 */
public final class ConfigRegistry {

    private ConfigRegistry() {
    }

    /** The shipped files, each with its sections and keys in order. */
    static List<ConfFile> files() {
        return Holder.FILES;
    }

    /** Every declared key, server keys first, in declaration order. */
    public static List<ConfigKey<?>> keys() {
        return List.copyOf(Holder.BY_NAME.values());
    }

    /** The key named {@code name}, if declared. */
    public static Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(Holder.BY_NAME.get(name));
    }

    /** Whether {@code name} is a declared key of one of {@code scopes}. */
    static boolean declared(String name, ConfigKey.Scope... scopes) {
        return key(name).filter(k -> Arrays.asList(scopes).contains(k.scope())).isPresent();
    }

    /** The keys {@code canalKey} is read as (one, or a server key and its destination counterpart). */
    static List<ConfigKey<?>> keysOfAlias(String canalKey) {
        return Holder.BY_ALIAS.getOrDefault(canalKey, List.of());
    }

    /** The declaration {@code canalKey} is an alias in, with its bare unit. */
    static Optional<ConfigKey.CanalAlias> alias(String canalKey) {
        return keysOfAlias(canalKey).stream().flatMap(k -> k.canal().stream())
                .filter(a -> a.name().equals(canalKey)).findFirst();
    }

    /** Built on first use, after both key classes are initialized. */
    private static final class Holder {
        static final List<ConfFile> FILES = List.of(ServerKeys.FILE, InstanceKeys.FILE);
        static final Map<String, ConfigKey<?>> BY_NAME = byName();
        static final Map<String, List<ConfigKey<?>>> BY_ALIAS = byAlias();

        private static Map<String, ConfigKey<?>> byName() {
            Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
            for (ConfFile file : FILES) {
                for (Section section : file.sections()) {
                    for (ConfigKey<?> key : section.keys()) {
                        if (keys.putIfAbsent(key.name(), key) != null) {
                            throw new IllegalStateException("Key " + key + " is declared twice");
                        }
                    }
                }
            }
            return Collections.unmodifiableMap(keys);
        }

        private static Map<String, List<ConfigKey<?>>> byAlias() {
            Map<String, List<ConfigKey<?>>> aliases = new LinkedHashMap<>();
            for (ConfigKey<?> key : BY_NAME.values()) {
                key.canal().forEach(a -> aliases.merge(a.name(), List.of(key),
                        (x, y) -> Stream.concat(x.stream(), y.stream()).toList()));
            }
            return Collections.unmodifiableMap(aliases);
        }
    }
}
