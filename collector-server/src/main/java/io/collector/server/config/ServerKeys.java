package io.collector.server.config;

import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.bool;
import static io.collector.server.config.Validators.bytes;
import static io.collector.server.config.Validators.decimal;
import static io.collector.server.config.Validators.duration;
import static io.collector.server.config.Validators.names;
import static io.collector.server.config.Validators.nonEmpty;
import static io.collector.server.config.Validators.oneOf;
import static io.collector.server.config.Validators.sha1Hex;

import io.collector.server.instance.RestartPolicy;
import io.collector.server.net.handler.NetLimits;
import io.collector.server.publish.kafka.Guarantee;
import io.collector.server.publish.kafka.KafkaServerConfig;
import io.collector.server.publish.kafka.RecordFormat;
import io.collector.server.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry of {@code conf/collector.properties}: every server key declared once, with its type and range,
 * default, Canal aliases, secrecy and documentation, in the order and sections of the shipped file
 * ({@link ConfFileWriter} writes it). Every key may also be set as a system property of the same name or an
 * environment variable named as {@link ConfigLoader} describes; a blank value means "not set".
 */
public final class ServerKeys {

    /** Prefix of instance keys, which may also be set here as defaults for every destination. */
    public static final String INSTANCE_PREFIX = "collector.instance.";

    /**
     * Prefix of the Kafka clients' own settings: {@code kafka.<setting>} is passed to the producer as
     * {@code <setting>}, and to the admin client and the position reader when they know it; checked at start-up
     * against the Kafka clients' own definitions.
     */
    public static final String KAFKA_PREFIX = "kafka.";

    static final ConfFile FILE = new ConfFile("collector.properties", """
            Collector server configuration. Generated from the key registry (io.collector.server.config.ServerKeys);
            edit the registry, not this file, and regenerate (see ConfFileWriter).

            Format: Java properties, UTF-8. A blank value means "not set" (the default applies).
            ${name} and ${name:default} are replaced by the value of another key, system property or
            environment variable; ${collector.home} is always available.

            Overrides, first match wins:
              1. environment variable: the key upper-cased, '.' replaced by '_'  (collector.port -> COLLECTOR_PORT)
              2. Java system property of the same name                           (-Dcollector.port=11111)
              3. this file

            Canal compatibility: the Canal key noted as "Canal:" is read as the key above it, and a Canal
            canal.properties is read in place of this file when this file is absent. Using our key and its
            Canal alias with different values is an error. Other canal.* keys are listed in one WARN line
            at start-up and ignored.

            Durations: a whole number with unit ms, s, m or h (500ms, 5s, 2m); a bare number is milliseconds.
            (Canal keys take Canal's bare numbers: milliseconds, or seconds where noted.)
            Byte sizes: a whole number with an optional binary unit k, m or g (16m = 16 MiB).

            Keys of conf/<destination>/instance.properties (collector.instance.*) may also be set here, as
            defaults for every destination (except collector.instance.store.* and collector.instance.supervise.*:
            see collector.store.* and collector.supervise.* below).
            """, ConfigKey.Scope.SERVER);

    private static final Section SERVER = Section.of(FILE, "Server", "");

    public static final ConfigKey<String> HOME = ConfigKey.define("collector.home", nonEmpty())
            .doc("""
                    Home directory; relative paths below resolve against it. Usually set by bin/startup.sh.
                    Default: the parent of this conf directory.""").in(SERVER);

    public static final ConfigKey<String> IP = ConfigKey.define("collector.ip", nonEmpty())
            .defaultValue("127.0.0.1").canal("canal.ip").doc("""
                    Address the TCP server binds; 0.0.0.0 = every interface. Default: 127.0.0.1 (loopback only: set
                    the address clients reach, and a user and password, before opening it up).""").in(SERVER);

    public static final ConfigKey<Integer> PORT = ConfigKey.define("collector.port", between(1, 65535))
            .defaultValue(11111).canal("canal.port")
            .doc("TCP port of Canal's client protocol, in [1, 65535].").in(SERVER);

