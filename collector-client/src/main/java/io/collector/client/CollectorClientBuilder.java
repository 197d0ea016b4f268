package io.collector.client;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Collects the settings of a client and checks them, alone and in combination, in {@link #build()}, which
 * returns an immutable {@link CollectorClientConfig}. Setters only record values; every problem is reported
 * by {@code build()} with a message naming the setting, the value and what is allowed.
 *
 * <pre>{@code
 * CollectorClientConfig config = CollectorClientConfig.builder()
 *         .address("127.0.0.1", 11111)
 *         .destination("example")
 *         .user("canal").password("canal")
 *         .build();
 * try (CollectorClient client = new CollectorClient(config)) { ... }
 * }</pre>
 *
 * <p>The client connects either to one server, {@link #address(String, int)}, or to whichever server of a
 * cluster runs the destination, found in ZooKeeper: {@link #zookeeper(String)}. Exactly one of them is
 * required.
 *
 * <pre>{@code
 * CollectorClientConfig config = CollectorClientConfig.builder()
 *         .zookeeper("zk1:2181,zk2:2181,zk3:2181")
 *         .destination("example")
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe: use one builder on one thread.
 */
public final class CollectorClientBuilder {

    /** Canal's Java client uses this id; the server keeps one cursor per destination and client id. */
    public static final String DEFAULT_CLIENT_ID = "1001";
    /** Default TCP connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default deadline of a request's reply (beyond the server-side wait of a get with a timeout). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Default net read/write timeout sent at authentication, as Canal's Java client sends (1 hour). */
    public static final Duration DEFAULT_NET_TIMEOUT = Duration.ofHours(1);
    /**
     * Default largest accepted frame: 256 MiB, room for a 64 MiB row of binary data (sent as ISO-8859-1 text in
     * UTF-8, up to twice its size) inserted or deleted, or updated when it is mostly ASCII (both images travel).
     */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 256 * 1024 * 1024;
    /** Smallest accepted {@link #maxFrameLength(int)}. */
    public static final int MIN_MAX_FRAME_LENGTH = 1024;
    /** Default number of reconnect attempts after a connection loss. */
    public static final int DEFAULT_RECONNECT_ATTEMPTS = 10;
    /** Default wait before the first reconnect attempt. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Default cap of the wait between reconnect attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** Default ZooKeeper session timeout of a cluster client (Curator's default). */
    public static final Duration DEFAULT_ZOOKEEPER_SESSION_TIMEOUT = Duration.ofSeconds(60);
    /** Default time a ZooKeeper operation of a cluster client waits for a connection (Curator's default). */
    public static final Duration DEFAULT_ZOOKEEPER_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

    String host;
    int port;
    InetSocketAddress address;
    String zookeeper;
    Duration zookeeperSessionTimeout;
    Duration zookeeperConnectionTimeout;
    String destination;
    String clientId = DEFAULT_CLIENT_ID;
    String user;
    String password;
    Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    Duration netReadTimeout = DEFAULT_NET_TIMEOUT;
    Duration netWriteTimeout = DEFAULT_NET_TIMEOUT;
    int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    boolean prefetch;
    int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;
    Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    Integer eventLoopThreads;
    EventLoopGroup eventLoopGroup;
    Consumer<? super CollectorClientException> errorListener = error -> { };
    boolean tls;
    Path trustPem;
    Path trustStore;
    char[] trustStorePassword;
    Path clientCertificate;
    Path clientKey;

    CollectorClientBuilder() {
    }

    /**
     * Sets the server address. The host is resolved at every connect, so a DNS change is followed. Not
     * together with {@link #zookeeper(String)}.
     *
     * @param host host name or IP address of the server
     * @param port TCP port, Canal's default is 11111
     * @return this builder
     */
    public CollectorClientBuilder address(String host, int port) {
        this.host = host;
        this.port = port;
        this.address = null;
        return this;
    }

    /**
     * Sets the server address. Not together with {@link #zookeeper(String)}.
     *
     * @param address the server's socket address, resolved or not
     * @return this builder
     */
    public CollectorClientBuilder address(InetSocketAddress address) {
        this.address = address;
        this.host = address == null ? null : address.getHostString();
        this.port = address == null ? 0 : address.getPort();
        return this;
    }

    /**
     * Makes this a cluster client: before every connect and reconnect it reads the address of the server
     * running the destination from ZooKeeper ({@code /otter/canal/destinations/{destination}/running},
     * written by Canal servers and by ours), and it reconnects at once when that znode names another server.
     * When no server runs the destination, a connect waits up to {@link #connectTimeout(Duration)} for one
     * and then fails naming the destination and the znode; reconnects are bounded by the
     * {@link #reconnectPolicy(int, Duration, Duration) reconnect policy}. Not together with an address.
     *
     * <p>Consumers of one client id run active/standby through Canal's client running znode
     * ({@code /otter/canal/destinations/{destination}/{clientId}/running}): only the one holding it connects;
     * the others' {@code connect()} waits until it is gone (closed, disconnected, or its ZooKeeper session
     * expired). A client whose ZooKeeper connection is suspended drops its server connection at once.
     *
     * @param connectString ZooKeeper's {@code host:port[,host:port...][/chroot]}, as for Canal's
     *                      {@code zkServers}; a chroot is prefixed to the znode paths
     * @return this builder
     */
    public CollectorClientBuilder zookeeper(String connectString) {
        this.zookeeper = connectString;
        return this;
    }

    /**
     * Sets the ZooKeeper session timeout of a cluster client; default 60 s. It decides how long the client's
     * own watch of the running znode may be interrupted; how fast a crashed server's znode disappears is the
     * server's session timeout.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms, at least the ZooKeeper connection timeout;
     *                only with {@link #zookeeper(String)}
     * @return this builder
     */
    public CollectorClientBuilder zookeeperSessionTimeout(Duration timeout) {
        this.zookeeperSessionTimeout = timeout;
        return this;
    }

    /**
     * Sets how long a ZooKeeper operation of a cluster client waits for a connection; default 15 s.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms, at most the ZooKeeper session timeout;
     *                only with {@link #zookeeper(String)}
     * @return this builder
     */
    public CollectorClientBuilder zookeeperConnectionTimeout(Duration timeout) {
        this.zookeeperConnectionTimeout = timeout;
        return this;
    }

    /**
     * Sets the destination (Canal instance) to consume. Required.
     *
     * @param destination the destination name
     * @return this builder
     */
    public CollectorClientBuilder destination(String destination) {
        this.destination = destination;
        return this;
    }

    /**
     * Sets the client id; defaults to {@value #DEFAULT_CLIENT_ID}. A Canal server needs a 16-bit number.
     *
     * @param clientId the client id
     * @return this builder
     */
    public CollectorClientBuilder clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    /**
     * Sets the user name sent at authentication; none by default.
     *
     * @param user the user, {@code null} or empty for none
     * @return this builder
     */
    public CollectorClientBuilder user(String user) {
        this.user = user;
        return this;
    }

    /**
     * Sets the password. It is sent only as the lowercase hex of scramble411(password, server seed).
     *
     * @param password the clear-text password, {@code null} or empty for none; needs a {@link #user(String)}
     * @return this builder
     */
    public CollectorClientBuilder password(String password) {
        this.password = password;
        return this;
    }

    /**
     * Sets how long a TCP connect may take; default 10 s. A cluster client also waits this long for a server
     * to run the destination.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return this builder
     */
    public CollectorClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * Sets how long a request may wait for its reply, including a wait for a reconnect; default 30 s.
     * A {@code getWithoutAck} with a timeout gets that timeout on top.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return this builder
     */
    public CollectorClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * Sets the read timeout sent at authentication: the server closes a connection idle that long.
     * Default 1 hour.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return this builder
     */
    public CollectorClientBuilder netReadTimeout(Duration timeout) {
        this.netReadTimeout = timeout;
        return this;
    }

    /**
     * Sets the write timeout sent at authentication. Default 1 hour.
     *
     * @param timeout between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return this builder
     */
    public CollectorClientBuilder netWriteTimeout(Duration timeout) {
        this.netWriteTimeout = timeout;
        return this;
    }

    /**
     * Sets the largest frame the client accepts; default 256 MiB. Keep it above the largest batch the server
     * may send: its store's byte capacity plus the largest entry. A row of {@code n} bytes of binary data
     * takes up to {@code 2n} in an entry (ISO-8859-1 text in UTF-8), {@code 4n} for an UPDATE (both images).
     * A larger frame fails the request in flight with a {@link CollectorProtocolException} naming this
     * setting, and the connection is closed.
     *
     * @param bytes at least {@value #MIN_MAX_FRAME_LENGTH}
     * @return this builder
     */
    public CollectorClientBuilder maxFrameLength(int bytes) {
        this.maxFrameLength = bytes;
        return this;
    }

    /**
     * Makes the blocking {@link CollectorClient} fetch ahead (default off): after a full batch it writes the next
     * GET at once, which the next get returns; a rollback drops it. See {@link CollectorClient}.
     *
     * @param enabled whether to fetch ahead
     * @return this builder
     */
    public CollectorClientBuilder prefetch(boolean enabled) {
        this.prefetch = enabled;
        return this;
    }

    /**
     * Sets the reconnect policy; default 10 attempts, 1 s doubling up to 30 s.
     *
     * @param maxAttempts    attempts after one connection loss, 0 to never reconnect
     * @param initialBackoff wait before the first attempt, positive
     * @param maxBackoff     cap of the doubling wait, at least {@code initialBackoff}
     * @return this builder
     */
    public CollectorClientBuilder reconnectPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.reconnectAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        return this;
    }

    /**
     * Sets the number of I/O threads the client creates; default 1. One connection uses one thread, so more
     * threads are rarely useful; to share threads between clients pass a group with
     * {@link #eventLoopGroup(EventLoopGroup)} instead.
     *
     * @param threads at least 1; not together with {@link #eventLoopGroup(EventLoopGroup)}
     * @return this builder
     */
    public CollectorClientBuilder eventLoopThreads(int threads) {
        this.eventLoopThreads = threads;
        return this;
    }

    /**
     * Makes the client use the caller's event loop group (NIO) instead of creating threads. The client
     * never shuts it down.
     *
     * @param group a NIO event loop group owned by the caller; not together with {@link #eventLoopThreads(int)}
     * @return this builder
     */
    public CollectorClientBuilder eventLoopGroup(EventLoopGroup group) {
        this.eventLoopGroup = group;
        return this;
    }

    /**
     * Sets the listener told about errors no caller is waiting for: a refused ack or rollback (also thrown by
     * the next request), a lost connection, reconnecting giving up. It runs on the client's I/O thread and
     * must return quickly; an exception it throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public CollectorClientBuilder errorListener(Consumer<? super CollectorClientException> listener) {
        this.errorListener = listener;
        return this;
    }

    /**
     * Connects with TLS, trusting the server certificates the JVM trusts; the server's host name must match its
     * certificate. Without any TLS option the client speaks Canal's plain protocol.
     *
     * @return this builder
     */
    public CollectorClientBuilder tls() {
        this.tls = true;
        return this;
    }

    /**
     * Connects with TLS, trusting only the certificates (CA or server) in a PEM file.
     *
     * @param pemFile PEM certificates
     * @return this builder
     */
    public CollectorClientBuilder tlsTrustedCertificates(Path pemFile) {
        this.tls = true;
        this.trustPem = pemFile;
        return this;
    }

    /**
     * Connects with TLS, trusting the certificates of a key store (PKCS12 or JKS).
     *
     * @param file     the key store
     * @param password its password, or null
     * @return this builder
     */
    public CollectorClientBuilder tlsTrustStore(Path file, char[] password) {
        this.tls = true;
        this.trustStore = file;
        this.trustStorePassword = password == null ? null : password.clone();
        return this;
    }

    /**
     * Presents a client certificate when the server asks for one (with TLS).
     *
     * @param certificatePem the client's certificate chain, PEM
     * @param keyPem         its private key, unencrypted PKCS#8 PEM
     * @return this builder
     */
    public CollectorClientBuilder tlsClientCertificate(Path certificatePem, Path keyPem) {
        this.clientCertificate = certificatePem;
        this.clientKey = keyPem;
        return this;
    }

    /**
     * Checks the settings and returns them as an immutable configuration.
     *
     * @return the checked configuration
     * @throws IllegalStateException naming the first setting, or combination of settings, that is not
     *                               allowed, with its value and what is allowed
     */
    public CollectorClientConfig build() {
        BuilderChecks.checkTarget(this);
        BuilderChecks.checkCredentials(this);
        BuilderChecks.checkTimeouts(this);
        BuilderChecks.checkResources(this);
        BuilderChecks.checkTls(this);
        return new CollectorClientConfig(this, new ReconnectPolicy(reconnectAttempts, initialBackoff, maxBackoff));
    }
}
