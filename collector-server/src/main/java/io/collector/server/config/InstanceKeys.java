package io.collector.server.config;

import static io.collector.server.config.Validators.atLeast;
import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.bool;
import static io.collector.server.config.Validators.bytes;
import static io.collector.server.config.Validators.columnList;
import static io.collector.server.config.Validators.duration;
import static io.collector.server.config.Validators.hostPort;
import static io.collector.server.config.Validators.longBetween;
import static io.collector.server.config.Validators.nonEmpty;
import static io.collector.server.config.Validators.oneOf;
import static io.collector.server.config.Validators.regexList;
import static io.collector.server.config.Validators.zone;

import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.Failover;
import io.collector.server.parser.ParserConfig.PurgedPolicy;
import io.collector.server.parser.ParserConfig.SwitchBack;
import io.collector.server.parser.source.SourceTls;
import io.collector.server.snapshot.BackfillConfig;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.snapshot.SnapshotLocking;
import io.collector.server.snapshot.SnapshotMode;
import io.collector.server.store.StoreConfig;
import io.collector.server.store.SubscriptionLimits.LagPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

/**
 * The registry of {@code conf/<destination>/instance.properties}: every destination key declared once, in the
 * order and sections of the shipped example ({@link ConfFileWriter} writes {@code conf/example/instance.properties}
 * from it). Keys of scope {@link ConfigKey.Scope#BOTH} may also be set in {@code collector.properties} (a default
 * for every destination); every key may be set as a system property or an environment variable, for every
 * destination or for one; {@link ConfigLoader} describes the names and the order.
 */
public final class InstanceKeys {

    static final ConfFile FILE = new ConfFile("example/instance.properties", """
            Destination "example": one source database, read as a replica. Generated from the key registry
            (io.collector.server.config.InstanceKeys); edit the registry, not this file, and regenerate (see
            ConfFileWriter).

            Format: Java properties, UTF-8. A blank value means "not set" (the default applies).
            Durations: a whole number with unit ms, s, m or h (500ms, 5s, 2m); a bare number is milliseconds.

            Overrides, first match wins (for key collector.instance.source.address and destination "example"):
              1. environment variable EXAMPLE_COLLECTOR_INSTANCE_SOURCE_ADDRESS      (this destination only)
              2. environment variable COLLECTOR_INSTANCE_SOURCE_ADDRESS              (every destination)
              3. system property example.collector.instance.source.address           (this destination only)
              4. system property collector.instance.source.address                   (every destination)
              5. this file
              6. the server file (collector.properties or canal.properties), as a default for every destination
                 (not for collector.instance.store.* and collector.instance.supervise.*, whose server-wide defaults
                 are collector.store.* and collector.supervise.*)
            Environment names: the key upper-cased, every '.' (and '-') replaced by '_'.

            Canal compatibility: the Canal key noted as "Canal:" is read as the key above it; a Canal
            instance.properties works unchanged for the keys we support. Other canal.* keys are listed in
            one WARN line and ignored (e.g. canal.instance.standby.journal.name, canal.instance.tsdb.*).
            """, ConfigKey.Scope.BOTH);

    private static final Section SOURCE = Section.of(FILE, "Source", "");

    public static final ConfigKey<HostPort> SOURCE_ADDRESS = ConfigKey.define("collector.instance.source.address",
                    hostPort()).canal("canal.instance.master.address").shipped("127.0.0.1:3306")
            .doc("Source server as host:port ([address]:port for IPv6), port in [1, 65535]. Required.").in(SOURCE);

    public static final ConfigKey<String> SOURCE_USER = ConfigKey.define("collector.instance.source.user", nonEmpty())
            .canal("canal.instance.dbUsername").shipped("canal")
            .doc("Replication user: needs REPLICATION SLAVE, REPLICATION CLIENT and SELECT. Required.").in(SOURCE);

    public static final ConfigKey<String> SOURCE_PASSWORD = ConfigKey.define("collector.instance.source.password",
                    nonEmpty()).secret().canal("canal.instance.dbPassword").shipped("canal")
            .doc("Its password. Default: empty.").in(SOURCE);