    public static final ConfigKey<String> REGISTER_IP = ConfigKey.define("collector.register.ip", nonEmpty())
            .canal("canal.register.ip").doc("Address advertised to others (ZooKeeper). Default: the bind address.")
            .in(SERVER);

    public static final ConfigKey<ServerMode> MODE = ConfigKey.define("collector.mode", oneOf(ServerMode.class))
            .defaultValue(ServerMode.TCP, "tcp").canal("canal.serverMode").doc("""
                    How changes are delivered: tcp (pull clients) or kafka (every destination publishes to Kafka; see
                    "Kafka" below and collector-server/KAFKA.md).""").in(SERVER);

    private static final Section AUTH = Section.of(FILE, "Client authentication", "");

    public static final ConfigKey<String> USER = ConfigKey.define("collector.user", nonEmpty())
            .canal("canal.user").example("canal").doc("""
                    User clients must authenticate as. Default: not set = no authentication: a WARN at start says that
                    anyone who reaches the port reads every change.""").in(AUTH);

    public static final ConfigKey<String> PASSWORD = ConfigKey.define("collector.password", nonEmpty())
            .secret().example("canal").doc("""
                    The user's password in plain text (only its hash is kept in memory). Set this or the hash, not
                    both.""").in(AUTH);

    public static final ConfigKey<String> PASSWORD_HASH = ConfigKey.define("collector.password.hash", sha1Hex())
            .secret().canal("canal.passwd").example("E3619321C1A937C46A0D8BD1DAC39F93B27D4458").doc("""
                    hex(SHA1(SHA1(password))), 40 hex digits: MySQL's PASSWORD() without the '*'.
                    E3619321C1A937C46A0D8BD1DAC39F93B27D4458 is the hash of "canal".""").in(AUTH);

    private static final Section NET = Section.of(FILE, "Client connections", "");

    public static final ConfigKey<Long> NET_MAX_FRAME_BYTES = ConfigKey.define("collector.net.max.frame.bytes",
                    bytes(1024, Integer.MAX_VALUE)).defaultValue(64L << 20, "64m").doc("""
                    Largest client packet accepted, in [1024, 2147483647] bytes; a longer one closes the connection.
                    Client packets are requests (a few hundred bytes); this does not bound the replies the server
                    sends, which carry whole rows of any size (clients set their own limit, e.g. our SDK's
                    maxFrameLength).""").in(NET);

    public static final ConfigKey<Duration> NET_IDLE_TIMEOUT = ConfigKey.define("collector.net.idle.timeout",
                    duration(Duration.ofSeconds(1), Duration.ofDays(7))).defaultValue(Duration.ofHours(1), "1h")
            .doc("""
                    A client connection silent this long is closed, in [1s, 168h], unless the client asks for
                    another timeout when it authenticates.""").in(NET);

    public static final ConfigKey<Long> NET_UNAUTHENTICATED_MAX_FRAME_BYTES = ConfigKey.define(
                    "collector.net.unauthenticated.max.frame.bytes", bytes(1024, 16L << 20))
            .defaultValue((long) NetLimits.DEFAULT_UNAUTHENTICATED_FRAME_LENGTH, "64k")
            .doc("Largest client packet accepted before the client authenticated, in [1024, 16m] bytes.").in(NET);

    public static final ConfigKey<Duration> NET_HANDSHAKE_TIMEOUT = ConfigKey.define(
                    "collector.net.handshake.timeout", duration(Duration.ofMillis(100), Duration.ofHours(1)))
            .defaultValue(NetLimits.DEFAULT_HANDSHAKE_TIMEOUT, "10s")
            .doc("A connection that has not authenticated within this is closed, in [100ms, 1h].").in(NET);

    public static final ConfigKey<Integer> NET_MAX_CONNECTIONS = ConfigKey.define("collector.net.max.connections",
                    between(1, 1_000_000)).defaultValue(NetLimits.DEFAULT_MAX_CONNECTIONS)
            .doc("Open client connections at most, in [1, 1000000]; a further one is closed at once.").in(NET);

    public static final ConfigKey<Integer> NET_MAX_CONNECTIONS_PER_ADDRESS = ConfigKey.define(
                    "collector.net.max.connections.per.address", between(1, 1_000_000))
            .defaultValue(NetLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)
            .doc("Open client connections from one IP address at most, in [1, 1000000].").in(NET);

