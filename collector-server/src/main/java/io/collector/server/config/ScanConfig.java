package io.collector.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where destination folders live and whether they are watched.
 *
 * @param confDir  directory holding one folder per destination, each with an {@code instance.properties}
 * @param autoScan whether folders added, removed or changed while running are picked up
 * @param interval how often they are scanned
 */
public record ScanConfig(Path confDir, boolean autoScan, Duration interval) {

    public ScanConfig {
        Objects.requireNonNull(confDir, "confDir");
        Objects.requireNonNull(interval, "interval");
    }
}
