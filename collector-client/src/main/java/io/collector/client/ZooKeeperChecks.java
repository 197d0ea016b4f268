package io.collector.client;

import static io.collector.client.BuilderChecks.int32Millis;
import static io.collector.client.BuilderChecks.require;

import io.collector.client.internal.ZooKeeperDependencies;
import java.time.Duration;
import java.util.Arrays;

/** The checks of a cluster client's ZooKeeper settings, part of {@link CollectorClientBuilder#build()}. */
final class ZooKeeperChecks {

    private ZooKeeperChecks() {
    }

    static void check(CollectorClientBuilder b) {
        ZooKeeperDependencies.check();
        require(validConnectString(b.zookeeper), "zookeeper must be \"host:port[,host:port...][/chroot]\" "
                + "(for example \"zk1:2181,zk2:2181/collector\"), got \"" + b.zookeeper + "\"");
        Duration session = sessionTimeout(b);
        Duration connection = connectionTimeout(b);
        int32Millis("zookeeperSessionTimeout", session);
        int32Millis("zookeeperConnectionTimeout", connection);
        require(connection.compareTo(session) <= 0, "zookeeperConnectionTimeout " + connection
                + " is longer than zookeeperSessionTimeout " + session
                + ": the session would expire before a connection attempt gives up");
    }

    static Duration sessionTimeout(CollectorClientBuilder b) {
        return b.zookeeperSessionTimeout != null ? b.zookeeperSessionTimeout
                : CollectorClientBuilder.DEFAULT_ZOOKEEPER_SESSION_TIMEOUT;
    }

    static Duration connectionTimeout(CollectorClientBuilder b) {
        return b.zookeeperConnectionTimeout != null ? b.zookeeperConnectionTimeout
                : CollectorClientBuilder.DEFAULT_ZOOKEEPER_CONNECTION_TIMEOUT;
    }

    private static boolean validConnectString(String value) {
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int slash = value.indexOf('/');
        String hosts = slash < 0 ? value : value.substring(0, slash);
        String chroot = slash < 0 ? "" : value.substring(slash);
        return Arrays.stream(hosts.split(",", -1)).allMatch(ZooKeeperChecks::validHost) && validChroot(chroot);
    }

    /** {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}. */
    private static boolean validHost(String server) {
        int colon = server.lastIndexOf(':');
        if (colon < 0 || server.endsWith("]")) {
            return !server.isEmpty();
        }
        String port = server.substring(colon + 1);
        return colon > 0 && port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1
                && Integer.parseInt(port) <= 65535;
    }

    private static boolean validChroot(String chroot) {
        return chroot.isEmpty() || chroot.equals("/") || !chroot.endsWith("/") && !chroot.contains("//");
    }
}