    public static final ConfigKey<Long> NET_WRITE_BUFFER_BYTES = ConfigKey.define("collector.net.write.buffer.bytes",
                    bytes(64 * 1024, 1L << 30)).defaultValue((long) NetLimits.DEFAULT_WRITE_BUFFER_BYTES, "1m")
            .doc("""
                    Outgoing bytes queued for one connection, in [64k, 1g], above which its requests wait until the
                    client reads: a client that stops reading holds at most this plus one reply.""").in(NET);

    public static final ConfigKey<Duration> NET_AUTH_FAILURE_DELAY = ConfigKey.define(
                    "collector.net.auth.failure.delay", duration(Duration.ZERO, Duration.ofMinutes(1)))
            .defaultValue(NetLimits.DEFAULT_AUTH_FAILURE_DELAY, "1s")
            .doc("How long the answer to a failed authentication is held back, in [0ms, 1m].").in(NET);

    public static final ConfigKey<Boolean> NET_TLS_ENABLED = ConfigKey.define("collector.net.tls.enabled", bool())
            .defaultValue(false).doc("""
                    TLS on the client port. Canal's own client speaks only the plain protocol: leave this off for it;
                    our SDK connects with CollectorClientConfig.builder().tlsTrustedCertificates(caPem) (or
                    tlsTrustStore).""").in(NET);

    public static final ConfigKey<String> NET_TLS_CERT_FILE = ConfigKey.define("collector.net.tls.cert.file",
                    nonEmpty()).example("conf/tls/server.pem").doc("""
                    The server's certificate chain and private key, PEM (the key unencrypted PKCS#8: openssl pkcs8
                    -topk8 -nocrypt). Required with TLS; relative paths resolve against collector.home.""").in(NET);

    public static final ConfigKey<String> NET_TLS_KEY_FILE = ConfigKey.define("collector.net.tls.key.file",
            nonEmpty()).example("conf/tls/server.key").in(NET);

    public static final ConfigKey<String> NET_TLS_CLIENT_CA_FILE = ConfigKey.define(
                    "collector.net.tls.client.ca.file", nonEmpty()).example("conf/tls/clients-ca.pem")
            .doc("CA certificates (PEM) client certificates must chain to. Default: not set = no client certificates.")
            .in(NET);

    public static final ConfigKey<Boolean> NET_TLS_CLIENT_REQUIRED = ConfigKey.define(
                    "collector.net.tls.client.required", bool()).defaultValue(true).doc("""
                    With a client CA: true = a client without a valid certificate is refused; false = a certificate
                    is verified only when the client sends one.""").in(NET);

    private static final Section DESTINATIONS_SECTION = Section.of(FILE, "Destinations", "");

    public static final ConfigKey<List<String>> DESTINATIONS = ConfigKey.define("collector.destinations", names())
            .canal("canal.destinations").example("example").doc("""
                    Comma-separated destination names (letters, digits, '.', '_', '-'). Default: not set = every
                    folder of collector.conf.dir holding an instance.properties.""").in(DESTINATIONS_SECTION);

    public static final ConfigKey<String> CONF_DIR = ConfigKey.define("collector.conf.dir", nonEmpty())
            .canal("canal.conf.dir").example("conf").doc("""
                    Directory holding one folder per destination. Default: this conf directory.
                    (Canal's relative paths, such as canal.conf.dir = ../conf, resolve against ${collector.home}/bin,
                    Canal's working directory, so they keep their meaning.)""").in(DESTINATIONS_SECTION);

    public static final ConfigKey<Boolean> AUTO_SCAN = ConfigKey.define("collector.auto.scan", bool())
            .defaultValue(true).canal("canal.auto.scan")
            .doc("Pick up destination folders added, removed or changed while running: true or false.")
            .in(DESTINATIONS_SECTION);

    public static final ConfigKey<Duration> AUTO_SCAN_INTERVAL = ConfigKey.define("collector.auto.scan.interval",
                    duration(Duration.ofMillis(100), Duration.ofHours(1))).defaultValue(Duration.ofSeconds(5), "5s")
            .canal("canal.auto.scan.interval", TimeUnit.SECONDS)
            .doc("How often destination folders are scanned, in [100ms, 1h].").in(DESTINATIONS_SECTION);

