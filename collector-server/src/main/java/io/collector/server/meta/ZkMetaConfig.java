package io.collector.server.meta;

import io.collector.server.error.ConfigException;
import java.util.Objects;
import org.apache.curator.utils.PathUtils;

/**
 * Where and how often a {@link ZooKeeperMetaManager} writes.
 *
 * @param root          the znode holding one child per destination; by default Canal's
 *                      {@code /otter/canal/destinations}, so cursors sit where Canal keeps its own
 * @param flushPeriodMs how often changed destinations are written, in milliseconds; 0 writes every change at
 *                      once, before the ack that made it is answered (the default; Canal's
 *                      {@code canal.zookeeper.flush.period} defaults to 1000)
 */
public record ZkMetaConfig(String root, long flushPeriodMs) {

    public static final String DEFAULT_ROOT = "/otter/canal/destinations";
    public static final long DEFAULT_FLUSH_PERIOD_MS = 0;

    public ZkMetaConfig {
        Objects.requireNonNull(root, "root");
        try {
            PathUtils.validatePath(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid ZooKeeper meta root \"" + root + "\": " + e.getMessage(), e);
        }
        if (root.equals("/")) {
            throw new ConfigException("Invalid ZooKeeper meta root \"/\": use a dedicated znode");
        }
        if (flushPeriodMs < 0) {
            throw new ConfigException("Invalid meta flush period " + flushPeriodMs + " ms: must be 0 or more");
        }
    }

    /** Canal's layout, flushed every {@code flushPeriodMs}. */
    public static ZkMetaConfig withPeriod(long flushPeriodMs) {
        return new ZkMetaConfig(DEFAULT_ROOT, flushPeriodMs);
    }
}
