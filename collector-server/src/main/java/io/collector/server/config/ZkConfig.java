package io.collector.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * ZooKeeper settings, read now for high availability later.
 *
 * @param servers     connect string {@code host:port,...[/chroot]}; empty when running standalone
 * @param flushPeriod how often cursors are written to ZooKeeper
 */
public record ZkConfig(String servers, Duration flushPeriod) {

    public ZkConfig {
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(flushPeriod, "flushPeriod");
    }

    /** Whether ZooKeeper is configured. */
    public boolean enabled() {
        return !servers.isEmpty();
    }
}