    public static final ConfigKey<Long> SOURCE_SERVER_ID = ConfigKey.define("collector.instance.source.server.id",
                    longBetween(0, InstanceConfigParser.MAX_SERVER_ID)).canal("canal.instance.mysql.slaveId")
            .example("1234").doc("""
                    Server id this replica registers with, unique among the source's replicas, in [0, 4294967295].
                    Default (not set, or 0): 1000 + CRC32(destination name) mod (2^31 - 1000), stable across restarts
                    and servers; set it when two collectors read one source under the same destination name.""")
            .in(SOURCE);

    public static final ConfigKey<String> SOURCE_STANDBY_ADDRESSES = ConfigKey.define(
                    "collector.instance.source.standby.addresses", nonEmpty())
            .canal("canal.instance.standby.address").example("127.0.0.1:3307").doc("""
                    Further sources of the same data, tried in order when the current one is lost (primary failover, a
                    replica promoted): comma-separated host:port, typically replicas with log_slave_updates=ON. The
                    cursor records which server it was read from: on another server reading resumes after the
                    delivered GTID set (collector.instance.gtid.mode=true; MariaDB d-s-n or MySQL uuid:n), else by
                    timestamp (see the fallback interval below). A different server found behind
                    collector.instance.source.address (a VIP that moved) is followed the same way. Default: none (a
                    single source).""").in(SOURCE);

    public static final ConfigKey<String> SOURCE_DETECT_SQL = ConfigKey.define("collector.instance.source.detect.sql",
                    nonEmpty()).defaultValue(Failover.DEFAULT_DETECT_SQL).canal("canal.instance.detecting.sql").doc("""
                    When the binlog connection ends and standby sources are listed, this query is run on the current
                    source up to collector.instance.source.detect.retries times,
                    collector.instance.source.detect.interval apart (each bounded by that interval); if every run
                    fails, the next source is read.""").in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_DETECT_INTERVAL = ConfigKey.define(
                    "collector.instance.source.detect.interval", duration(Duration.ofMillis(100), Duration.ofHours(1)))
            .defaultValue(Failover.DEFAULT_DETECT_INTERVAL, "3s")
            .canal("canal.instance.detecting.interval.time", TimeUnit.SECONDS).doc("In [100ms, 1h].").in(SOURCE);

    public static final ConfigKey<Long> SOURCE_DETECT_RETRIES = ConfigKey.define(
                    "collector.instance.source.detect.retries", longBetween(1, 100))
            .defaultValue((long) Failover.DEFAULT_DETECT_RETRIES).canal("canal.instance.detecting.retry.threshold")
            .doc("In [1, 100].").in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_FALLBACK_INTERVAL = ConfigKey.define(
                    "collector.instance.source.fallback.interval", duration(Duration.ZERO, Duration.ofDays(1)))
            .defaultValue(Failover.DEFAULT_FALLBACK_INTERVAL, "60s")
            .canal("canal.instance.fallbackIntervalInSeconds", TimeUnit.SECONDS).doc("""
                    Without GTIDs, a new source is read from the time of the last delivered transaction minus this, in
                    [0ms, 24h]; a WARN says that transactions of that many seconds may be delivered again.""")
            .in(SOURCE);

    public static final ConfigKey<SwitchBack> SOURCE_SWITCH_BACK = ConfigKey.define(
                    "collector.instance.source.switch.back", oneOf(SwitchBack.class))
            .defaultValue(SwitchBack.NEVER, "never").doc("""
                    Whether a destination reading a standby returns to collector.instance.source.address (the
                    preferred source) once it is back; it is checked every detect.interval with the detection query:
                      never     - stay on the source read now while it works (default);
                      gtid      - GTID mode only: once the preferred source's binlog holds every transaction delivered
                                  (MariaDB @@gtid_binlog_state, MySQL @@gtid_executed), the destination stops at a
                                  transaction boundary and resumes there after the delivered GTID set: nothing
                                  skipped or repeated;
                      timestamp - without GTID mode only: once it answers, switch at a transaction boundary and
                                  resume by timestamp minus the fallback interval above (those seconds may be
                                  delivered again, with a WARN).
                    Needs standby addresses. Canal has no such key (canal.instance.detecting.heartbeatHaEnable only
                    enables the switch on a failed detection, which is always on here when standbys are listed; it is
                    not read).""").in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_CONNECT_TIMEOUT = ConfigKey.define(
                    "collector.instance.source.connect.timeout",
                    duration(Duration.ofMillis(100), Duration.ofMinutes(10)))
            .defaultValue(Duration.ofSeconds(10), "10s").doc("Connection timeout, in [100ms, 10m].").in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_HEARTBEAT_PERIOD = ConfigKey.define(
                    "collector.instance.source.heartbeat.period", duration(Duration.ofMillis(100), Duration.ofHours(1)))
            .defaultValue(Duration.ofSeconds(5), "5s").doc("""
                    Heartbeat period asked of the source, in [100ms, 1h]; a connection silent for three periods is
                    reopened.""").in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_RECONNECT_DELAY = ConfigKey.define(
                    "collector.instance.source.reconnect.delay", duration(Duration.ofMillis(10), Duration.ofHours(1)))
            .defaultValue(Duration.ofSeconds(1), "1s")
            .doc("Delay before reconnecting after a failure, in [10ms, 1h], doubled after each further failure ...")
            .in(SOURCE);