    private static final Section META = Section.of(FILE, "Client cursors (meta)", "");

    public static final ConfigKey<MetaConfig.Mode> META_MODE = ConfigKey.define("collector.meta.mode",
                    oneOf(MetaConfig.Mode.class)).defaultValue(MetaConfig.Mode.FILE, "file").doc("""
                    Where client cursors are kept: file (survives restarts) or memory.
                    Canal: canal.instance.global.spring.xml = classpath:spring/file-instance.xml (file)
                           or classpath:spring/memory-instance.xml (memory)""").in(META);

    public static final ConfigKey<String> META_DIR = ConfigKey.define("collector.meta.dir", nonEmpty())
            .defaultValue("data").canal("canal.file.data.dir")
            .doc("Directory of the file meta manager: one folder per destination, each with a meta.json.")
            .in(META);

    public static final ConfigKey<Duration> META_FLUSH_PERIOD = ConfigKey.define("collector.meta.flush.period",
                    duration(Duration.ZERO, Duration.ofHours(1))).defaultValue(Duration.ZERO, "0")
            .canal("canal.file.flush.period").doc("""
                    How often changed cursors are written, in [0, 1h]. 0 (the default): a client's ack is answered
                    only once its cursor is in the file, so nothing acknowledged is delivered again after a crash;
                    acks arriving while a write is in progress are written together by the next one. A period > 0
                    answers acks at once and writes every period instead (fewer writes; a crash repeats up to one
                    period of acknowledged rows). The cost of 0 for file cursors has not been measured (for
                    ZooKeeper cursors see collector.zk.flush.period). Default: 0""").in(META);

    private static final Section ZK = Section.of(FILE, "ZooKeeper high availability", """
            With collector.zk.servers set, every server hosting a destination joins its election; exactly one runs it,
            writes Canal's discovery znodes (/otter/canal/...) and keeps the cursors in ZooKeeper (collector.meta.mode
            is then ignored). Without it the server runs standalone with the meta mode above.""");

    public static final ConfigKey<String> ZK_SERVERS = ConfigKey.define("collector.zk.servers", nonEmpty())
            .canal("canal.zkServers").example("127.0.0.1:2181")
            .doc("Connect string host:port,host:port[/chroot]. Default: not set = standalone.").in(ZK);

    public static final ConfigKey<Duration> ZK_FLUSH_PERIOD = ConfigKey.define("collector.zk.flush.period",
                    duration(Duration.ZERO, Duration.ofHours(1))).defaultValue(Duration.ZERO, "0")
            .canal("canal.zookeeper.flush.period").doc("""
                    How often cursors are written to ZooKeeper, in [0, 1h]. 0 (the default): a client's ack is
                    answered only once its cursor is in ZooKeeper, so no acknowledged row is delivered again after a
                    failover; acks arriving while a write is in progress are written together by the next one (one
                    write in flight per server). A period > 0 answers acks at once and writes every period (fewer
                    ZooKeeper writes; a failover repeats up to one period of acknowledged rows). Cost of 0: each ack
                    waits for one ZooKeeper write, so it grows with the number of acks.
                    Measured at catch-up speed (collector-benchmark DurableAckBenchmark: 2,000,000 rows in 20-row
                    transactions, one client getting and acking, 2 shared cores): batches of 1000 entries 396k-574k
                    rows/s at 0 against 433k-511k at 1000 ms (no cost above the run-to-run spread); batches of 100
                    entries 286k-523k against 515k-617k (15-45 % slower).
                    Default: 0""").in(ZK);

    public static final ConfigKey<Duration> ZK_SESSION_TIMEOUT = ConfigKey.define("collector.zk.session.timeout",
                    duration(Duration.ofSeconds(1), Duration.ofHours(1))).defaultValue(Duration.ofSeconds(3), "3s")
            .doc("""
                    ZooKeeper session timeout: a server that dies keeps its destinations this long before another
                    server takes them over (failover time is about this plus a second). A longer one rides out longer
                    pauses (GC, a stalled VM) without a takeover. ZooKeeper raises a timeout below 2 x its tickTime
                    (4s with tickTime=2000): give the ensemble tickTime=1000 for the default. In [1s, 1h].
                    Default: 3s""").in(ZK);

