package io.collector.server.parser;

import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.source.SourceTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one destination reads its source.
 *
 * @param destination    destination name, for thread names and messages
 * @param host           source address
 * @param port           source port
 * @param user           replication user (needs REPLICATION SLAVE, REPLICATION CLIENT, SELECT)
 * @param password       its password
 * @param serverId       server id this replica registers with; unique among the source's replicas
 * @param start          where to start when no cursor is stored
 * @param gtidMode       resume by GTID set instead of file and offset
 * @param purgedPolicy   what to do when the wanted binlog was purged
 * @param heartbeat      heartbeat period asked of the source; a connection silent for 3 periods is dropped
 * @param connectTimeout connection timeout
 * @param retryInitial   first reconnect delay, doubled after each failure
 * @param retryMax       reconnect delay cap
 * @param convert        value conversion options
 * @param decodeRetries  how often an event that fails to decode is read again from the last transaction
 *                       boundary before the destination stops with a {@code PoisonEventException}
 * @param tls            TLS to the source, for the binlog and the SQL connection
 * @param conversionQueueBytes most binlog bytes of the events read but not yet converted into entries; one
 *                       larger event is still queued, alone
 * @param failover       further sources, and how the loss of the current one is detected
 */
public record ParserConfig(String destination, String host, int port, String user, String password, long serverId,
                           StartConfig start, boolean gtidMode, PurgedPolicy purgedPolicy, Duration heartbeat,
                           Duration connectTimeout, Duration retryInitial, Duration retryMax,
                           ConvertOptions convert, int decodeRetries, SourceTls tls, long conversionQueueBytes,
                           Failover failover) {

    /** Default of {@code decodeRetries}. */
    public static final int DEFAULT_DECODE_RETRIES = 3;
    /** Default of {@code conversionQueueBytes}: 64 MiB. */
    public static final long DEFAULT_CONVERSION_QUEUE_BYTES = 64L << 20;

    public ParserConfig {
        if (decodeRetries < 0) {
            throw new IllegalArgumentException("decodeRetries must be at least 0: " + decodeRetries);
        }
        if (conversionQueueBytes < 1) {
            throw new IllegalArgumentException("conversionQueueBytes must be positive: " + conversionQueueBytes);
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(purgedPolicy, "purgedPolicy");
        Objects.requireNonNull(convert, "convert");
        Objects.requireNonNull(failover, "failover");
    }

    /** Every source in the order they are tried: the configured one, then the standbys. */
    public List<Source> sources() {
        List<Source> all = new ArrayList<>();
        all.add(new Source(host, port));
        all.addAll(failover.standbys());
        return List.copyOf(all);
    }

    /**
     * A builder for reading {@code host:port} as {@code destination}: every other part starts at its default
     * (current position, no GTIDs, purged policy fail, heartbeat 5 s, connect timeout 10 s, reconnect 1 s..30 s,
     * Canal's value forms, {@link #DEFAULT_DECODE_RETRIES}, no TLS, {@link #DEFAULT_CONVERSION_QUEUE_BYTES}, a
     * single source).
     */
    public static Builder builder(String destination, String host, int port) {
        return new Builder(destination, host, port);
    }

    /** A builder holding this configuration, to change a few parts. */
    public Builder toBuilder() {
        return builder(destination, host, port).user(user, password).serverId(serverId).start(start)
                .gtidMode(gtidMode).purgedPolicy(purgedPolicy).heartbeat(heartbeat).connectTimeout(connectTimeout)
                .retry(retryInitial, retryMax).convert(convert).decodeRetries(decodeRetries).tls(tls)
                .conversionQueueBytes(conversionQueueBytes).failover(failover);
    }

    /** Without the password, which must not reach a log. */
    @Override
    public String toString() {
        return "ParserConfig[destination=" + destination + ", source=" + host + ":" + port + ", user=" + user
                + ", password=(hidden), serverId=" + serverId + ", start=" + start + ", gtidMode=" + gtidMode
                + ", purgedPolicy=" + purgedPolicy + ", heartbeat=" + heartbeat + ", connectTimeout="
                + connectTimeout + ", retry=" + retryInitial + ".." + retryMax + ", convert=" + convert
                + ", decodeRetries=" + decodeRetries + ", tls=" + tls + ", conversionQueueBytes=" + conversionQueueBytes
                + ", failover=" + failover + "]";
    }

    /** Where to start reading when no cursor is stored; at most one of journal, gtid and timestamp is used. */
    public record StartConfig(String journal, long position, String gtid, long timestampMs) {

        /** Start at the source's current position. */
        public static final StartConfig CURRENT = new StartConfig(null, 0, null, 0);

        public static StartConfig at(String journal, long position) {
            return new StartConfig(journal, position, null, 0);
        }

        public static StartConfig atGtid(String gtid) {
            return new StartConfig(null, 0, gtid, 0);
        }

        public static StartConfig atTimestamp(long timestampMs) {
            return new StartConfig(null, 0, null, timestampMs);
        }
    }

    /** A source server's address. */
    public record Source(String host, int port) {

        public Source {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Further sources of the same data (replicas of the source, or the other side of a VIP) and how the loss of
     * the current one is detected: after a lost connection, {@code detectSql} is run on it up to
     * {@code detectRetries} times, {@code detectInterval} apart; when every run failed the next source is read.
     * Without GTIDs a new source is read from the last delivered transaction's time minus {@code fallbackInterval}.
     * {@code switchBack} says whether the destination returns to the first source once it is back.
     */
    public record Failover(List<Source> standbys, String detectSql, Duration detectInterval, int detectRetries,
                           Duration fallbackInterval, SwitchBack switchBack) {

        public static final String DEFAULT_DETECT_SQL = "SELECT 1";
        public static final Duration DEFAULT_DETECT_INTERVAL = Duration.ofSeconds(3);
        public static final int DEFAULT_DETECT_RETRIES = 3;
        public static final Duration DEFAULT_FALLBACK_INTERVAL = Duration.ofSeconds(60);
        /** A single source. */
        public static final Failover NONE = new Failover(List.of(), DEFAULT_DETECT_SQL, DEFAULT_DETECT_INTERVAL,
                DEFAULT_DETECT_RETRIES, DEFAULT_FALLBACK_INTERVAL);

        /** Without switching back. */
        public Failover(List<Source> standbys, String detectSql, Duration detectInterval, int detectRetries,
                        Duration fallbackInterval) {
            this(standbys, detectSql, detectInterval, detectRetries, fallbackInterval, SwitchBack.NEVER);
        }

        public Failover {
            standbys = List.copyOf(standbys);
            Objects.requireNonNull(switchBack, "switchBack");
            Objects.requireNonNull(detectSql, "detectSql");
            Objects.requireNonNull(detectInterval, "detectInterval");
            Objects.requireNonNull(fallbackInterval, "fallbackInterval");
            if (detectRetries < 1) {
                throw new IllegalArgumentException("detectRetries must be at least 1: " + detectRetries);
            }
        }
    }

    /**
     * Whether a destination reading a standby returns to the first source ({@link #sources()}) once that one
     * answers the detection query again; checked every detection interval, switched at a transaction boundary.
     */
    public enum SwitchBack {
        /** Stay on the source read now while it works. */
        NEVER,
        /**
         * GTID mode: switch back once the first source's binlog holds every transaction delivered, resuming after
         * the delivered GTID set (nothing skipped or repeated).
         */
        GTID,
        /**
         * Without GTIDs: switch back once the first source answers, resuming by timestamp minus the fallback
         * interval (transactions of that interval may be delivered again).
         */
        TIMESTAMP
    }

    /** What to do when the wanted binlog file is no longer on the source. */
    public enum PurgedPolicy {
        /** Stop the destination with an error naming the wanted and the oldest available position. */
        FAIL,
        /** Restart from the oldest binlog still available (logs a WARN naming the skipped range). */
        EARLIEST,
        /** Restart from the source's current position (logs a WARN: changes in between are lost). */
        LATEST
    }

    /** Builds a {@link ParserConfig} part by part; see {@link #builder}. Not thread-safe. */
    public static final class Builder {
        private String destination;
        private String host;
        private int port;
        private String user = "";
        private String password = "";
        private long serverId;
        private StartConfig start = StartConfig.CURRENT;
        private boolean gtidMode;
        private PurgedPolicy purgedPolicy = PurgedPolicy.FAIL;
        private Duration heartbeat = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration retryInitial = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofSeconds(30);
        private ConvertOptions convert = ConvertOptions.canal();
        private int decodeRetries = DEFAULT_DECODE_RETRIES;
        private SourceTls tls = SourceTls.DISABLED;
        private long conversionQueueBytes = DEFAULT_CONVERSION_QUEUE_BYTES;
        private Failover failover = Failover.NONE;

        private Builder(String destination, String host, int port) {
            this.destination = destination;
            this.host = host;
            this.port = port;
        }

        public Builder destination(String name) {
            this.destination = name;
            return this;
        }

        public Builder source(String sourceHost, int sourcePort) {
            this.host = sourceHost;
            this.port = sourcePort;
            return this;
        }

        public Builder user(String name, String secret) {
            this.user = name;
            this.password = secret;
            return this;
        }

        public Builder serverId(long id) {
            this.serverId = id;
            return this;
        }

        public Builder start(StartConfig position) {
            this.start = position;
            return this;
        }

        public Builder gtidMode(boolean on) {
            this.gtidMode = on;
            return this;
        }

        public Builder purgedPolicy(PurgedPolicy policy) {
            this.purgedPolicy = policy;
            return this;
        }

        public Builder heartbeat(Duration period) {
            this.heartbeat = period;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** The first reconnect delay, doubled after each failure up to {@code max}. */
        public Builder retry(Duration initial, Duration max) {
            this.retryInitial = initial;
            this.retryMax = max;
            return this;
        }

        public Builder convert(ConvertOptions options) {
            this.convert = options;
            return this;
        }

        public Builder decodeRetries(int retries) {
            this.decodeRetries = retries;
            return this;
        }

        public Builder tls(SourceTls settings) {
            this.tls = settings;
            return this;
        }

        public Builder conversionQueueBytes(long bytes) {
            this.conversionQueueBytes = bytes;
            return this;
        }

        public Builder failover(Failover standbys) {
            this.failover = standbys;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException for a part the record refuses */
        public ParserConfig build() {
            return new ParserConfig(destination, host, port, user, password, serverId, start, gtidMode,
                    purgedPolicy, heartbeat, connectTimeout, retryInitial, retryMax, convert, decodeRetries, tls,
                    conversionQueueBytes, failover);
        }
    }
}
