package io.collector.server.store;

import io.collector.server.error.ConfigException;
import java.util.Objects;

/**
 * Bounds and batching of a {@link MemoryEventStore}.
 *
 * @param capacityEntries most entries held at once, handed out or not (Canal's {@code canal.instance.memory.buffer.size})
 * @param capacityBytes   most serialized entry bytes held at once (Canal's buffer size × memunit); a single
 *                        larger entry is still admitted into an empty store
 * @param ddlIsolation    whether a DDL entry always travels alone in its batch
 *                        (Canal's {@code canal.instance.get.ddl.isolation})
 * @param subscriptions   what happens to subscriptions that lag or go unused
 */
public record StoreConfig(int capacityEntries, long capacityBytes, boolean ddlIsolation,
                          SubscriptionLimits subscriptions) {

    /** Largest allowed entry capacity: the ring is an array of this many references, rounded up to a power of two. */
    public static final int MAX_CAPACITY_ENTRIES = 1 << 26;
    public static final int DEFAULT_CAPACITY_ENTRIES = 16_384;
    public static final long DEFAULT_CAPACITY_BYTES = 16_384L * 1024;

    public StoreConfig {
        if (capacityEntries < 1 || capacityEntries > MAX_CAPACITY_ENTRIES) {
            throw new ConfigException("Invalid store entry capacity " + capacityEntries
                    + ": must be in [1, " + MAX_CAPACITY_ENTRIES + "]");
        }
        if (capacityBytes < 1) {
            throw new ConfigException("Invalid store byte capacity " + capacityBytes + ": must be at least 1");
        }
        Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /** Bounds with the default subscription limits (block, no expiry). */
    public StoreConfig(int capacityEntries, long capacityBytes, boolean ddlIsolation) {
        this(capacityEntries, capacityBytes, ddlIsolation, SubscriptionLimits.DEFAULT);
    }

    /** These bounds with other subscription limits. */
    public StoreConfig withSubscriptions(SubscriptionLimits limits) {
        return new StoreConfig(capacityEntries, capacityBytes, ddlIsolation, limits);
    }

    /** Canal's defaults: 16,384 entries, 16 MiB, no DDL isolation. */
    public static StoreConfig defaults() {
        return new StoreConfig(DEFAULT_CAPACITY_ENTRIES, DEFAULT_CAPACITY_BYTES, false);
    }
}