    public static final ConfigKey<Duration> ZK_CONNECTION_TIMEOUT = ConfigKey.define(
                    "collector.zk.connection.timeout", duration(Duration.ofMillis(100), Duration.ofHours(1)))
            .defaultValue(Duration.ofSeconds(5), "5s").doc("ZooKeeper connection timeout, in [100ms, 1h]. Default: 5s")
            .in(ZK);

    public static final ConfigKey<String> ZK_AUTH = ConfigKey.define("collector.zk.auth", nonEmpty()).secret()
            .example("collector:secret").doc("""
                    Digest ACL credentials user:password. Znodes the collector creates get all rights for that user
                    and read for anyone (Canal's clients read the discovery znodes without logging in). Default: not
                    set = open ACL""").in(ZK);

    private static final Section SUPERVISE = Section.of(FILE,
            "Supervision: restarting a failed destination (Flink's restart strategies)", """
            Server default; a destination overrides any of these with collector.instance.supervise.<same suffix> in
            its instance.properties. A destination given up is FAILED (log, metrics) until restarted or
            reconfigured.""");

    static final ConfigKey<SuperviseSettings.Strategy> SUPERVISE_POLICY = ConfigKey.define(
                    "collector.supervise.policy", SuperviseSettings.strategy())
            .defaultValue(SuperviseSettings.Strategy.of(RestartPolicy.DEFAULT), "exponential-delay").doc("""
                    fixed-delay       : wait collector.supervise.delay before each restart, at most max.attempts
                                        restarts in a row
                    failure-rate      : wait collector.supervise.delay before each restart; give up when more than
                                        failure.rate.max.failures failures fall within failure.rate.interval
                    exponential-delay : wait collector.supervise.delay, times multiplier after each failure up to
                                        max.delay, at most max.attempts restarts in a row
                    none              : no restart; the first failure is final
                    (fixed, exponential and unlimited, the older names, are fixed-delay, exponential-delay, and
                    exponential-delay without an attempt limit.)""").after("""
                    Under high availability a server that gave a destination up also leaves its election, so another
                    server takes it over, and becomes a candidate again after collector.supervise.max.delay (its
                    cool-down).""").in(SUPERVISE);

    public static final ConfigKey<Duration> SUPERVISE_DELAY = ConfigKey.define("collector.supervise.delay",
                    duration(Duration.ofMillis(1), Duration.ofHours(1)))
            .defaultValue(RestartPolicy.DEFAULT.delay(), "1s")
            .doc("Delay before a restart (the first one with exponential-delay), in [1ms, 1h].").in(SUPERVISE);

    public static final ConfigKey<Duration> SUPERVISE_MAX_DELAY = ConfigKey.define("collector.supervise.max.delay",
                    duration(Duration.ofMillis(1), Duration.ofDays(1)))
            .defaultValue(RestartPolicy.DEFAULT.maxDelay(), "1m").doc("""
                    Longest delay between restarts (exponential-delay), in [1ms, 24h], at least
                    collector.supervise.delay; also the cool-down of a destination given up under high availability
                    before this server may lead it again.""").in(SUPERVISE);

    public static final ConfigKey<Double> SUPERVISE_MULTIPLIER = ConfigKey.define("collector.supervise.multiplier",
                    decimal(1, 10)).defaultValue(RestartPolicy.DEFAULT.multiplier(), "2")
            .doc("Growth of the delay after each failure (exponential-delay), in [1.0, 10.0].").in(SUPERVISE);

    public static final ConfigKey<Integer> SUPERVISE_MAX_ATTEMPTS = ConfigKey.define(
                    "collector.supervise.max.attempts", between(1, 1_000_000))
            .defaultValue(RestartPolicy.DEFAULT.maxAttempts())
            .doc("Restarts tried in a row before giving up (fixed-delay, exponential-delay), in [1, 1000000].")
            .in(SUPERVISE);

