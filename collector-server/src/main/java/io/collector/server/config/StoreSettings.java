package io.collector.server.config;

import static io.collector.server.config.Validators.longBetween;
import static io.collector.server.config.Validators.oneOf;

import io.collector.server.store.StoreConfig;
import java.util.Optional;

/**
 * Reads store bounds, for the server's defaults and for one destination alike. Canal's byte bound is
 * {@code canal.instance.memory.buffer.size × canal.instance.memory.buffer.memunit} in its default MEMSIZE
 * batch mode; in ITEMSIZE mode Canal bounds entries only, so the byte bound keeps its default here.
 */
final class StoreSettings {

    /**
     * The keys of one scope.
     *
     * @param unitAloneDerives whether Canal's memory unit alone (without Canal's buffer size in this scope)
     *                         sets the byte bound: true for the server; a destination's unit may come from
     *                         canal.properties, where the server already read it
     */
    record Keys(ConfigKey<Integer> entries, ConfigKey<Long> bytes, ConfigKey<Boolean> ddlIsolation,
                boolean unitAloneDerives) {
    }

    /** {@code collector.store.*}. */
    static Keys server() {
        return new Keys(ServerKeys.STORE_CAPACITY_ENTRIES, ServerKeys.STORE_CAPACITY_BYTES,
                ServerKeys.STORE_DDL_ISOLATION, true);
    }

    /** {@code collector.instance.store.*}. */
    static Keys instance() {
        return new Keys(InstanceKeys.STORE_CAPACITY_ENTRIES, InstanceKeys.STORE_CAPACITY_BYTES,
                InstanceKeys.STORE_DDL_ISOLATION, false);
    }

    /** Canal's {@code canal.instance.memory.batch.mode}. */
    private enum CanalBatchMode { MEMSIZE, ITEMSIZE }

    private static final int DEFAULT_CANAL_MEMORY_UNIT = 1024;

    private StoreSettings() {
    }

    /** The bounds {@code keys} set, each falling back to {@code defaults}. */
    static StoreConfig read(ConfigReader r, Keys keys, StoreConfig defaults, ConfigLog log) {
        int entries = r.get(keys.entries(), defaults.capacityEntries());
        Optional<Long> canalBytes = canalBytes(r, keys, entries, log);
        long bytes = r.optional(keys.bytes()).or(() -> canalBytes).orElse(defaults.capacityBytes());
        boolean ddlIsolation = r.get(keys.ddlIsolation(), defaults.ddlIsolation());
        return new StoreConfig(entries, bytes, ddlIsolation);
    }

    /** Canal's byte bound, when Canal's size (or, for the server, unit) is set and its batch mode is MEMSIZE. */
    private static Optional<Long> canalBytes(ConfigReader r, Keys keys, int entries, ConfigLog log) {
        boolean canalSize = r.find(keys.entries()).filter(Setting::isCanalKey).isPresent();
        Optional<Long> unit = r.optional(KeyAliases.CANAL_MEMORY_UNIT, longBetween(1, 1L << 30));
        CanalBatchMode mode = r.get(KeyAliases.CANAL_BATCH_MODE, oneOf(CanalBatchMode.class), CanalBatchMode.MEMSIZE);
        if (mode == CanalBatchMode.ITEMSIZE || !canalSize && !(keys.unitAloneDerives() && unit.isPresent())) {
            return Optional.empty();
        }
        log.infoOnce("Canal keys canal.instance.memory.buffer.size × " + KeyAliases.CANAL_MEMORY_UNIT
                + " are read as " + keys.bytes().name());
        return Optional.of(entries * unit.orElse((long) DEFAULT_CANAL_MEMORY_UNIT));
    }
}