    public static final ConfigKey<Duration> SOURCE_RECONNECT_MAX_DELAY = ConfigKey.define(
                    "collector.instance.source.reconnect.max.delay",
                    duration(Duration.ofMillis(10), Duration.ofHours(1))).defaultValue(Duration.ofSeconds(30), "30s")
            .doc("... up to this, in [10ms, 1h], at least collector.instance.source.reconnect.delay.").in(SOURCE);

    public static final ConfigKey<SourceTls.Mode> SOURCE_SSL_MODE = ConfigKey.define(
                    "collector.instance.source.ssl.mode", SourceTlsSettings.mode())
            .defaultValue(SourceTls.Mode.DISABLED, "disabled").commented().canal("canal.instance.master.sslMode")
            .doc("""
                    TLS to the source, for the binlog connection and the SQL connection alike, as MySQL's ssl-mode:
                      disabled        plain connections (default, as Canal)
                      preferred       TLS when the source offers it, else plain; the certificate is not verified
                      required        TLS or no connection; the certificate is not verified
                      verify-ca       TLS, and the certificate must chain to the CA file / trust store below (else
                                      the JDK's default trust store)
                      verify-identity as verify-ca, and the certificate must name the host of
                                      collector.instance.source.address
                    A refused certificate or a TLS-less source under required/verify-* stops the destination with an
                    error naming the TLS settings; it is restarted per its restart strategy.""").in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_CA_FILE = ConfigKey.define("collector.instance.source.ssl.ca.file",
                    nonEmpty()).example("conf/example/source-ca.pem")
            .doc("PEM file of the CA certificate(s) to trust; excludes the trust store. Default: none. (No Canal key.)")
            .in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_TRUST_STORE = ConfigKey.define(
                    "collector.instance.source.ssl.trust.store", nonEmpty())
            .canal("canal.instance.master.trustCertificateKeyStoreUrl").doc("""
                    A key store of trusted certificates instead (path or file: URL), its password and type (PKCS12,
                    the default, also reads JKS files; or JKS). Default: none.""").in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_TRUST_STORE_PASSWORD = ConfigKey.define(
                    "collector.instance.source.ssl.trust.store.password", nonEmpty()).secret()
            .canal("canal.instance.master.trustCertificateKeyStorePassword").in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_TRUST_STORE_TYPE = ConfigKey.define(
                    "collector.instance.source.ssl.trust.store.type", nonEmpty()).defaultValue("PKCS12").commented()
            .canal("canal.instance.master.trustCertificateKeyStoreType").in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_KEY_STORE = ConfigKey.define(
                    "collector.instance.source.ssl.key.store", nonEmpty())
            .canal("canal.instance.master.clientCertificateKeyStoreUrl").doc("""
                    A key store with this client's certificate and key (path or file: URL), sent when the source asks
                    for one (accounts with REQUIRE X509), its password (also the key's) and type. Default: none.""")
            .in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_KEY_STORE_PASSWORD = ConfigKey.define(
                    "collector.instance.source.ssl.key.store.password", nonEmpty()).secret()
            .canal("canal.instance.master.clientCertificateKeyStorePassword").in(SOURCE);

    public static final ConfigKey<String> SOURCE_SSL_KEY_STORE_TYPE = ConfigKey.define(
                    "collector.instance.source.ssl.key.store.type", nonEmpty()).defaultValue("PKCS12").commented()
            .canal("canal.instance.master.clientCertificateKeyStoreType")
            .after("Canal's canal.instance.master.tlsVersions is not read: TLS 1.2 and 1.3 are offered, as the JDK"
                    + " allows.").in(SOURCE);

