package io.collector.server.config;

import static io.collector.server.config.Validators.between;
import static io.collector.server.config.Validators.bool;
import static io.collector.server.config.Validators.bytes;
import static io.collector.server.config.Validators.duration;
import static io.collector.server.config.Validators.names;
import static io.collector.server.config.Validators.nonEmpty;
import static io.collector.server.config.Validators.oneOf;
import static io.collector.server.config.Validators.sha1Hex;

import io.collector.server.instance.RestartPolicy;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.net.handler.NetLimits;
import io.collector.server.net.handler.NetTls;
import io.collector.server.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds a {@link ServerConfig} from the server's settings, one small method per concern. */
final class ServerConfigParser {

    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final ConfigReader r;
    private final ConfigLog log;

    private ServerConfigParser(ConfigReader reader, ConfigLog log) {
        this.r = reader;
        this.log = log;
    }

    /** The server configuration; {@code confDir} is where the server file was found. */
    static ServerConfig parse(ConfigReader reader, Path confDir, Path defaultHome, ConfigLog log) {
        return new ServerConfigParser(reader, log).parse(confDir, defaultHome);
    }

    private ServerConfig parse(Path confDir, Path defaultHome) {
        Path home = r.path(ServerKeys.HOME, Path.of("").toAbsolutePath(), defaultHome.toString());
        ServerMode mode = r.get(ServerKeys.MODE, oneOf(ServerMode.class), ServerMode.TCP);
        return new ServerConfig(home, net(home), r.get(ServerKeys.REGISTER_IP, nonEmpty(), ""), mode,
                r.get(ServerKeys.DESTINATIONS, names(), List.of()), scan(home, confDir), meta(home), zk(),
                restart(), StoreSettings.read(r, StoreSettings.SERVER, StoreConfig.defaults(), log), admin(),
                KafkaSettings.server(r, mode, log));
    }

    private NetConfig net(Path home) {
        String host = r.get(ServerKeys.IP, nonEmpty(), ServerKeys.DEFAULT_IP);
        int port = r.get(ServerKeys.PORT, between(1, 65535), ServerKeys.DEFAULT_PORT);
        long frame = r.get(ServerKeys.NET_MAX_FRAME_BYTES, bytes(1024, Integer.MAX_VALUE),
                (long) ServerKeys.DEFAULT_NET_MAX_FRAME_BYTES);
        Duration idle = r.get(ServerKeys.NET_IDLE_TIMEOUT, duration(Duration.ofSeconds(1), Duration.ofDays(7)),
                ServerKeys.DEFAULT_NET_IDLE_TIMEOUT);
        String user = r.get(ServerKeys.USER, nonEmpty(), "");
        return new NetConfig(host, port, (int) frame, idle, user,
                passwordHash(user, ServerKeys.USER, ServerKeys.PASSWORD, ServerKeys.PASSWORD_HASH), netLimits(),
                tls(home));
    }

    private NetTls tls(Path home) {
        boolean enabled = r.get(ServerKeys.NET_TLS_ENABLED, bool(), false);
        Optional<Path> ca = r.find(ServerKeys.NET_TLS_CLIENT_CA_FILE)
                .map(s -> r.path(ServerKeys.NET_TLS_CLIENT_CA_FILE, home, ""));
        boolean required = r.get(ServerKeys.NET_TLS_CLIENT_REQUIRED, bool(), true);
        if (!enabled) {
            r.find(ServerKeys.NET_TLS_CERT_FILE).ifPresent(s -> r.path(s.key(), home, ""));
            r.find(ServerKeys.NET_TLS_KEY_FILE).ifPresent(s -> r.path(s.key(), home, ""));
            return NetTls.off();
        }
        r.require(ServerKeys.NET_TLS_CERT_FILE, nonEmpty());
        r.require(ServerKeys.NET_TLS_KEY_FILE, nonEmpty());
        NetTls server = NetTls.server(r.path(ServerKeys.NET_TLS_CERT_FILE, home, ""),
                r.path(ServerKeys.NET_TLS_KEY_FILE, home, ""));
        NetTls tls = ca.map(file -> server.withClientCa(file, required)).orElse(server);
        tls.context();
        return tls;
    }

