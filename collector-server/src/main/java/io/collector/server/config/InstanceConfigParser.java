package io.collector.server.config;

import io.collector.server.instance.InstanceConfig;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.Failover;
import io.collector.server.parser.ParserConfig.Source;
import io.collector.server.parser.ParserConfig.PurgedPolicy;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.ParserConfig.SwitchBack;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.source.ServerIds;
import io.collector.server.sink.filter.ColumnFilter;
import io.collector.server.snapshot.BackfillConfig;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.snapshot.SnapshotLocking;
import io.collector.server.snapshot.SnapshotMode;
import io.collector.server.sink.filter.EventTypeFilter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.sink.filter.TableFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Builds one destination's {@link InstanceConfig} from its settings, one small method per concern. */
final class InstanceConfigParser {

    /** Largest replica server id. */
    static final long MAX_SERVER_ID = 4_294_967_295L;
    private static final Set<String> UTF8_NAMES = Set.of("utf-8", "utf8", "utf8mb4");

    private final ConfigReader r;
    private final String destination;
    private final ConfigLog log;
    private final Path home;

    private InstanceConfigParser(ConfigReader reader, String destination, ConfigLog log, Path home) {
        this.r = reader;
        this.destination = destination;
        this.log = log;
        this.home = home;
    }

    static InstanceConfig parse(ConfigReader reader, String destination, ServerConfig server, ConfigLog log) {
        InstanceConfigParser p = new InstanceConfigParser(reader, destination, log, server.home());
        ParserConfig parser = p.parser();
        SinkFilters filters = new SinkFilters(p.tables(), p.columns(), p.types());
        p.checkCharset();
        var kafka = KafkaSettings.publisher(reader, destination, server.kafka());
        return InstanceConfig.builder(destination, parser).filters(filters)
                .store(StoreSettings.read(reader, StoreSettings.instance(), server.storeDefaults(), log)
                        .withSubscriptions(SubscriptionSettings.read(reader)))
                .publisher(server.mode() == ServerMode.KAFKA ? kafka : null)
                .restart(SuperviseSettings.read(reader, SuperviseSettings.instance(), server.restart()))
                .startSavepoint(reader.get(InstanceKeys.START_SAVEPOINT, "")).snapshot(p.snapshot()).build();
    }

    /**
     * Whether a key (or Canal alias) is one of a destination key whose server-wide value is another key, already
     * part of the {@link ServerConfig} (the store bounds, the restart strategy): scope
     * {@link ConfigKey.Scope#DESTINATION}. A destination must not read it again from the server file, past the
     * environment's override. Canal's memory unit and batch mode are not: they only qualify a destination's own
     * Canal buffer size.
     */
    static boolean serverScoped(String key) {
        return ConfigRegistry.key(key).map(k -> k.scope() == ConfigKey.Scope.DESTINATION).orElse(false)
                || ConfigRegistry.keysOfAlias(key).stream().anyMatch(k -> k.scope() == ConfigKey.Scope.DESTINATION);
    }

    private ParserConfig parser() {
        HostPort source = r.require(InstanceKeys.SOURCE_ADDRESS);
        String user = r.require(InstanceKeys.SOURCE_USER);
        String password = r.get(InstanceKeys.SOURCE_PASSWORD, "");
        long serverId = r.get(InstanceKeys.SOURCE_SERVER_ID, 0L);
        Duration reconnect = r.get(InstanceKeys.SOURCE_RECONNECT_DELAY);
        Duration reconnectMax = r.notBelow(InstanceKeys.SOURCE_RECONNECT_MAX_DELAY.name(),
                r.get(InstanceKeys.SOURCE_RECONNECT_MAX_DELAY), InstanceKeys.SOURCE_RECONNECT_DELAY.name(), reconnect);
        return ParserConfig.builder(destination, source.host(), source.port()).user(user, password)
                .serverId(serverId == 0 ? ServerIds.forDestination(destination) : serverId).start(start())
                .gtidMode(r.get(InstanceKeys.GTID_MODE)).purgedPolicy(purgedPolicy())
                .heartbeat(r.get(InstanceKeys.SOURCE_HEARTBEAT_PERIOD))
                .connectTimeout(r.get(InstanceKeys.SOURCE_CONNECT_TIMEOUT)).retry(reconnect, reconnectMax)
                .convert(convert()).decodeRetries(r.get(InstanceKeys.DECODE_RETRIES).intValue())
                .tls(SourceTlsSettings.read(r, home, source.host()))
                .conversionQueueBytes(r.get(InstanceKeys.CONVERSION_QUEUE_BYTES)).failover(failover(source)).build();
    }