    public static final ConfigKey<Boolean> SOURCE_ALLOW_PUBLIC_KEY_RETRIEVAL = ConfigKey.define(
                    "collector.instance.source.allow.public.key.retrieval", bool()).defaultValue(false).commented()
            .doc("""
                    Let the SQL connection ask the source for its RSA public key (MySQL caching_sha2_password /
                    sha256_password over a plain connection, where a man in the middle could answer with his own
                    key). Always allowed when ssl.mode is required, verify-ca or verify-identity. (The binlog
                    connection's library, mysql-binlog-connector-java, asks for the key by itself when it needs it
                    over a plain connection; it connects after the SQL connection, which caches the password on the
                    server, so it normally does not.) Default: false. (No Canal key.)""").in(SOURCE);

    public static final ConfigKey<Long> CONVERSION_QUEUE_BYTES = ConfigKey.define(
                    "collector.instance.conversion.queue.bytes", bytes(1L << 20, 1L << 30))
            .defaultValue(ParserConfig.DEFAULT_CONVERSION_QUEUE_BYTES, "64m").commented().doc("""
                    Binlog bytes read from the source but not yet converted into entries, at most, in [1m, 1g] (units
                    k, m, g); one larger event is still taken, alone, so a row larger than this is slower, never
                    refused. Default: 64m. (No Canal key.)""").in(SOURCE);

    public static final ConfigKey<Long> DECODE_RETRIES = ConfigKey.define("collector.instance.decode.retries",
                    longBetween(0, 100)).defaultValue((long) ParserConfig.DEFAULT_DECODE_RETRIES).doc("""
                    How often an event that fails to decode is read again from the last transaction boundary before
                    the destination is FAILED with the event's file:offset, header and cause, in [0, 100]. A CRC32
                    checksum mismatch is retried at most once. No Canal equivalent.""").after("""

                    Canal's connection charset is accepted but not needed: values are decoded with each column's own
                    charset. Anything but UTF-8 logs a WARN.
                    #canal.instance.connectionCharset = UTF-8""").in(SOURCE);

    private static final Section START = Section.of(FILE,
            "Where to start when no cursor is stored (at most one of journal, GTID set, timestamp)",
            "Default: none = the source's current position.");

    public static final ConfigKey<String> START_JOURNAL = ConfigKey.define("collector.instance.start.journal",
                    nonEmpty()).canal("canal.instance.master.journal.name").example("mysql-bin.000001")
            .doc("Binlog file.").in(START);

    public static final ConfigKey<Long> START_POSITION = ConfigKey.define("collector.instance.start.position",
                    atLeast(0)).canal("canal.instance.master.position").example("4")
            .doc("Offset in that file, at least 0. Default: the file's first event.").in(START);

    public static final ConfigKey<Long> START_TIMESTAMP = ConfigKey.define("collector.instance.start.timestamp",
                    atLeast(1)).canal("canal.instance.master.timestamp").example("1700000000000")
            .doc("The first transaction at or after this time, in epoch milliseconds.").in(START);

    public static final ConfigKey<String> START_GTID = ConfigKey.define("collector.instance.start.gtid", nonEmpty())
            .canal("canal.instance.master.gtid").doc("After this GTID set (MySQL uuid:1-100, MariaDB 0-1-100).")
            .in(START);

    public static final ConfigKey<String> START_SAVEPOINT = ConfigKey.define("collector.instance.start.savepoint",
                    AdminSettings.savepointName()).doc("""
                    A named savepoint of this destination (bin/admin.sh savepoint ...) to start from: letters, digits,
                    '.', '_', '-'. Applied once, before the first start after the name is set or changed: the
                    savepoint's cursors replace those of its clients, so they receive again exactly what came after
                    it. Default: none. (No Canal key.)""").in(START);

    public static final ConfigKey<Boolean> GTID_MODE = ConfigKey.define("collector.instance.gtid.mode", bool())
            .defaultValue(false).canal("canal.instance.gtidon")
            .doc("Resume by GTID set instead of file and offset: true or false.").in(START);

