package io.collector.server.config;

import java.time.Duration;

/**
 * The keys of {@code conf/collector.properties}, each beside what it means and its default. The Canal key read
 * as an alias of each is listed in {@link KeyAliases}. Every key may also be set as a system property of the
 * same name or an environment variable named as {@link ConfigLoader} describes; a blank value means "not set".
 */
public final class ServerKeys {

    /** Home directory; relative paths in our keys resolve against it. Default: the conf directory's parent. */
    public static final String HOME = "collector.home";

    /** Address the TCP server binds; {@code 0.0.0.0} for every interface. Default: loopback only. */
    public static final String IP = "collector.ip";
    public static final String DEFAULT_IP = "127.0.0.1";

    /** TCP port of Canal's client protocol. */
    public static final String PORT = "collector.port";
    public static final int DEFAULT_PORT = 11111;

    /** Address advertised to others (ZooKeeper); default: the bind address. */
    public static final String REGISTER_IP = "collector.register.ip";

    /** User clients must authenticate as; not set = no authentication. */
    public static final String USER = "collector.user";

    /** Password of {@link #USER} in plain text; the server keeps only its hash. Excludes {@link #PASSWORD_HASH}. */
    public static final String PASSWORD = "collector.password";

    /** {@code hex(SHA1(SHA1(password)))}, 40 hex digits, as MySQL's PASSWORD() without '*' and Canal's canal.passwd. */
    public static final String PASSWORD_HASH = "collector.password.hash";

    /** Largest client packet accepted, in bytes (units k, m, g allowed). */
    public static final String NET_MAX_FRAME_BYTES = "collector.net.max.frame.bytes";
    public static final int DEFAULT_NET_MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /** A client connection silent this long is closed, unless the client asked for another timeout. */
    public static final String NET_IDLE_TIMEOUT = "collector.net.idle.timeout";
    public static final Duration DEFAULT_NET_IDLE_TIMEOUT = Duration.ofHours(1);

    /** Largest client packet accepted before the client authenticated, in bytes. */
    public static final String NET_UNAUTHENTICATED_MAX_FRAME_BYTES = "collector.net.unauthenticated.max.frame.bytes";

    /** A connection that has not authenticated within this is closed. */
    public static final String NET_HANDSHAKE_TIMEOUT = "collector.net.handshake.timeout";

    /** Open client connections at most; further ones are closed at once. */
    public static final String NET_MAX_CONNECTIONS = "collector.net.max.connections";

    /** Open client connections from one IP address at most. */
    public static final String NET_MAX_CONNECTIONS_PER_ADDRESS = "collector.net.max.connections.per.address";

    /** Outgoing bytes queued for a connection above which its requests wait until the client reads. */
    public static final String NET_WRITE_BUFFER_BYTES = "collector.net.write.buffer.bytes";

    /** How long the answer to a failed authentication is held back. */
    public static final String NET_AUTH_FAILURE_DELAY = "collector.net.auth.failure.delay";

    /** Whether clients must connect with TLS. */
    public static final String NET_TLS_ENABLED = "collector.net.tls.enabled";

    /** The server's certificate chain, PEM. */
    public static final String NET_TLS_CERT_FILE = "collector.net.tls.cert.file";

    /** The server's private key, unencrypted PKCS#8 PEM. */
    public static final String NET_TLS_KEY_FILE = "collector.net.tls.key.file";

    /** CA certificates (PEM) client certificates must chain to; not set = no client certificates. */
    public static final String NET_TLS_CLIENT_CA_FILE = "collector.net.tls.client.ca.file";

    /** With a client CA: whether a client certificate is required (true) or only verified when sent. */
    public static final String NET_TLS_CLIENT_REQUIRED = "collector.net.tls.client.required";

    /** How changes are delivered: {@code tcp} (pull clients) or {@code kafka}. */
    public static final String MODE = "collector.mode";

    /** Comma-separated destination names; not set = every sub-folder of the conf dir with an instance.properties. */
    public static final String DESTINATIONS = "collector.destinations";

    /** Directory holding one folder per destination. Default: the conf directory. */
    public static final String CONF_DIR = "collector.conf.dir";

    /** Whether destination folders added, removed or changed while running are picked up. */
    public static final String AUTO_SCAN = "collector.auto.scan";
    public static final boolean DEFAULT_AUTO_SCAN = true;

    /** How often destination folders are scanned. */
    public static final String AUTO_SCAN_INTERVAL = "collector.auto.scan.interval";
    public static final Duration DEFAULT_AUTO_SCAN_INTERVAL = Duration.ofSeconds(5);

    /** Where client cursors are kept: {@code file} or {@code memory} (lost on restart). */
    public static final String META_MODE = "collector.meta.mode";

    /** Directory of the file meta manager (one sub-folder per destination). */
    public static final String META_DIR = "collector.meta.dir";
    public static final String DEFAULT_META_DIR = "data";

    /** How often changed cursors are written; 0 (the default) writes every ack before answering it. */
    public static final String META_FLUSH_PERIOD = "collector.meta.flush.period";
    public static final Duration DEFAULT_META_FLUSH_PERIOD = Duration.ZERO;

    /** ZooKeeper connect string ({@code host:port,...[/chroot]}); set = high availability, not set = standalone. */
    public static final String ZK_SERVERS = "collector.zk.servers";

    /** How often cursors are written to ZooKeeper; 0 (the default) writes every ack before answering it. */
    public static final String ZK_FLUSH_PERIOD = "collector.zk.flush.period";
    public static final Duration DEFAULT_ZK_FLUSH_PERIOD = Duration.ZERO;