    public static final ConfigKey<Integer> SUPERVISE_FAILURE_RATE_MAX_FAILURES = ConfigKey.define(
                    "collector.supervise.failure.rate.max.failures", between(1, 1_000_000))
            .defaultValue(RestartPolicy.DEFAULT.maxFailures())
            .doc("Failures allowed within the interval (failure-rate), in [1, 1000000] ...").in(SUPERVISE);

    public static final ConfigKey<Duration> SUPERVISE_FAILURE_RATE_INTERVAL = ConfigKey.define(
                    "collector.supervise.failure.rate.interval", duration(Duration.ofSeconds(1), Duration.ofDays(1)))
            .defaultValue(RestartPolicy.DEFAULT.failureInterval(), "5m").doc("... and that interval, in [1s, 24h].")
            .in(SUPERVISE);

    public static final ConfigKey<Duration> SUPERVISE_RESET_AFTER = ConfigKey.define("collector.supervise.reset.after",
                    duration(Duration.ofSeconds(1), Duration.ofDays(1)))
            .defaultValue(RestartPolicy.DEFAULT.resetAfter(), "1m").doc("""
                    Running healthy this long starts the count of failures in a row (and the growing delay) afresh,
                    in [1s, 24h].""").in(SUPERVISE);

    private static final Section STORE = Section.of(FILE,
            "Store defaults (each destination may override them with collector.instance.store.*)", "");

    public static final ConfigKey<Integer> STORE_CAPACITY_ENTRIES = ConfigKey.define(
                    "collector.store.capacity.entries", between(1, StoreConfig.MAX_CAPACITY_ENTRIES))
            .defaultValue(StoreConfig.DEFAULT_CAPACITY_ENTRIES).canal("canal.instance.memory.buffer.size")
            .doc("Most entries buffered per destination, in [1, 67108864].").in(STORE);

    public static final ConfigKey<Long> STORE_CAPACITY_BYTES = ConfigKey.define("collector.store.capacity.bytes",
                    bytes(1, Long.MAX_VALUE)).defaultValue(StoreConfig.DEFAULT_CAPACITY_BYTES, "16m").doc("""
                    Most entry bytes buffered per destination (a single larger entry is still admitted): serialized
                    sizes, except in kafka mode with JSON records, where rows are buffered as objects and count an
                    estimate of their heap (about three times their serialized size, so the same bound buffers about
                    a third as many rows).
                    Canal: canal.instance.memory.buffer.size x canal.instance.memory.buffer.memunit (default 1024),
                           in Canal's default batch mode MEMSIZE (canal.instance.memory.batch.mode); ITEMSIZE keeps
                           this default.
                    Note: batch sizes in client get requests always count entries.""").in(STORE);

    public static final ConfigKey<Boolean> STORE_DDL_ISOLATION = ConfigKey.define("collector.store.ddl.isolation",
                    bool()).defaultValue(false).canal("canal.instance.get.ddl.isolation")
            .doc("Whether a DDL entry always travels alone in its batch: true or false.").in(STORE);

    private static final Section KAFKA = Section.of(FILE,
            "Kafka (collector.mode = kafka); see collector-server/KAFKA.md", "");

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.define("kafka.bootstrap.servers",
                    nonEmpty()).canal("canal.mq.servers").example("127.0.0.1:9092").doc("""
                    Brokers host:port,host:port. Required in kafka mode. (Canal's kafka.bootstrap.servers is the same
                    key.)""").after("""

                    Any other kafka.<setting> is passed to the producer as <setting> (and to the admin client and the
                    position reader when they know it): security, SASL, TLS, compression, batching, timeouts. Each is
                    checked at start-up against the Kafka clients' own definition of that setting. acks must be all,
                    enable.idempotence true, max.in.flight.requests.per.connection at most 5; Canal's kafka.retries = 0
                    is ignored. Examples:
                    #kafka.compression.type = lz4
                    #kafka.linger.ms = 5
                    #kafka.security.protocol = SASL_SSL
                    #kafka.sasl.mechanism = SCRAM-SHA-512
                    #kafka.sasl.jaas.config = org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";
                    #kafka.ssl.truststore.location = /path/to/truststore.jks""").in(KAFKA);

