package io.collector.server.config;

import io.collector.server.instance.RestartPolicy;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.publish.kafka.KafkaServerConfig;
import io.collector.server.store.StoreConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The server's configuration, read from {@code conf/collector.properties} (or a Canal {@code canal.properties})
 * by {@link ConfigLoader}; each destination's own is an {@link io.collector.server.instance.InstanceConfig}.
 *
 * @param home          home directory, against which relative paths were resolved
 * @param net           the TCP server
 * @param registerIp    address advertised to others (ZooKeeper); empty = the bind address
 * @param mode          how changes are delivered
 * @param destinations  destinations named in the configuration; empty = every destination folder found
 * @param scan          where destination folders live and whether they are watched
 * @param meta          where client cursors are kept
 * @param zk            ZooKeeper, for high availability later
 * @param restart       how failed destinations are restarted
 * @param storeDefaults store bounds of destinations that do not set their own
 * @param admin         ports of the operations endpoints, for later
 * @param kafka         the Kafka settings every destination publishes with in kafka mode
 */
public record ServerConfig(Path home, NetConfig net, String registerIp, ServerMode mode, List<String> destinations,
                           ScanConfig scan, MetaConfig meta, ZkConfig zk, RestartPolicy restart,
                           StoreConfig storeDefaults, AdminConfig admin, KafkaServerConfig kafka) {

    public ServerConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(registerIp, "registerIp");
        Objects.requireNonNull(mode, "mode");
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(storeDefaults, "storeDefaults");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(kafka, "kafka");
    }

    /** A server without Kafka settings (tcp mode). */
    public ServerConfig(Path home, NetConfig net, String registerIp, ServerMode mode, List<String> destinations,
                        ScanConfig scan, MetaConfig meta, ZkConfig zk, RestartPolicy restart,
                        StoreConfig storeDefaults, AdminConfig admin) {
        this(home, net, registerIp, mode, destinations, scan, meta, zk, restart, storeDefaults, admin,
                KafkaServerConfig.defaults());
    }
}
