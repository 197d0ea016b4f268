package io.collector.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * ZooKeeper settings for high availability.
 *
 * @param servers           connect string {@code host:port,...[/chroot]}; empty when running standalone
 * @param flushPeriod       how often cursors are written to ZooKeeper; zero writes through
 * @param sessionTimeout    session timeout: how soon another server takes over from a dead one
 * @param connectionTimeout connection timeout
 * @param auth              digest credentials {@code user:password}, or empty
 */
public record ZkConfig(String servers, Duration flushPeriod, Duration sessionTimeout, Duration connectionTimeout,
                       String auth) {

    public ZkConfig {
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(flushPeriod, "flushPeriod");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(auth, "auth");
    }

    /** Whether ZooKeeper is configured. */
    public boolean enabled() {
        return !servers.isEmpty();
    }

    /** Without the ACL password, which must not reach a log. */
    @Override
    public String toString() {
        return "ZkConfig[servers=" + servers + ", flushPeriod=" + flushPeriod + ", sessionTimeout=" + sessionTimeout
                + ", connectionTimeout=" + connectionTimeout + ", auth=" + (auth.isEmpty() ? "none" : "(hidden)") + "]";
    }
}
