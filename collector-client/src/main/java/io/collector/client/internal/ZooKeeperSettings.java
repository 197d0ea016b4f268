package io.collector.client.internal;

import java.time.Duration;

/**
 * How a cluster client reaches ZooKeeper.
 *
 * @param connectString     ZooKeeper's {@code host:port[,host:port...][/chroot]}
 * @param sessionTimeout    the ZooKeeper session timeout the client asks for
 * @param connectionTimeout how long a ZooKeeper operation waits for a connection
 */
public record ZooKeeperSettings(String connectString, Duration sessionTimeout, Duration connectionTimeout) {
}