    public static final ConfigKey<PurgedPolicy> PURGED_POLICY = ConfigKey.define("collector.instance.purged.policy",
                    oneOf(PurgedPolicy.class)).defaultValue(PurgedPolicy.FAIL, "fail").doc("""
                    When the wanted binlog was purged from the source:
                      fail     : stop this destination with an error naming the wanted and the oldest available
                                 position
                      earliest : restart from the oldest binlog still available (WARN naming the skipped range)
                      latest   : restart from the source's current position (WARN: changes in between are lost)
                    Canal: canal.auto.reset.latest.pos.mode = true reads as latest.""").in(START);

    private static final Section FILTERS = Section.of(FILE, "Filters", "");

    public static final ConfigKey<String> FILTER_INCLUDE = ConfigKey.define("collector.instance.filter.include",
                    regexList()).defaultValue(".*\\..*").canal("canal.instance.filter.regex").doc("""
                    Tables to include: comma-separated regular expressions over schema.table, each anchored and
                    case-insensitive. Default: .*\\\\..* (every table; '\\' is doubled in a properties file).""")
            .in(FILTERS);

    public static final ConfigKey<String> FILTER_EXCLUDE = ConfigKey.define("collector.instance.filter.exclude",
                    regexList()).canal("canal.instance.filter.black.regex").shipped("mysql\\.slave_.*")
            .doc("Tables to exclude, same syntax. Default: none.").in(FILTERS);

    public static final ConfigKey<String> FILTER_COLUMNS_INCLUDE = ConfigKey.define(
                    "collector.instance.filter.columns.include", columnList()).canal("canal.instance.filter.field")
            .example("test1.t_product:id/subject/keywords").doc("""
                    Columns to keep, per table: schema.table:col1/col2,schema.table2:col1. Key columns are kept only
                    if listed. Default: none (all columns).""").in(FILTERS);

    public static final ConfigKey<String> FILTER_COLUMNS_EXCLUDE = ConfigKey.define(
                    "collector.instance.filter.columns.exclude", columnList())
            .canal("canal.instance.filter.black.field").example("test1.t_product:product_image")
            .doc("Columns to drop, same syntax. Default: none.").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_INSERT = ConfigKey.define(
                    "collector.instance.filter.drop.insert", bool()).defaultValue(false)
            .canal("canal.instance.filter.dml.insert").doc("""
                    Event types to drop: true or false, default false. (Canal keeps these in canal.properties; they
                    are accepted in either file.)
                    INSERT rows.""").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_UPDATE = ConfigKey.define(
                    "collector.instance.filter.drop.update", bool()).defaultValue(false)
            .canal("canal.instance.filter.dml.update").doc("UPDATE rows.").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_DELETE = ConfigKey.define(
                    "collector.instance.filter.drop.delete", bool()).defaultValue(false)
            .canal("canal.instance.filter.dml.delete").doc("DELETE rows.").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_DDL = ConfigKey.define("collector.instance.filter.drop.ddl",
                    bool()).defaultValue(false).canal("canal.instance.filter.query.ddl")
            .doc("Typed DDL: CREATE, ALTER, ERASE, RENAME, TRUNCATE, CINDEX, DINDEX.").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_DCL = ConfigKey.define("collector.instance.filter.drop.dcl",
                    bool()).defaultValue(false).canal("canal.instance.filter.query.dcl")
            .doc("Untyped DDL and DCL: GRANT, CREATE DATABASE, views, ...").in(FILTERS);

    public static final ConfigKey<Boolean> FILTER_DROP_QUERY_DML = ConfigKey.define(
                    "collector.instance.filter.drop.query.dml", bool()).defaultValue(false)
            .canal("canal.instance.filter.query.dml").doc("DML logged as statements.").in(FILTERS);

    private static final Section SUPERVISE = Section.of(FILE,
            "Restart strategy (defaults: collector.supervise.* in collector.properties)", """
            Any collector.supervise.<suffix> of collector.properties, for this destination only; what is left out
            keeps the server's value. E.g. give up at the first failure, or allow 5 failures per 10 minutes:
            #collector.instance.supervise.policy = none
            #collector.instance.supervise.policy = failure-rate
            #collector.instance.supervise.failure.rate.max.failures = 5
            #collector.instance.supervise.failure.rate.interval = 10m""");

