package io.collector.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Canal keys we accept, and which of our keys each is read as; each alias is declared with its key in
 * {@link ServerKeys} or {@link InstanceKeys}. A Canal key may stand for a server key and an instance key at once
 * (Canal's {@code canal.properties} holds instance defaults). A few
 * Canal keys have no key of ours but shape a value ({@link #READ_DIRECTLY}). Any other {@code canal.*} key is
 * not supported and is listed, once, in a WARN line.
 *
 * <p>Canal durations are bare integers in the unit Canal uses for that key (milliseconds, or seconds for
 * {@code canal.auto.scan.interval}); ours may carry a unit ({@code 500ms}, {@code 5s}, {@code 2m}).
 */
public final class KeyAliases {

    /** Canal's store memory unit in bytes; with MEMSIZE the byte bound is buffer size × unit. */
    public static final String CANAL_MEMORY_UNIT = "canal.instance.memory.buffer.memunit";
    /** Canal's store batch mode, MEMSIZE (byte bound from memunit) or ITEMSIZE (no byte bound of Canal's). */
    public static final String CANAL_BATCH_MODE = "canal.instance.memory.batch.mode";
    /** Canal's connection charset; we decode each column with its own charset, so only UTF-8 is silent. */
    public static final String CANAL_CONNECTION_CHARSET = "canal.instance.connectionCharset";
    /** Canal's "jump to the latest position when the wanted one is gone": true reads as purged policy latest. */
    public static final String CANAL_AUTO_RESET_LATEST = "canal.auto.reset.latest.pos.mode";
    /** Canal's instance template: file-instance.xml reads as meta mode file, memory-instance.xml as memory. */
    public static final String CANAL_SPRING_XML = "canal.instance.global.spring.xml";

    /** Canal keys read for their effect on a value rather than as an alias of one key. */
    public static final Set<String> READ_DIRECTLY = Set.of(CANAL_MEMORY_UNIT, CANAL_BATCH_MODE,
            CANAL_CONNECTION_CHARSET, CANAL_AUTO_RESET_LATEST, CANAL_SPRING_XML);

    private KeyAliases() {
    }

    /** The Canal keys read as {@code key}, in declaration order; empty when it has none or is not declared. */
    public static List<String> canalKeysFor(String key) {
        return ConfigRegistry.key(key).map(k -> k.canal().stream().map(ConfigKey.CanalAlias::name).toList())
                .orElse(List.of());
    }

    /** Whether {@code canalKey} is read as one of our keys, or read directly. */
    public static boolean isSupported(String canalKey) {
        return READ_DIRECTLY.contains(canalKey) || !ConfigRegistry.keysOfAlias(canalKey).isEmpty();
    }

    /** Every (our key, Canal keys) pair, for documentation and tests. */
    public static Map<String, List<String>> table() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        ConfigRegistry.keys().stream().filter(k -> !k.canal().isEmpty())
                .forEach(k -> table.put(k.name(), canalKeysFor(k.name())));
        return Collections.unmodifiableMap(table);
    }

    /** What a bare number means in {@code key}: milliseconds, except in a few Canal keys. */
    static TimeUnit bareDurationUnit(String key) {
        return ConfigRegistry.alias(key).map(ConfigKey.CanalAlias::bareUnit).orElse(TimeUnit.MILLISECONDS);
    }
}