    /** ZooKeeper session timeout: how long a dead server keeps its destinations before another takes over. */
    public static final String ZK_SESSION_TIMEOUT = "collector.zk.session.timeout";
    public static final Duration DEFAULT_ZK_SESSION_TIMEOUT = Duration.ofSeconds(3);

    /** ZooKeeper connection timeout. */
    public static final String ZK_CONNECTION_TIMEOUT = "collector.zk.connection.timeout";
    public static final Duration DEFAULT_ZK_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    /** Digest credentials {@code user:password}: znodes get all rights for that user and read for anyone. */
    public static final String ZK_AUTH = "collector.zk.auth";

    /** Default entry bound of each destination's store. */
    public static final String STORE_CAPACITY_ENTRIES = "collector.store.capacity.entries";

    /** Default byte bound of each destination's store (units k, m, g allowed). */
    public static final String STORE_CAPACITY_BYTES = "collector.store.capacity.bytes";

    /** Default of whether a DDL entry always travels alone in its batch. */
    public static final String STORE_DDL_ISOLATION = "collector.store.ddl.isolation";

    /** Port of the Prometheus metrics endpoint; 0 = off. */
    public static final String METRICS_PORT = "collector.metrics.port";
    public static final int DEFAULT_METRICS_PORT = 11112;

    /** Port of the admin HTTP/JSON endpoint and status page; 0 = off. */
    public static final String ADMIN_PORT = "collector.admin.port";
    public static final int DEFAULT_ADMIN_PORT = 11110;

    /** Address the admin endpoint binds; loopback by default. Another address needs a token or a user. */
    public static final String ADMIN_HOST = "collector.admin.host";
    public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";

    /** Bearer token the admin endpoint requires ({@code Authorization: Bearer <token>}); at least 16 characters. */
    public static final String ADMIN_TOKEN = "collector.admin.token";

    /** User of the admin endpoint's basic authentication; needs {@link #ADMIN_PASSWORD} or its hash. */
    public static final String ADMIN_USER = "collector.admin.user";

    /** Password of {@link #ADMIN_USER} in plain text; the server keeps only its hash. */
    public static final String ADMIN_PASSWORD = "collector.admin.password";

    /** {@code hex(SHA1(SHA1(password)))} of {@link #ADMIN_USER}, as Canal's {@code canal.admin.passwd}. */
    public static final String ADMIN_PASSWORD_HASH = "collector.admin.password.hash";

    /** Period of automatic savepoints of every running destination; 0 = none. */
    public static final String SAVEPOINT_INTERVAL = "collector.savepoint.interval";

    /** Automatic savepoints kept per destination; the oldest beyond this are deleted. Named ones are never. */
    public static final String SAVEPOINT_RETAINED = "collector.savepoint.retained";
    public static final int DEFAULT_SAVEPOINT_RETAINED = 3;

    /**
     * Kafka bootstrap servers {@code host:port,...}; required with {@code collector.mode=kafka}. Canal's key, and
     * a {@link #KAFKA_PREFIX} key like every producer setting.
     */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    /**
     * Prefix of the Kafka clients' own settings: {@code kafka.<setting>} is passed to the producer as
     * {@code <setting>} (security, SASL, TLS, compression, batching, timeouts, ...), and to the admin client
     * and the position reader when they know it. Read from this file, system properties and environment
     * variables named with the key itself (as Canal's Docker image passes them).
     */
    public static final String KAFKA_PREFIX = "kafka.";

    /** {@code at-least-once} or {@code exactly-once}. */
    public static final String KAFKA_GUARANTEE = "collector.kafka.guarantee";

    /** Record values: {@code json} (Canal's FlatMessage) or {@code protobuf} (Canal's Message packets). */
    public static final String KAFKA_FORMAT = "collector.kafka.format";

    /** Most store entries published in one step (one transaction with exactly-once). */
    public static final String KAFKA_BATCH_SIZE = "collector.kafka.batch.size";

    /** Longest wait for a full batch before publishing what there is. */
    public static final String KAFKA_GET_TIMEOUT = "collector.kafka.get.timeout";

    /** Whether missing topics (and the positions topic) are created. */
    public static final String KAFKA_TOPIC_CREATE = "collector.kafka.topic.create";

    /** Partitions of a created topic whose destination configures no count for it. */
    public static final String KAFKA_TOPIC_CREATE_PARTITIONS = "collector.kafka.topic.create.partitions";

    /** Replication factor of created topics; -1 = the broker's default. */
    public static final String KAFKA_TOPIC_REPLICATION_FACTOR = "collector.kafka.topic.replication.factor";

    /** Compacted topic where exactly-once publishers commit each destination's position. */
    public static final String KAFKA_POSITIONS_TOPIC = "collector.kafka.positions.topic";

    /**
     * Start of every exactly-once producer's {@code transactional.id} ({@code <prefix><destination>}): the same on
     * all servers of one deployment (so a new leader fences the old one), different between deployments sharing a
     * Kafka cluster (else they fence each other).
     */
    public static final String KAFKA_TRANSACTIONAL_ID_PREFIX = "collector.kafka.transactional.id.prefix";

    /** First delay before retrying a batch Kafka did not take; doubled after each further failure. */
    public static final String KAFKA_RETRY_DELAY = "collector.kafka.retry.delay";

    /** Longest delay between retries of a batch. */
    public static final String KAFKA_RETRY_MAX_DELAY = "collector.kafka.retry.max.delay";

    /** Prefix of instance keys, which may also be set here as defaults for every destination. */
    public static final String INSTANCE_PREFIX = "collector.instance.";

    private ServerKeys() {
    }
}