    static final ConfigKey<SuperviseSettings.Strategy> SUPERVISE_POLICY =
            ServerKeys.SUPERVISE_POLICY.forDestination(SUPERVISE);
    public static final ConfigKey<Duration> SUPERVISE_DELAY = ServerKeys.SUPERVISE_DELAY.forDestination(SUPERVISE);
    public static final ConfigKey<Duration> SUPERVISE_MAX_DELAY =
            ServerKeys.SUPERVISE_MAX_DELAY.forDestination(SUPERVISE);
    public static final ConfigKey<Double> SUPERVISE_MULTIPLIER =
            ServerKeys.SUPERVISE_MULTIPLIER.forDestination(SUPERVISE);
    public static final ConfigKey<Integer> SUPERVISE_MAX_ATTEMPTS =
            ServerKeys.SUPERVISE_MAX_ATTEMPTS.forDestination(SUPERVISE);
    public static final ConfigKey<Integer> SUPERVISE_FAILURE_RATE_MAX_FAILURES =
            ServerKeys.SUPERVISE_FAILURE_RATE_MAX_FAILURES.forDestination(SUPERVISE);
    public static final ConfigKey<Duration> SUPERVISE_FAILURE_RATE_INTERVAL =
            ServerKeys.SUPERVISE_FAILURE_RATE_INTERVAL.forDestination(SUPERVISE);
    public static final ConfigKey<Duration> SUPERVISE_RESET_AFTER =
            ServerKeys.SUPERVISE_RESET_AFTER.forDestination(SUPERVISE);

    private static final Section STORE = Section.of(FILE, "Store (defaults: collector.store.* in collector.properties)",
            "");

    public static final ConfigKey<Integer> STORE_CAPACITY_ENTRIES = ConfigKey.define(
                    "collector.instance.store.capacity.entries", between(1, StoreConfig.MAX_CAPACITY_ENTRIES))
            .canal("canal.instance.memory.buffer.size").example("16384")
            .doc("Most entries buffered, in [1, 67108864].").inDestinationOnly(STORE);

    public static final ConfigKey<Long> STORE_CAPACITY_BYTES = ConfigKey.define(
                    "collector.instance.store.capacity.bytes", bytes(1, Long.MAX_VALUE)).example("16m").doc("""
                    Most entry bytes buffered (see collector.store.capacity.bytes: a heap estimate for kafka mode
                    with JSON records). Canal: buffer.size x canal.instance.memory.buffer.memunit""")
            .inDestinationOnly(STORE);

    public static final ConfigKey<Boolean> STORE_DDL_ISOLATION = ConfigKey.define(
                    "collector.instance.store.ddl.isolation", bool()).canal("canal.instance.get.ddl.isolation")
            .example("false").doc("A DDL entry always alone in its batch: true or false.").inDestinationOnly(STORE);

    private static final Section SUBSCRIPTIONS = Section.of(FILE,
            "Subscriptions: several client ids of this destination (README: \"Several consumers\")",
            "(No Canal keys: Canal serves one consumer per destination. Not used in kafka mode.)");

    public static final ConfigKey<LagPolicy> SUBSCRIPTION_LAG_POLICY = ConfigKey.define(
                    "collector.instance.subscription.lag.policy", oneOf(LagPolicy.class))
            .defaultValue(LagPolicy.BLOCK, "block").commented().doc("""
                    What a client id that lags does to the others: block (the slowest holds the parser back, as
                    Canal) or detach (once it is beyond a limit below behind the most advanced client id, it leaves
                    the shared store with a WARN; when it reads again it catches up from its own cursor with a binlog
                    reader of its own, and rejoins the shared store once level). Detach needs a second binlog
                    connection per detached client id while it catches up.""").in(SUBSCRIPTIONS);

    public static final ConfigKey<Integer> SUBSCRIPTION_MAX_LAG_ENTRIES = ConfigKey.define(
                    "collector.instance.subscription.max.lag.entries", between(1, StoreConfig.MAX_CAPACITY_ENTRIES))
            .example("").doc("""
                    Under detach: most entries a client id may hold that the most advanced one acknowledged, in
                    [1, 67108864]. Default (not set): half of collector.instance.store.capacity.entries.""")
            .in(SUBSCRIPTIONS);

    public static final ConfigKey<Long> SUBSCRIPTION_MAX_LAG_BYTES = ConfigKey.define(
                    "collector.instance.subscription.max.lag.bytes", bytes(1, Long.MAX_VALUE)).example("").doc("""
                    Under detach: the same in bytes (units k, m, g). Default (not set): half of
                    collector.instance.store.capacity.bytes.""").in(SUBSCRIPTIONS);

