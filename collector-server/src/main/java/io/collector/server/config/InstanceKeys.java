package io.collector.server.config;

import java.time.Duration;

/**
 * The keys of {@code conf/<destination>/instance.properties}, each beside what it means and its default. The
 * Canal key read as an alias of each is listed in {@link KeyAliases}. Each may also be set in
 * {@code collector.properties} (a default for every destination), as a system property or an environment
 * variable, for every destination or for one; {@link ConfigLoader} describes the names and the order.
 */
public final class InstanceKeys {

    /** Source server as {@code host:port} ({@code [v6-address]:port} for IPv6). Required. */
    public static final String SOURCE_ADDRESS = "collector.instance.source.address";

    /** Replication user (needs REPLICATION SLAVE, REPLICATION CLIENT and SELECT). Required. */
    public static final String SOURCE_USER = "collector.instance.source.user";

    /** Its password; not set = empty. */
    public static final String SOURCE_PASSWORD = "collector.instance.source.password";

    /**
     * Server id this replica registers with, unique among the source's replicas, in [1, 4294967295]. Not set
     * or 0: derived from the destination name by {@link ServerIds#forDestination}, in [1000, 2^31).
     */
    public static final String SOURCE_SERVER_ID = "collector.instance.source.server.id";

    /**
     * Further sources of the same data, tried in order after {@link #SOURCE_ADDRESS} when the current one is lost:
     * comma-separated {@code host:port}, typically replicas with {@code log_slave_updates} (GTID mode recommended).
     * Not set = a single source.
     */
    public static final String SOURCE_STANDBY_ADDRESSES = "collector.instance.source.standby.addresses";

    /** Query run on a source whose binlog connection ended, to tell a lost source from a broken connection. */
    public static final String SOURCE_DETECT_SQL = "collector.instance.source.detect.sql";

    /** Time between two detection queries, and the bound on each. */
    public static final String SOURCE_DETECT_INTERVAL = "collector.instance.source.detect.interval";

    /** Failed detection queries in a row after which the next source is read, in [1, 100]. */
    public static final String SOURCE_DETECT_RETRIES = "collector.instance.source.detect.retries";

    /**
     * Without GTIDs, a new source is read from the last delivered transaction's time minus this; transactions of
     * that many seconds may be delivered again.
     */
    public static final String SOURCE_FALLBACK_INTERVAL = "collector.instance.source.fallback.interval";

    /**
     * Whether a destination reading a standby returns to {@link #SOURCE_ADDRESS} once it is back: {@code never}
     * (default), {@code gtid} (GTID mode only: once its binlog holds every delivered transaction, resuming by GTID)
     * or {@code timestamp} (without GTID mode only: once it answers, resuming by timestamp minus
     * {@link #SOURCE_FALLBACK_INTERVAL}). Needs {@link #SOURCE_STANDBY_ADDRESSES}.
     */
    public static final String SOURCE_SWITCH_BACK = "collector.instance.source.switch.back";

    /** Connection timeout to the source. */
    public static final String SOURCE_CONNECT_TIMEOUT = "collector.instance.source.connect.timeout";
    public static final Duration DEFAULT_SOURCE_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Heartbeat period asked of the source; a connection silent for three periods is dropped and reopened. */
    public static final String SOURCE_HEARTBEAT_PERIOD = "collector.instance.source.heartbeat.period";
    public static final Duration DEFAULT_SOURCE_HEARTBEAT_PERIOD = Duration.ofSeconds(5);

    /** First delay before reconnecting after a failure; doubled after each further failure. */
    public static final String SOURCE_RECONNECT_DELAY = "collector.instance.source.reconnect.delay";
    public static final Duration DEFAULT_SOURCE_RECONNECT_DELAY = Duration.ofSeconds(1);

    /** Longest delay between reconnection attempts. */
    public static final String SOURCE_RECONNECT_MAX_DELAY = "collector.instance.source.reconnect.max.delay";
    public static final Duration DEFAULT_SOURCE_RECONNECT_MAX_DELAY = Duration.ofSeconds(30);

    /**
     * TLS to the source, for the binlog and the SQL connection: {@code disabled} (default, as Canal),
     * {@code preferred}, {@code required}, {@code verify-ca} or {@code verify-identity}, as MySQL's ssl-mode.
     */
    public static final String SOURCE_SSL_MODE = "collector.instance.source.ssl.mode";

    /** PEM file of the CA certificates the source's certificate must chain to (verify modes); excludes the trust store. */
    public static final String SOURCE_SSL_CA_FILE = "collector.instance.source.ssl.ca.file";