    private NetLimits netLimits() {
        long frame = r.get(ServerKeys.NET_UNAUTHENTICATED_MAX_FRAME_BYTES, bytes(1024, 16L << 20),
                (long) NetLimits.DEFAULT_UNAUTHENTICATED_FRAME_LENGTH);
        Duration handshake = r.get(ServerKeys.NET_HANDSHAKE_TIMEOUT, duration(Duration.ofMillis(100), HOUR),
                NetLimits.DEFAULT_HANDSHAKE_TIMEOUT);
        int max = r.get(ServerKeys.NET_MAX_CONNECTIONS, between(1, 1_000_000), NetLimits.DEFAULT_MAX_CONNECTIONS);
        int perAddress = r.get(ServerKeys.NET_MAX_CONNECTIONS_PER_ADDRESS, between(1, 1_000_000),
                NetLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
        long buffer = r.get(ServerKeys.NET_WRITE_BUFFER_BYTES, bytes(64 * 1024, 1L << 30),
                (long) NetLimits.DEFAULT_WRITE_BUFFER_BYTES);
        Duration delay = r.get(ServerKeys.NET_AUTH_FAILURE_DELAY, duration(Duration.ZERO, Duration.ofMinutes(1)),
                NetLimits.DEFAULT_AUTH_FAILURE_DELAY);
        return new NetLimits((int) frame, handshake, max, perAddress, (int) buffer, delay);
    }

    /** The hash of the plain password key, or the hash key: one at most, only with a user. */
    private String passwordHash(String user, String userKey, String plainKey, String hashKey) {
        Optional<Setting> plain = r.find(plainKey);
        Optional<Setting> hashed = r.find(hashKey);
        if (plain.isPresent() && hashed.isPresent()) {
            throw plain.get().invalid("set either " + plainKey + " or " + hashed.get().key() + ", not both");
        }
        Optional<Setting> either = plain.or(() -> hashed);
        if (either.isPresent() && user.isEmpty()) {
            throw either.get().invalid("a password needs " + userKey + " to be set too");
        }
        return plain.map(s -> PasswordHash.of(s.value()))
                .or(() -> hashed.map(sha1Hex()::parse)).orElse("");
    }

    private ScanConfig scan(Path home, Path confDir) {
        Path dir = r.path(ServerKeys.CONF_DIR, home, confDir.toAbsolutePath().normalize().toString());
        if (!Files.isDirectory(dir)) {
            throw r.find(ServerKeys.CONF_DIR).orElseThrow().invalid("must be a directory, and " + dir + " is not one");
        }
        return new ScanConfig(dir, r.get(ServerKeys.AUTO_SCAN, bool(), ServerKeys.DEFAULT_AUTO_SCAN),
                r.get(ServerKeys.AUTO_SCAN_INTERVAL, duration(Duration.ofMillis(100), HOUR),
                        ServerKeys.DEFAULT_AUTO_SCAN_INTERVAL));
    }

    private MetaConfig meta(Path home) {
        MetaConfig.Mode mode = r.optional(ServerKeys.META_MODE, oneOf(MetaConfig.Mode.class))
                .or(this::canalMetaMode).orElse(MetaConfig.Mode.FILE);
        Path dir = r.path(ServerKeys.META_DIR, home, ServerKeys.DEFAULT_META_DIR);
        Duration flush = r.get(ServerKeys.META_FLUSH_PERIOD, duration(Duration.ZERO, HOUR),
                ServerKeys.DEFAULT_META_FLUSH_PERIOD);
        return new MetaConfig(mode, new FileMetaConfig(dir, flush.toMillis()));
    }

    /** Canal picks its meta manager with an instance template: file-instance.xml or memory-instance.xml. */
    private Optional<MetaConfig.Mode> canalMetaMode() {
        return r.find(KeyAliases.CANAL_SPRING_XML).map(s -> {
            MetaConfig.Mode mode;
            if (s.value().endsWith("file-instance.xml")) {
                mode = MetaConfig.Mode.FILE;
            } else if (s.value().endsWith("memory-instance.xml")) {
                mode = MetaConfig.Mode.MEMORY;
            } else {
                throw s.invalid("must be classpath:spring/file-instance.xml or classpath:spring/memory-instance.xml"
                        + " (other Canal instance templates are not supported)");
            }
            log.infoOnce("Canal key " + s.key() + " is read as " + ServerKeys.META_MODE);
            return mode;
        });
    }

    private ZkConfig zk() {
        return new ZkConfig(r.get(ServerKeys.ZK_SERVERS, nonEmpty(), ""),
                r.get(ServerKeys.ZK_FLUSH_PERIOD, duration(Duration.ZERO, HOUR), ServerKeys.DEFAULT_ZK_FLUSH_PERIOD),
                r.get(ServerKeys.ZK_SESSION_TIMEOUT, duration(Duration.ofSeconds(1), HOUR),
                        ServerKeys.DEFAULT_ZK_SESSION_TIMEOUT),
                r.get(ServerKeys.ZK_CONNECTION_TIMEOUT, duration(Duration.ofMillis(100), HOUR),
                        ServerKeys.DEFAULT_ZK_CONNECTION_TIMEOUT),
                r.get(ServerKeys.ZK_AUTH, nonEmpty(), ""));
    }

    private RestartPolicy restart() {
        return SuperviseSettings.read(r, SuperviseSettings.SERVER, SuperviseSettings.DEFAULT);
    }

    private AdminConfig admin() {
        String host = r.get(ServerKeys.ADMIN_HOST, nonEmpty(), ServerKeys.DEFAULT_ADMIN_HOST);
        String token = r.get(ServerKeys.ADMIN_TOKEN, AdminSettings.token(), "");
        String user = r.get(ServerKeys.ADMIN_USER, nonEmpty(), "");
        String hash = passwordHash(user, ServerKeys.ADMIN_USER, ServerKeys.ADMIN_PASSWORD,
                ServerKeys.ADMIN_PASSWORD_HASH);
        if (!user.isEmpty() && hash.isEmpty()) {
            throw r.find(ServerKeys.ADMIN_USER).orElseThrow().invalid("needs " + ServerKeys.ADMIN_PASSWORD + " or "
                    + ServerKeys.ADMIN_PASSWORD_HASH + " to be set too");
        }
        AdminSettings.checkExposure(r.find(ServerKeys.ADMIN_HOST), token.isEmpty() && user.isEmpty());
        return new AdminConfig(r.get(ServerKeys.ADMIN_PORT, between(0, 65535), ServerKeys.DEFAULT_ADMIN_PORT),
                r.get(ServerKeys.METRICS_PORT, between(0, 65535), ServerKeys.DEFAULT_METRICS_PORT), host, token,
                user, hash, r.get(ServerKeys.SAVEPOINT_INTERVAL, duration(Duration.ZERO, Duration.ofDays(7)),
                        Duration.ZERO),
                r.get(ServerKeys.SAVEPOINT_RETAINED, between(1, 1000), ServerKeys.DEFAULT_SAVEPOINT_RETAINED));
    }
}