    public static final ConfigKey<Duration> SUBSCRIPTION_MAX_LAG_TIME = ConfigKey.define(
                    "collector.instance.subscription.max.lag.time",
                    duration(Duration.ofMillis(100), Duration.ofDays(365))).example("").doc("""
                    Under detach: longest a stored entry may wait for a client id's ack while another client id
                    acknowledged it, in [100ms, 8760h]. Default (not set): no time limit.""").in(SUBSCRIPTIONS);

    public static final ConfigKey<Duration> SUBSCRIPTION_EXPIRY = ConfigKey.define(
                    "collector.instance.subscription.expiry", duration(Duration.ofSeconds(1), Duration.ofDays(365)))
            .example("").doc("""
                    Remove a client id's subscription and cursor once it made no get, ack or rollback for this long
                    (with a WARN; the client must subscribe again), in [1s, 8760h]; counted from the destination's
                    start. Default (not set): never.""").in(SUBSCRIPTIONS);

    private static final Section VALUES = Section.of(FILE, "Value forms", "");

    public static final ConfigKey<Boolean> ENUM_AS_LABEL = ConfigKey.define("collector.instance.enum.as.label",
                    bool()).defaultValue(false)
            .doc("ENUM values as their label instead of Canal's 1-based index: true or false.").in(VALUES);

    public static final ConfigKey<Boolean> SET_AS_LABELS = ConfigKey.define("collector.instance.set.as.labels",
                    bool()).defaultValue(false)
            .doc("SET values as comma-joined labels instead of Canal's bitmask: true or false.").in(VALUES);

    public static final ConfigKey<ZoneId> TIMESTAMP_ZONE = ConfigKey.define("collector.instance.timestamp.zone",
                    zone()).example("UTC").doc("""
                    Zone in which TIMESTAMP values are shown: UTC, an offset such as +08:00, or a region such as
                    Asia/Shanghai. Default: the JVM's zone, as Canal.""").in(VALUES);

    private static final Section SNAPSHOT = Section.of(FILE, "Snapshot (README: \"Initial snapshot\")", "");

    public static final ConfigKey<SnapshotMode> SNAPSHOT_MODE = ConfigKey.define("collector.instance.snapshot.mode",
                    InstanceConfigParser.snapshotMode()).defaultValue(SnapshotMode.NEVER, "never").doc("""
                    Read every included table in one consistent read view before the binlog, which then follows from
                    that view's exact position: never (start at the cursor or the start position above), initial
                    (first start, when no cursor is stored) or when-needed (also when the cursor's binlog was
                    purged). The source user also needs SELECT on the tables. Default: never. (No Canal key.)""")
            .in(SNAPSHOT);

    public static final ConfigKey<Long> SNAPSHOT_CHUNK_ROWS = ConfigKey.define("collector.instance.snapshot.chunk.rows",
                    longBetween(1, 1 << 20)).defaultValue((long) SnapshotConfig.DEFAULT_CHUNK_ROWS).commented()
            .doc("Rows per snapshot chunk (one query, one progress record), in [1, 1048576]. (No Canal key.)")
            .in(SNAPSHOT);

    public static final ConfigKey<SnapshotLocking> SNAPSHOT_LOCKING = ConfigKey.define(
                    "collector.instance.snapshot.locking", InstanceConfigParser.snapshotLocking())
            .defaultValue(SnapshotLocking.AUTO, "auto").commented().doc("""
                    How the snapshot learns its read view's binlog position: auto (no lock on MariaDB, which reports
                    it; global-read-lock on MySQL), none (MariaDB or Percona Server only) or global-read-lock (FLUSH
                    TABLES WITH READ LOCK held while the view opens and its position is read, about milliseconds;
                    needs RELOAD). Default: auto. (No Canal key.)""").in(SNAPSHOT);

    private static final Section BACKFILL = Section.of(FILE, "Backfill on demand (README: \"Backfill on demand\")", "");