    /** A key store of trusted certificates instead of {@link #SOURCE_SSL_CA_FILE}: path or {@code file:} URL. */
    public static final String SOURCE_SSL_TRUST_STORE = "collector.instance.source.ssl.trust.store";
    /** Password of {@link #SOURCE_SSL_TRUST_STORE}; not set = none. */
    public static final String SOURCE_SSL_TRUST_STORE_PASSWORD = "collector.instance.source.ssl.trust.store.password";
    /** Type of {@link #SOURCE_SSL_TRUST_STORE}: PKCS12 (default, reads JKS too) or JKS. */
    public static final String SOURCE_SSL_TRUST_STORE_TYPE = "collector.instance.source.ssl.trust.store.type";

    /** A key store with the client certificate and key sent when the source asks for one: path or {@code file:} URL. */
    public static final String SOURCE_SSL_KEY_STORE = "collector.instance.source.ssl.key.store";
    /** Password of {@link #SOURCE_SSL_KEY_STORE} and of its key; not set = none. */
    public static final String SOURCE_SSL_KEY_STORE_PASSWORD = "collector.instance.source.ssl.key.store.password";
    /** Type of {@link #SOURCE_SSL_KEY_STORE}: PKCS12 (default, reads JKS too) or JKS. */
    public static final String SOURCE_SSL_KEY_STORE_TYPE = "collector.instance.source.ssl.key.store.type";

    /**
     * Let the SQL connection ask the source for its RSA public key (MySQL {@code caching_sha2_password} without
     * TLS; a man in the middle can answer it). Always allowed with ssl.mode required, verify-ca or verify-identity.
     */
    public static final String SOURCE_ALLOW_PUBLIC_KEY_RETRIEVAL = "collector.instance.source.allow.public.key.retrieval";

    /**
     * Binlog bytes of the events read but not yet converted into entries, at most; one larger event is still
     * queued, alone. Default {@link io.collector.server.parser.ParserConfig#DEFAULT_CONVERSION_QUEUE_BYTES}.
     */
    public static final String CONVERSION_QUEUE_BYTES = "collector.instance.conversion.queue.bytes";

    /**
     * How often an event that fails to decode (or whose checksum does not match) is read again from the last
     * transaction boundary before the destination is FAILED with its position, in [0, 100]. A checksum mismatch
     * is retried at most once.
     */
    public static final String DECODE_RETRIES = "collector.instance.decode.retries";

    /** Binlog file to start from when no cursor is stored; excludes {@link #START_GTID}, {@link #START_TIMESTAMP}. */
    public static final String START_JOURNAL = "collector.instance.start.journal";

    /** Offset in {@link #START_JOURNAL}; not set = the file's first event. */
    public static final String START_POSITION = "collector.instance.start.position";

    /** Start at the first transaction at or after this time, in epoch milliseconds. */
    public static final String START_TIMESTAMP = "collector.instance.start.timestamp";

    /** Start after this GTID set (MySQL {@code uuid:1-100} or MariaDB {@code 0-1-100}). */
    public static final String START_GTID = "collector.instance.start.gtid";

    /**
     * A named savepoint of this destination to start from: applied once (its cursors replace the clients'), before
     * the destination's first start after the name is set or changed. Not set = none.
     */
    public static final String START_SAVEPOINT = "collector.instance.start.savepoint";

    /** Resume by GTID set instead of file and offset. */
    public static final String GTID_MODE = "collector.instance.gtid.mode";

    /** What to do when the wanted binlog was purged: {@code fail}, {@code earliest} or {@code latest}. */
    public static final String PURGED_POLICY = "collector.instance.purged.policy";

    /** Tables to include: comma-separated regexes over {@code schema.table}, anchored, case-insensitive. */
    public static final String FILTER_INCLUDE = "collector.instance.filter.include";
    /** Canal's default include list, every table; written {@code .*\\..*} in a properties file. */
    public static final String DEFAULT_FILTER_INCLUDE = ".*\\..*";

    /** Tables to exclude, same syntax as {@link #FILTER_INCLUDE}. */
    public static final String FILTER_EXCLUDE = "collector.instance.filter.exclude";

    /** Columns to keep: {@code schema.table:col1/col2,schema.table2:col1}. */
    public static final String FILTER_COLUMNS_INCLUDE = "collector.instance.filter.columns.include";

    /** Columns to drop, same syntax as {@link #FILTER_COLUMNS_INCLUDE}. */
    public static final String FILTER_COLUMNS_EXCLUDE = "collector.instance.filter.columns.exclude";

    /** Drop INSERT rows. */
    public static final String FILTER_DROP_INSERT = "collector.instance.filter.drop.insert";
    /** Drop UPDATE rows. */
    public static final String FILTER_DROP_UPDATE = "collector.instance.filter.drop.update";
    /** Drop DELETE rows. */
    public static final String FILTER_DROP_DELETE = "collector.instance.filter.drop.delete";
    /** Drop typed DDL (CREATE, ALTER, ERASE, RENAME, TRUNCATE, CINDEX, DINDEX). */
    public static final String FILTER_DROP_DDL = "collector.instance.filter.drop.ddl";
    /** Drop untyped DDL and DCL (GRANT, CREATE DATABASE, views, ...). */
    public static final String FILTER_DROP_DCL = "collector.instance.filter.drop.dcl";
    /** Drop DML logged as statements. */
    public static final String FILTER_DROP_QUERY_DML = "collector.instance.filter.drop.query.dml";