    /** Standby sources and the detection of a lost one. */
    private Failover failover(HostPort primary) {
        List<Source> standbys = new ArrayList<>();
        r.find(InstanceKeys.SOURCE_STANDBY_ADDRESSES).ifPresent(s -> {
            for (String part : s.value().split(",")) {
                HostPort hp = InstanceKeys.SOURCE_ADDRESS.type().parse(s.withValue(part.strip()));
                if (hp.equals(primary) || standbys.contains(new Source(hp.host(), hp.port()))) {
                    throw s.invalid("lists " + hp + " twice (with " + InstanceKeys.SOURCE_ADDRESS + ")");
                }
                standbys.add(new Source(hp.host(), hp.port()));
            }
        });
        return new Failover(standbys, r.get(InstanceKeys.SOURCE_DETECT_SQL), r.get(InstanceKeys.SOURCE_DETECT_INTERVAL),
                r.get(InstanceKeys.SOURCE_DETECT_RETRIES).intValue(), r.get(InstanceKeys.SOURCE_FALLBACK_INTERVAL),
                switchBack(!standbys.isEmpty()));
    }

    /** Whether to return to the first source: needs standbys, and the mode that fits the GTID mode. */
    private SwitchBack switchBack(boolean standbys) {
        Optional<Setting> setting = r.find(InstanceKeys.SOURCE_SWITCH_BACK);
        SwitchBack mode = setting.map(InstanceKeys.SOURCE_SWITCH_BACK.type()::parse).orElse(SwitchBack.NEVER);
        if (mode == SwitchBack.NEVER) {
            return mode;
        }
        Setting s = setting.orElseThrow();
        if (!standbys) {
            throw s.invalid("needs standby sources in " + InstanceKeys.SOURCE_STANDBY_ADDRESSES
                    + " (or set it to never)");
        }
        boolean gtid = r.get(InstanceKeys.GTID_MODE);
        if (mode == SwitchBack.GTID && !gtid) {
            throw s.invalid("gtid needs " + InstanceKeys.GTID_MODE + "=true; without GTIDs use timestamp (transactions"
                    + " of " + InstanceKeys.SOURCE_FALLBACK_INTERVAL + " are delivered again at each switch back)"
                    + " or never");
        }
        if (mode == SwitchBack.TIMESTAMP && gtid) {
            throw s.invalid("timestamp is for " + InstanceKeys.GTID_MODE + "=false; in GTID mode use gtid or never");
        }
        return mode;
    }

    /** The start position: a journal (and offset), a GTID set or a timestamp, at most one of them. */
    private StartConfig start() {
        Optional<Setting> journal = r.find(InstanceKeys.START_JOURNAL);
        Optional<Setting> position = r.find(InstanceKeys.START_POSITION);
        Optional<Setting> timestamp = r.find(InstanceKeys.START_TIMESTAMP);
        Optional<Setting> gtid = r.find(InstanceKeys.START_GTID);
        long offset = position.map(InstanceKeys.START_POSITION.type()::parse).orElse(0L);
        long millis = timestamp.map(InstanceKeys.START_TIMESTAMP.type()::parse).orElse(0L);
        if (position.isPresent() && journal.isEmpty()) {
            throw position.get().invalid("needs " + InstanceKeys.START_JOURNAL + " to be set too");
        }
        List<Setting> starts = Stream.of(journal, gtid, timestamp).flatMap(Optional::stream).toList();
        if (starts.size() > 1) {
            throw starts.get(1).invalid("cannot be combined with " + starts.get(0).key()
                    + "; set only one of the start journal, GTID set and timestamp");
        }
        if (journal.isPresent()) {
            return StartConfig.at(journal.get().value(), offset);
        }
        return gtid.map(g -> StartConfig.atGtid(g.value()))
                .orElse(millis > 0 ? StartConfig.atTimestamp(millis) : StartConfig.CURRENT);
    }