    public static final ConfigKey<Guarantee> KAFKA_GUARANTEE = ConfigKey.define("collector.kafka.guarantee",
                    KafkaSettings.guarantee()).defaultValue(Guarantee.AT_LEAST_ONCE, "at-least-once").doc("""
                    at-least-once : idempotent producer, acks=all; a crash or a lost acknowledgement may repeat records
                    exactly-once  : one Kafka transaction per batch with its resume position; consumers
                                    read_committed""").in(KAFKA);

    public static final ConfigKey<RecordFormat> KAFKA_FORMAT = ConfigKey.define("collector.kafka.format",
                    KafkaSettings.format()).defaultValue(RecordFormat.JSON, "json").canal("canal.mq.flatMessage")
            .doc("""
                    Record values: json (Canal's FlatMessage) or protobuf (Canal's Message packets). Canal's key takes
                    true (json) or false (protobuf).""").in(KAFKA);

    public static final ConfigKey<Integer> KAFKA_BATCH_SIZE = ConfigKey.define("collector.kafka.batch.size",
                    between(1, 1_000_000)).defaultValue(KafkaServerConfig.DEFAULT_BATCH_SIZE)
            .canal("canal.mq.canalBatchSize")
            .doc("Store entries published per step (one transaction with exactly-once), in [1, 1000000].").in(KAFKA);

    public static final ConfigKey<Duration> KAFKA_GET_TIMEOUT = ConfigKey.define("collector.kafka.get.timeout",
                    duration(Duration.ofMillis(1), Duration.ofMinutes(1)))
            .defaultValue(KafkaServerConfig.DEFAULT_GET_TIMEOUT, "100ms").canal("canal.mq.canalGetTimeout")
            .doc("Longest wait for a full batch, in [1ms, 1m].").in(KAFKA);

    public static final ConfigKey<Boolean> KAFKA_TOPIC_CREATE = ConfigKey.define("collector.kafka.topic.create",
            bool()).defaultValue(true).doc("Create missing topics: true or false.").in(KAFKA);

    public static final ConfigKey<Integer> KAFKA_TOPIC_CREATE_PARTITIONS = ConfigKey.define(
                    "collector.kafka.topic.create.partitions", between(1, KafkaSettings.MAX_PARTITIONS))
            .defaultValue(KafkaServerConfig.DEFAULT_CREATE_PARTITIONS)
            .doc("Partitions of a created topic whose destination sets no count for it, in [1, 1000000].").in(KAFKA);

    public static final ConfigKey<Integer> KAFKA_TOPIC_REPLICATION_FACTOR = ConfigKey.define(
                    "collector.kafka.topic.replication.factor", KafkaSettings.replicationFactor()).defaultValue(-1)
            .doc("Replication factor of created topics, in [-1, 32767] but not 0: -1 = the broker's default.")
            .in(KAFKA);

    public static final ConfigKey<String> KAFKA_POSITIONS_TOPIC = ConfigKey.define("collector.kafka.positions.topic",
                    KafkaSettings.topicName()).defaultValue(KafkaServerConfig.DEFAULT_POSITIONS_TOPIC)
            .doc("Compacted topic where exactly-once publishers commit each destination's resume position.")
            .in(KAFKA);

    public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID_PREFIX = ConfigKey.define(
                    "collector.kafka.transactional.id.prefix", KafkaSettings.transactionalIdPrefix())
            .defaultValue(KafkaServerConfig.DEFAULT_TRANSACTIONAL_ID_PREFIX).doc("""
                    Start of each exactly-once producer's transactional.id (<prefix><destination>), 1 to 100 letters,
                    digits, '.', '_' and '-'. Keep it the same on every server of one deployment (a new leader then
                    fences the old one); give each deployment sharing a Kafka cluster its own (else two with the same
                    destination name fence each other), and its own collector.kafka.positions.topic too (positions
                    are keyed by destination). Default: collector-""").in(KAFKA);

