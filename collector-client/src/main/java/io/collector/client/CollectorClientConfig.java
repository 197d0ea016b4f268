package io.collector.client;

import io.collector.client.internal.ClientTls;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The settings of one {@link CollectorClient} or {@link CollectorAsyncClient}: immutable, created and checked
 * only by {@link CollectorClientBuilder#build()}, safe to share between threads and clients.
 */
public final class CollectorClientConfig {

    private final InetSocketAddress address;
    private final String zookeeper;
    private final Duration zookeeperSessionTimeout;
    private final Duration zookeeperConnectionTimeout;
    private final String destination;
    private final String clientId;
    private final String user;
    private final String password;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration netReadTimeout;
    private final Duration netWriteTimeout;
    private final int maxFrameLength;
    private final boolean prefetch;
    private final ReconnectPolicy reconnectPolicy;
    private final int eventLoopThreads;
    private final EventLoopGroup eventLoopGroup;
    private final Consumer<? super CollectorClientException> errorListener;
    private final ClientTls tls;

    CollectorClientConfig(CollectorClientBuilder b, ReconnectPolicy reconnectPolicy) {
        this.address = b.address != null || b.host == null ? b.address
                : InetSocketAddress.createUnresolved(b.host, b.port);
        this.zookeeper = b.zookeeper;
        this.zookeeperSessionTimeout = ZooKeeperChecks.sessionTimeout(b);
        this.zookeeperConnectionTimeout = ZooKeeperChecks.connectionTimeout(b);
        this.destination = b.destination;
        this.clientId = b.clientId;
        this.user = b.user == null ? "" : b.user;
        this.password = b.password == null ? "" : b.password;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.netReadTimeout = b.netReadTimeout;
        this.netWriteTimeout = b.netWriteTimeout;
        this.maxFrameLength = b.maxFrameLength;
        this.prefetch = b.prefetch;
        this.reconnectPolicy = reconnectPolicy;
        this.eventLoopThreads = b.eventLoopThreads == null ? 1 : b.eventLoopThreads;
        this.eventLoopGroup = b.eventLoopGroup;
        this.errorListener = b.errorListener;
        this.tls = b.tls ? ClientTls.of(b.trustPem, b.trustStore, b.trustStorePassword, b.clientCertificate,
                b.clientKey) : null;
    }

    /**
     * Returns the TLS settings, when the client connects with TLS.
     *
     * @return the TLS context, empty for Canal's plain protocol
     */
    public Optional<ClientTls> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * Returns a new builder with the defaults.
     *
     * @return a builder; call {@link CollectorClientBuilder#build()} to get a checked configuration
     */
    public static CollectorClientBuilder builder() {
        return new CollectorClientBuilder();
    }

    /**
     * Returns the server address of a single-server client; an unresolved one is resolved at every
     * (re)connect.
     *
     * @return the server's host and port, or empty for a cluster client (see {@link #zookeeper()})
     */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * Returns the ZooKeeper connect string of a cluster client, which connects to the server that ZooKeeper
     * names as running the destination.
     *
     * @return {@code host:port[,host:port...][/chroot]}, or empty for a single-server client (see
     *         {@link #address()})
     */
    public Optional<String> zookeeper() {
        return Optional.ofNullable(zookeeper);
    }

    /**
     * Returns the ZooKeeper session timeout a cluster client asks for.
     *
     * @return the session timeout (the default when this is a single-server client)
     */
    public Duration zookeeperSessionTimeout() {
        return zookeeperSessionTimeout;
    }

    /**
     * Returns how long a cluster client's ZooKeeper operation waits for a connection.
     *
     * @return the connection timeout (the default when this is a single-server client)
     */
    public Duration zookeeperConnectionTimeout() {
        return zookeeperConnectionTimeout;
    }

    /**
     * Returns the destination (Canal instance) this client consumes.
     *
     * @return the destination name
     */
    public String destination() {
        return destination;
    }

    /**
     * Returns the client id sent with every request; the server keeps one cursor per destination and id.
     *
     * @return the client id, "1001" by default like Canal's Java client
     */
    public String clientId() {
        return clientId;
    }

    /**
     * Returns the user name sent at authentication.
     *
     * @return the user, empty when none
     */
    public String user() {
        return user;
    }

    /**
     * Returns whether a password is configured. The password itself is not exposed; it only leaves the
     * client scrambled with the server's seed.
     *
     * @return {@code true} if a non-empty password is set
     */
    public boolean hasPassword() {
        return !password.isEmpty();
    }

    String password() {
        return password;
    }

    /**
     * Returns how long a TCP connect may take.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Returns how long a reply may take: from submitting a request (including any wait for a reconnect) to
     * its reply. A {@code getWithoutAck} with a timeout gets that timeout on top.
     *
     * @return the request timeout
     */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Returns the read timeout sent to the server at authentication: the server closes a connection that
     * sends nothing for that long.
     *
     * @return the net read timeout, whole milliseconds in {@code [1, Integer.MAX_VALUE]}
     */
    public Duration netReadTimeout() {
        return netReadTimeout;
    }

    /**
     * Returns the write timeout sent to the server at authentication.
     *
     * @return the net write timeout, whole milliseconds in {@code [1, Integer.MAX_VALUE]}
     */
    public Duration netWriteTimeout() {
        return netWriteTimeout;
    }

    /**
     * Returns the largest frame the client accepts; a longer one closes the connection.
     *
     * @return the maximum frame length in bytes, not counting the 4-byte length prefix
     */
    public int maxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Returns whether the blocking client asks for the next batch ahead ({@link CollectorClientBuilder#prefetch}).
     *
     * @return {@code true} when it fetches ahead
     */
    public boolean prefetch() {
        return prefetch;
    }

    /**
     * Returns how the client reconnects after losing a connection.
     *
     * @return the reconnect policy
     */
    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /**
     * Returns the number of I/O threads the client creates when no event loop group is given.
     *
     * @return the thread count, at least 1
     */
    public int eventLoopThreads() {
        return eventLoopThreads;
    }

    /**
     * Returns the caller's event loop group, which the client uses instead of creating threads and never
     * shuts down.
     *
     * @return the shared group, or empty when the client creates its own
     */
    public Optional<EventLoopGroup> eventLoopGroup() {
        return Optional.ofNullable(eventLoopGroup);
    }

    /**
     * Returns the listener told about errors no caller is waiting for (a refused ack or rollback, a lost
     * connection, reconnecting giving up). It runs on the client's I/O thread and must not block.
     *
     * @return the error listener; by default one that does nothing (the client logs these errors anyway)
     */
    public Consumer<? super CollectorClientException> errorListener() {
        return errorListener;
    }

    @Override
    public String toString() {
        String target = address != null ? "address=" + address : "zookeeper=" + zookeeper + ", zookeeperSessionTimeout="
                + zookeeperSessionTimeout + ", zookeeperConnectionTimeout=" + zookeeperConnectionTimeout;
        return "CollectorClientConfig[" + target + ", destination=" + destination + ", clientId="
                + clientId + ", user=" + user + ", password=" + (hasPassword() ? "****" : "") + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", netReadTimeout=" + netReadTimeout
                + ", netWriteTimeout=" + netWriteTimeout + ", maxFrameLength=" + maxFrameLength + ", prefetch="
                + prefetch + ", " + reconnectPolicy + ", eventLoopThreads=" + eventLoopThreads
                + ", sharedEventLoopGroup=" + (eventLoopGroup != null) + ", tls=" + (tls != null) + "]";
    }
}