    public static final ConfigKey<String> SIGNAL_TABLE = ConfigKey.define("collector.instance.signal.table",
                    InstanceConfigParser.qualifiedTable()).example("ops.collector_signal").doc("""
                    The signal table, schema.table, that starts backfills and holds their watermarks: a row of type
                    execute-backfill with data {"table":"schema.table","where":"optional condition"} read from the
                    binlog re-reads that table in key-ordered chunks while the binlog keeps flowing (DBLog
                    watermarks); so does POST /api/destinations/{d}/backfill. Create it with
                      CREATE TABLE ops.collector_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,
                                                         data VARCHAR(2048) NULL) ENGINE=InnoDB;
                    and grant the source user INSERT on it (GRANT INSERT ON ops.collector_signal TO ...) besides
                    SELECT on the tables to backfill. The filter must not exclude the tables to backfill. Default:
                    not set = no backfill. (No Canal key.)""").in(BACKFILL);

    public static final ConfigKey<Integer> BACKFILL_CHUNK_ROWS = ConfigKey.define(
                    "collector.instance.backfill.chunk.rows", between(1, BackfillConfig.MAX_CHUNK_ROWS))
            .defaultValue(BackfillConfig.DEFAULT_CHUNK_ROWS).commented().doc("""
                    Rows per backfill chunk (one query between two watermarks, held in memory), in [1, 32768].
                    (No Canal key.)""").in(BACKFILL);

    private static final Section KAFKA = Section.of(FILE,
            "Kafka (collector.mode = kafka); see collector-server/KAFKA.md", "");

    public static final ConfigKey<String> KAFKA_TOPIC_PREFIX = ConfigKey.define("collector.instance.kafka.topic.prefix",
                    KafkaSettings.topicName()).example("cdc.")
            .doc("Put before every topic name derived from a database or a dynamic topic rule. Default: none.")
            .in(KAFKA);

    public static final ConfigKey<String> KAFKA_TOPIC = ConfigKey.define("collector.instance.kafka.topic",
                    KafkaSettings.topicName()).canal("canal.mq.topic").example("example").doc("""
                    The topic of changes no dynamic topic rule matches. Default: not set = one topic per database,
                    named <prefix><database>.""").in(KAFKA);

    public static final ConfigKey<String> KAFKA_DYNAMIC_TOPIC = ConfigKey.define(
                    "collector.instance.kafka.dynamic.topic", KafkaSettings.dynamicTopicRules())
            .canal("canal.mq.dynamicTopic").example("mytest1.user,topic2:mytest2\\..*,.*\\..*").doc("""
                    Dynamic topic rules, separated by ',' or ';': pattern, or topic:pattern. A regex with an escaped
                    dot matches schema.table, any other regex the schema; a rule without a topic sends to the matched
                    name, lower-cased, '.' replaced by '_'.""").in(KAFKA);

    public static final ConfigKey<String> KAFKA_PARTITION_HASH = ConfigKey.define(
                    "collector.instance.kafka.partition.hash", KafkaSettings.partitionHashRules())
            .canal("canal.mq.partitionHash").example("test\\.table:id^name,.*\\..*:$pk$").doc("""
                    Partitioning rules, separated by ',' or ';': pattern (by table), pattern:$pk$ (by primary key) or
                    pattern:col1^col2 (by those columns). Default: every table by table name.""").in(KAFKA);

    public static final ConfigKey<Integer> KAFKA_PARTITIONS = ConfigKey.define("collector.instance.kafka.partitions",
                    between(1, KafkaSettings.MAX_PARTITIONS)).canal("canal.mq.partitionsNum").example("3")
            .doc("Partitions to hash over in every topic, in [1, 1000000]. Default: each topic's partition count.")
            .in(KAFKA);

    public static final ConfigKey<String> KAFKA_TOPIC_PARTITIONS = ConfigKey.define(
                    "collector.instance.kafka.topic.partitions", KafkaSettings.topicPartitionRules())
            .canal("canal.mq.dynamicTopicPartitionNum").example("test.*:4,mycanal:6")
            .doc("Partitions to hash over per topic: topicPattern:N, separated by ',' or ';'.").in(KAFKA);

    public static final ConfigKey<Integer> KAFKA_PARTITION = ConfigKey.define("collector.instance.kafka.partition",
                    between(0, KafkaSettings.MAX_PARTITIONS - 1)).canal("canal.mq.partition").example("0")
            .doc("The partition of tables no partitioning rule matches, in [0, 999999]. Default: hash them by table"
                    + " name.")
            .in(KAFKA);

    private InstanceKeys() {
    }
}
