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

    /**
     * A builder: home, net, scan, meta, zk and admin must be set; the others start as a tcp-mode server that runs
     * every destination folder with the default restart strategy, store bounds and Kafka settings.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ServerConfig} part by part. Not thread-safe. */
    public static final class Builder {
        private Path home;
        private NetConfig net;
        private String registerIp = "";
        private ServerMode mode = ServerMode.TCP;
        private List<String> destinations = List.of();
        private ScanConfig scan;
        private MetaConfig meta;
        private ZkConfig zk;
        private RestartPolicy restart = RestartPolicy.DEFAULT;
        private StoreConfig storeDefaults = StoreConfig.defaults();
        private AdminConfig admin;
        private KafkaServerConfig kafka = KafkaServerConfig.defaults();

        private Builder() {
        }

        public Builder home(Path dir) {
            this.home = dir;
            return this;
        }

        public Builder net(NetConfig config) {
            this.net = config;
            return this;
        }

        public Builder registerIp(String address) {
            this.registerIp = address;
            return this;
        }

        public Builder mode(ServerMode value) {
            this.mode = value;
            return this;
        }

        public Builder destinations(List<String> names) {
            this.destinations = names;
            return this;
        }

        public Builder scan(ScanConfig config) {
            this.scan = config;
            return this;
        }

        public Builder meta(MetaConfig config) {
            this.meta = config;
            return this;
        }

        public Builder zk(ZkConfig config) {
            this.zk = config;
            return this;
        }

        public Builder restart(RestartPolicy policy) {
            this.restart = policy;
            return this;
        }

        public Builder storeDefaults(StoreConfig config) {
            this.storeDefaults = config;
            return this;
        }

        public Builder admin(AdminConfig config) {
            this.admin = config;
            return this;
        }

        public Builder kafka(KafkaServerConfig config) {
            this.kafka = config;
            return this;
        }

        /** @throws NullPointerException naming a part that was not set */
        public ServerConfig build() {
            return new ServerConfig(home, net, registerIp, mode, destinations, scan, meta, zk, restart,
                    storeDefaults, admin, kafka);
        }
    }
}
