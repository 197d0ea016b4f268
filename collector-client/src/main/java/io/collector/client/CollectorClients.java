package io.collector.client;

import java.net.InetSocketAddress;

/**
 * Shortcuts for the two common clients, mirroring Canal's {@code CanalConnectors.newSingleConnector} and
 * {@code newClusterConnector}. The clients have the builder's defaults for everything else; use
 * {@link CollectorClientConfig#builder()} to change them.
 *
 * <pre>{@code
 * try (CollectorClient client = CollectorClients.cluster("zk1:2181,zk2:2181", "example", "canal", "canal")) {
 *     client.connect();
 *     client.subscribe();
 *     ...
 * }
 * }</pre>
 */
public final class CollectorClients {

    private CollectorClients() {
    }

    /**
     * Creates a client of one server. It does not connect yet.
     *
     * @param address     the server's address
     * @param destination the destination to consume
     * @param user        the user, {@code null} or empty for none
     * @param password    the password, {@code null} or empty for none
     * @return a new blocking client; close it when done
     * @throws IllegalStateException if a setting is not allowed (see {@link CollectorClientBuilder#build()})
     */
    public static CollectorClient single(InetSocketAddress address, String destination, String user,
                                         String password) {
        return new CollectorClient(CollectorClientConfig.builder().address(address).destination(destination)
                .user(user).password(password).build());
    }

    /**
     * Creates a client of a cluster: it connects to the server that ZooKeeper names as running the destination
     * and follows it when the destination moves (see {@link CollectorClientBuilder#zookeeper(String)}). It
     * connects to nothing yet.
     *
     * @param zkServers   ZooKeeper's {@code host:port[,host:port...][/chroot]}
     * @param destination the destination to consume
     * @param user        the user, {@code null} or empty for none
     * @param password    the password, {@code null} or empty for none
     * @return a new blocking client; close it when done, which also closes its ZooKeeper session
     * @throws IllegalStateException if a setting is not allowed (see {@link CollectorClientBuilder#build()})
     */
    public static CollectorClient cluster(String zkServers, String destination, String user, String password) {
        return new CollectorClient(CollectorClientConfig.builder().zookeeper(zkServers).destination(destination)
                .user(user).password(password).build());
    }
}