    /** Entry bound of this destination's store; default {@link ServerKeys#STORE_CAPACITY_ENTRIES}. */
    public static final String STORE_CAPACITY_ENTRIES = "collector.instance.store.capacity.entries";
    /** Byte bound of this destination's store; default {@link ServerKeys#STORE_CAPACITY_BYTES}. */
    public static final String STORE_CAPACITY_BYTES = "collector.instance.store.capacity.bytes";
    /** DDL alone in its batch; default {@link ServerKeys#STORE_DDL_ISOLATION}. */
    public static final String STORE_DDL_ISOLATION = "collector.instance.store.ddl.isolation";
    /** Prefix of the store keys, which default to the server's and so are not read from collector.properties. */
    public static final String STORE_PREFIX = "collector.instance.store.";

    /**
     * What a lagging subscription (client id) does: {@code block} (default: the slowest holds the parser back) or
     * {@code detach} (beyond the limits below it leaves the shared store and catches up with its own binlog reader).
     */
    public static final String SUBSCRIPTION_LAG_POLICY = "collector.instance.subscription.lag.policy";
    /** Under detach: most entries a subscription may leave unacknowledged; not set = the store's entry bound. */
    public static final String SUBSCRIPTION_MAX_LAG_ENTRIES = "collector.instance.subscription.max.lag.entries";
    /** Under detach: most bytes a subscription may leave unacknowledged; not set = the store's byte bound. */
    public static final String SUBSCRIPTION_MAX_LAG_BYTES = "collector.instance.subscription.max.lag.bytes";
    /** Under detach: longest a stored entry may wait for a subscription's ack; not set = no time limit. */
    public static final String SUBSCRIPTION_MAX_LAG_TIME = "collector.instance.subscription.max.lag.time";
    /** A subscription and its cursor unused (no get, ack or rollback) this long are removed; not set = never. */
    public static final String SUBSCRIPTION_EXPIRY = "collector.instance.subscription.expiry";

    /** ENUM values as their label instead of Canal's 1-based index. */
    public static final String ENUM_AS_LABEL = "collector.instance.enum.as.label";
    /** SET values as comma-joined labels instead of Canal's bitmask. */
    public static final String SET_AS_LABELS = "collector.instance.set.as.labels";
    /** Zone in which TIMESTAMP values are shown; default the JVM's zone, as Canal. */
    public static final String TIMESTAMP_ZONE = "collector.instance.timestamp.zone";

    /**
     * When to read a consistent snapshot of every included table before the binlog: {@code never},
     * {@code initial} (first start, no cursor) or {@code when-needed} (also when the cursor's binlog was purged).
     */
    public static final String SNAPSHOT_MODE = "collector.instance.snapshot.mode";

    /** Rows per snapshot chunk (one query and one progress record each), in [1, 1048576]. */
    public static final String SNAPSHOT_CHUNK_ROWS = "collector.instance.snapshot.chunk.rows";

    /** Put before every topic name derived from a database or a dynamic topic rule; default none. */
    public static final String KAFKA_TOPIC_PREFIX = "collector.instance.kafka.topic.prefix";

    /** The topic of entries no dynamic topic rule matches; not set = one topic per database. */
    public static final String KAFKA_TOPIC = "collector.instance.kafka.topic";

    /** Canal's dynamic topic rules: {@code pattern} or {@code topic:pattern}, separated by ',' or ';'. */
    public static final String KAFKA_DYNAMIC_TOPIC = "collector.instance.kafka.dynamic.topic";

    /**
     * Canal's partition hash rules: {@code pattern:col1^col2}, {@code pattern:$pk$} or {@code pattern} (by table),
     * separated by ',' or ';'; not set = every table by table name.
     */
    public static final String KAFKA_PARTITION_HASH = "collector.instance.kafka.partition.hash";

    /** Partitions to hash over in every topic; not set = each topic's partition count. */
    public static final String KAFKA_PARTITIONS = "collector.instance.kafka.partitions";

    /** Partitions to hash over per topic: {@code topicPattern:N}, separated by ',' or ';'. */
    public static final String KAFKA_TOPIC_PARTITIONS = "collector.instance.kafka.topic.partitions";

    /** The partition of tables no partition hash rule matches; not set = hash them by table name. */
    public static final String KAFKA_PARTITION = "collector.instance.kafka.partition";

    private InstanceKeys() {
    }
}
