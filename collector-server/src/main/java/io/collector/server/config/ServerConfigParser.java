package io.collector.server.config;

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
        Path home = r.path(ServerKeys.HOME.name(), Path.of("").toAbsolutePath(), defaultHome.toString());
        ServerMode mode = r.get(ServerKeys.MODE);
        return ServerConfig.builder().home(home).net(net(home)).registerIp(r.get(ServerKeys.REGISTER_IP, ""))
                .mode(mode).destinations(r.get(ServerKeys.DESTINATIONS, List.of())).scan(scan(home, confDir))
                .meta(meta(home)).zk(zk()).restart(restart())
                .storeDefaults(StoreSettings.read(r, StoreSettings.server(), StoreConfig.defaults(), log))
                .admin(admin()).kafka(KafkaSettings.server(r, mode, log)).build();
    }

    private NetConfig net(Path home) {
        String host = r.get(ServerKeys.IP);
        int port = r.get(ServerKeys.PORT);
        long frame = r.get(ServerKeys.NET_MAX_FRAME_BYTES);
        Duration idle = r.get(ServerKeys.NET_IDLE_TIMEOUT);
        String user = r.get(ServerKeys.USER, "");
        return new NetConfig(host, port, (int) frame, idle, user,
                passwordHash(user, ServerKeys.USER, ServerKeys.PASSWORD, ServerKeys.PASSWORD_HASH), netLimits(),
                tls(home));
    }

    private NetTls tls(Path home) {
        boolean enabled = r.get(ServerKeys.NET_TLS_ENABLED);
        Optional<Path> ca = r.find(ServerKeys.NET_TLS_CLIENT_CA_FILE)
                .map(s -> r.path(ServerKeys.NET_TLS_CLIENT_CA_FILE.name(), home, ""));
        boolean required = r.get(ServerKeys.NET_TLS_CLIENT_REQUIRED);
        if (!enabled) {
            r.find(ServerKeys.NET_TLS_CERT_FILE).ifPresent(s -> r.path(s.key(), home, ""));
            r.find(ServerKeys.NET_TLS_KEY_FILE).ifPresent(s -> r.path(s.key(), home, ""));
            return NetTls.off();
        }
        r.require(ServerKeys.NET_TLS_CERT_FILE);
        r.require(ServerKeys.NET_TLS_KEY_FILE);
        NetTls server = NetTls.server(r.path(ServerKeys.NET_TLS_CERT_FILE.name(), home, ""),
                r.path(ServerKeys.NET_TLS_KEY_FILE.name(), home, ""));
        NetTls tls = ca.map(file -> server.withClientCa(file, required)).orElse(server);
        tls.context();
        return tls;
    }

    private NetLimits netLimits() {
        long frame = r.get(ServerKeys.NET_UNAUTHENTICATED_MAX_FRAME_BYTES);
        Duration handshake = r.get(ServerKeys.NET_HANDSHAKE_TIMEOUT);
        int max = r.get(ServerKeys.NET_MAX_CONNECTIONS);
        int perAddress = r.get(ServerKeys.NET_MAX_CONNECTIONS_PER_ADDRESS);
        long buffer = r.get(ServerKeys.NET_WRITE_BUFFER_BYTES);
        Duration delay = r.get(ServerKeys.NET_AUTH_FAILURE_DELAY);
        return new NetLimits((int) frame, handshake, max, perAddress, (int) buffer, delay);
    }

    /** The hash of the plain password key, or the hash key: one at most, only with a user. */
    private String passwordHash(String user, ConfigKey<String> userKey, ConfigKey<String> plainKey,
                                ConfigKey<String> hashKey) {
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
                .or(() -> hashed.map(hashKey.type()::parse)).orElse("");
    }

    private ScanConfig scan(Path home, Path confDir) {
        Path dir = r.path(ServerKeys.CONF_DIR.name(), home, confDir.toAbsolutePath().normalize().toString());
        if (!Files.isDirectory(dir)) {
            throw r.find(ServerKeys.CONF_DIR).orElseThrow().invalid("must be a directory, and " + dir + " is not one");
        }
        return new ScanConfig(dir, r.get(ServerKeys.AUTO_SCAN), r.get(ServerKeys.AUTO_SCAN_INTERVAL));
    }

    private MetaConfig meta(Path home) {
        MetaConfig.Mode mode = r.optional(ServerKeys.META_MODE).or(this::canalMetaMode)
                .orElseGet(() -> ServerKeys.META_MODE.defaultValue().orElseThrow());
        Path dir = r.path(ServerKeys.META_DIR.name(), home, ServerKeys.META_DIR.defaultText().orElseThrow());
        Duration flush = r.get(ServerKeys.META_FLUSH_PERIOD);
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
        return new ZkConfig(r.get(ServerKeys.ZK_SERVERS, ""), r.get(ServerKeys.ZK_FLUSH_PERIOD),
                r.get(ServerKeys.ZK_SESSION_TIMEOUT), r.get(ServerKeys.ZK_CONNECTION_TIMEOUT),
                r.get(ServerKeys.ZK_AUTH, ""));
    }

    private RestartPolicy restart() {
        return SuperviseSettings.read(r, SuperviseSettings.server(), RestartPolicy.DEFAULT);
    }

    private AdminConfig admin() {
        String host = r.get(ServerKeys.ADMIN_HOST);
        String token = r.get(ServerKeys.ADMIN_TOKEN, "");
        String user = r.get(ServerKeys.ADMIN_USER, "");
        String hash = passwordHash(user, ServerKeys.ADMIN_USER, ServerKeys.ADMIN_PASSWORD,
                ServerKeys.ADMIN_PASSWORD_HASH);
        if (!user.isEmpty() && hash.isEmpty()) {
            throw r.find(ServerKeys.ADMIN_USER).orElseThrow().invalid("needs " + ServerKeys.ADMIN_PASSWORD + " or "
                    + ServerKeys.ADMIN_PASSWORD_HASH + " to be set too");
        }
        AdminSettings.checkExposure(r.find(ServerKeys.ADMIN_HOST), token.isEmpty() && user.isEmpty());
        return new AdminConfig(r.get(ServerKeys.ADMIN_PORT), r.get(ServerKeys.METRICS_PORT), host, token, user, hash,
                r.get(ServerKeys.SAVEPOINT_INTERVAL), r.get(ServerKeys.SAVEPOINT_RETAINED));
    }
}