    /** Our key, else Canal's {@code canal.auto.reset.latest.pos.mode=true} as {@code latest}, else {@code fail}. */
    private PurgedPolicy purgedPolicy() {
        return r.optional(InstanceKeys.PURGED_POLICY)
                .or(() -> r.find(KeyAliases.CANAL_AUTO_RESET_LATEST).filter(s -> Validators.bool().parse(s)).map(s -> {
                    log.infoOnce("Canal key " + s.key() + " is read as " + InstanceKeys.PURGED_POLICY);
                    return PurgedPolicy.LATEST;
                }))
                .orElse(PurgedPolicy.FAIL);
    }

    private SnapshotConfig snapshot() {
        return new SnapshotConfig(r.get(InstanceKeys.SNAPSHOT_MODE), r.get(InstanceKeys.SNAPSHOT_CHUNK_ROWS).intValue(),
                r.get(InstanceKeys.SNAPSHOT_LOCKING), new BackfillConfig(r.get(InstanceKeys.SIGNAL_TABLE, ""),
                r.get(InstanceKeys.BACKFILL_CHUNK_ROWS)));
    }

    /** Reads {@code collector.instance.signal.table}: {@code schema.table}, each part without dots or backquotes. */
    static ValueType<String> qualifiedTable() {
        return s -> {
            String v = s.value().strip();
            if (!v.matches("[^.`\\s]+\\.[^.`\\s]+")) {
                throw s.invalid("must be schema.table, for example ops.collector_signal");
            }
            return v;
        };
    }

    /** Reads {@code collector.instance.snapshot.locking}. */
    static ValueType<SnapshotLocking> snapshotLocking() {
        return s -> switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> SnapshotLocking.AUTO;
            case "none" -> SnapshotLocking.NONE;
            case "global-read-lock" -> SnapshotLocking.GLOBAL_READ_LOCK;
            default -> throw s.invalid("must be one of auto, none, global-read-lock");
        };
    }

    /** Reads {@code collector.instance.snapshot.mode}. */
    static ValueType<SnapshotMode> snapshotMode() {
        return s -> switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "never" -> SnapshotMode.NEVER;
            case "initial" -> SnapshotMode.INITIAL;
            case "when-needed" -> SnapshotMode.WHEN_NEEDED;
            default -> throw s.invalid("must be one of never, initial, when-needed");
        };
    }

    private ConvertOptions convert() {
        return new ConvertOptions(r.get(InstanceKeys.ENUM_AS_LABEL), r.get(InstanceKeys.SET_AS_LABELS),
                r.get(InstanceKeys.TIMESTAMP_ZONE, ZoneId.systemDefault()));
    }

    private TableFilter tables() {
        return TableFilter.of(r.get(InstanceKeys.FILTER_INCLUDE), r.get(InstanceKeys.FILTER_EXCLUDE, ""));
    }

    private ColumnFilter columns() {
        return ColumnFilter.of(r.get(InstanceKeys.FILTER_COLUMNS_INCLUDE, ""),
                r.get(InstanceKeys.FILTER_COLUMNS_EXCLUDE, ""));
    }

    private EventTypeFilter types() {
        return new EventTypeFilter(drop(InstanceKeys.FILTER_DROP_INSERT), drop(InstanceKeys.FILTER_DROP_UPDATE),
                drop(InstanceKeys.FILTER_DROP_DELETE), drop(InstanceKeys.FILTER_DROP_DDL),
                drop(InstanceKeys.FILTER_DROP_DCL), drop(InstanceKeys.FILTER_DROP_QUERY_DML));
    }

    private boolean drop(ConfigKey<Boolean> key) {
        return r.get(key);
    }

    /** Canal decodes with one connection charset; we decode each column with its own, so only UTF-8 is silent. */
    private void checkCharset() {
        r.find(KeyAliases.CANAL_CONNECTION_CHARSET)
                .filter(s -> !UTF8_NAMES.contains(s.value().toLowerCase(Locale.ROOT)))
                .ifPresent(s -> log.warnOnce(s.key() + "=" + s.value() + " in " + s.origin()
                        + " is ignored: values are decoded with each column's own charset"));
    }
}