    public static final ConfigKey<Duration> KAFKA_RETRY_DELAY = ConfigKey.define("collector.kafka.retry.delay",
                    duration(Duration.ofMillis(1), Duration.ofHours(1)))
            .defaultValue(KafkaServerConfig.DEFAULT_RETRY_DELAY, "1s")
            .doc("Delay before retrying a batch Kafka did not take, in [1ms, 1h], doubled after each failure ...")
            .in(KAFKA);

    public static final ConfigKey<Duration> KAFKA_RETRY_MAX_DELAY = ConfigKey.define("collector.kafka.retry.max.delay",
                    duration(Duration.ofMillis(1), Duration.ofHours(1)))
            .defaultValue(KafkaServerConfig.DEFAULT_RETRY_MAX_DELAY, "30s")
            .doc("... up to this, in [1ms, 1h], at least collector.kafka.retry.delay.").in(KAFKA);

    private static final Section OPERATIONS = Section.of(FILE, "Operations endpoints; 0 = off", "");

    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.define("collector.admin.port", between(0, 65535))
            .defaultValue(11110).canal("canal.admin.port").doc("""
                    Admin HTTP/JSON endpoint, CLI target (bin/admin.sh) and status page
                    (http://<collector.admin.host>:<port>/), in [0, 65535]. API and operations:
                    collector-server/ADMIN.md.""").in(OPERATIONS);

    public static final ConfigKey<String> ADMIN_HOST = ConfigKey.define("collector.admin.host", nonEmpty())
            .defaultValue("127.0.0.1").doc("""
                    Address the admin endpoint binds. Default 127.0.0.1 (this machine only); any other address needs
                    collector.admin.token or collector.admin.user, or the server refuses to start.""")
            .in(OPERATIONS);

    public static final ConfigKey<String> ADMIN_TOKEN = ConfigKey.define("collector.admin.token",
                    AdminSettings.token()).secret().doc("""
                    Bearer token every admin request but /health and /ready must carry (Authorization: Bearer
                    <token>), at least 16 visible ASCII characters. Never logged. Not set = no token.""")
            .in(OPERATIONS);

    public static final ConfigKey<String> ADMIN_USER = ConfigKey.define("collector.admin.user", nonEmpty())
            .canal("canal.admin.user")
            .doc("Basic authentication of the admin endpoint (either or both of token and user may be set):")
            .in(OPERATIONS);

    public static final ConfigKey<String> ADMIN_PASSWORD = ConfigKey.define("collector.admin.password", nonEmpty())
            .secret().doc("its password in plain text (the server keeps only its hash; never logged) ...")
            .in(OPERATIONS);

    public static final ConfigKey<String> ADMIN_PASSWORD_HASH = ConfigKey.define("collector.admin.password.hash",
                    sha1Hex()).secret().canal("canal.admin.passwd")
            .doc("... or hex(SHA1(SHA1(password))), 40 hex digits, instead").in(OPERATIONS);

    public static final ConfigKey<Duration> SAVEPOINT_INTERVAL = ConfigKey.define("collector.savepoint.interval",
                    duration(Duration.ZERO, Duration.ofDays(7))).defaultValue(Duration.ZERO, "0").doc("""
                    Automatic savepoints of every running destination, every this long, in [0, 168h]; 0 = none.
                    Named "auto-<epoch ms>" and kept beside the cursors (file mode:
                    <collector.meta.dir>/<destination>/savepoints/, ZooKeeper:
                    /collector/savepoints/<destination>/).""")
            .in(OPERATIONS);

    public static final ConfigKey<Integer> SAVEPOINT_RETAINED = ConfigKey.define("collector.savepoint.retained",
                    between(1, 1000)).defaultValue(3).doc("""
                    Automatic savepoints kept per destination, in [1, 1000]; older ones are deleted. Named savepoints
                    are kept.""").in(OPERATIONS);

    public static final ConfigKey<Integer> METRICS_PORT = ConfigKey.define("collector.metrics.port",
                    between(0, 65535)).defaultValue(11112).canal("canal.metrics.pull.port").doc("""
                    Prometheus metrics endpoint, in [0, 65535]: GET http://<collector.ip>:<port>/metrics
                    (listens on the same address as the client port; metrics and names:
                    collector-server/METRICS.md).""")
            .in(OPERATIONS);

    private ServerKeys() {
    }
}
