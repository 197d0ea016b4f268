package io.collector.server.meta;

import io.collector.server.error.ConfigException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how often a {@link FileMetaManager} writes.
 *
 * @param dataDir       directory holding one sub-directory per destination, each with a {@code meta.json}
 *                      (Canal's {@code canal.file.data.dir})
 * @param flushPeriodMs how often changed destinations are written, in milliseconds; 0 writes every change at
 *                      once, before the ack that made it is answered (the default; Canal's
 *                      {@code canal.file.flush.period} defaults to 1000)
 */
public record FileMetaConfig(Path dataDir, long flushPeriodMs) {

    public static final long DEFAULT_FLUSH_PERIOD_MS = 0;

    public FileMetaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (flushPeriodMs < 0) {
            throw new ConfigException("Invalid meta flush period " + flushPeriodMs + " ms: must be 0 or more");
        }
    }
}
