package io.collector.server.config;

import io.collector.server.error.ConfigException;
import io.collector.server.instance.InstanceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Reads the server's and each destination's configuration into immutable records.
 *
 * <p><b>Files.</b> The server file is {@code <confDir>/collector.properties}, or, when that is absent,
 * {@code <confDir>/canal.properties}: a Canal conf folder starts unchanged for the keys we support. Each
 * destination reads {@code <collector.conf.dir>/<destination>/instance.properties}. Files are UTF-8; a blank
 * value means "not set"; {@code ${name}} and {@code ${name:default}} are replaced by other settings.
 *
 * <p><b>Overrides.</b> A key is looked up, first match wins, in: environment variables, system properties, the
 * file. The environment variable of a key is the key upper-cased with every {@code .} (and any character other
 * than a letter, digit or {@code _}) replaced by {@code _}: {@code collector.port} → {@code COLLECTOR_PORT}; the
 * key's own name is also accepted, as Canal's Docker image passes them. A destination looks up its keys in:
 * <ol>
 *   <li>{@code <DESTINATION>_<KEY>} in the environment, e.g. {@code EXAMPLE_COLLECTOR_INSTANCE_SOURCE_ADDRESS}
 *       (the environment name of {@code example.collector.instance.source.address}): this destination only;</li>
 *   <li>{@code COLLECTOR_INSTANCE_SOURCE_ADDRESS}: every destination;</li>
 *   <li>system property {@code example.collector.instance.source.address}, then
 *       {@code collector.instance.source.address};</li>
 *   <li>its {@code instance.properties};</li>
 *   <li>the server file, where instance keys act as defaults for every destination (as Canal's
 *       {@code canal.instance.*} keys in {@code canal.properties}), except the store bounds, whose server-wide
 *       defaults are {@code collector.store.*}.</li>
 * </ol>
 * Canal keys ({@link KeyAliases}) are accepted in every layer under the same rules.
 *
 * <p><b>Reporting.</b> Each Canal key used is logged once per loader at INFO; unsupported {@code canal.*} keys
 * and unknown {@code collector.*} keys of a file are listed in one WARN line. Every error is a
 * {@link ConfigException} naming the key, the value, the file or variable, and what is allowed.
 *
 * <p>Thread-safe; one loader per server, so each alias is logged once.
 */
public final class ConfigLoader {

    /** Our server file. */
    public static final String SERVER_FILE = "collector.properties";
    /** Canal's server file, read when ours is absent. */
    public static final String CANAL_SERVER_FILE = "canal.properties";
    /** A destination's file, in its folder. */
    public static final String INSTANCE_FILE = "instance.properties";

    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;
    private final ConfigLog log = new ConfigLog();

    /**
     * A loader over a given environment and system properties (copied now), so tests need not change the
     * process's own.
     */
    public ConfigLoader(Map<String, String> environment, Properties systemProperties) {
        this.environment = Map.copyOf(environment);
        Map<String, String> properties = new HashMap<>();
        systemProperties.stringPropertyNames().forEach(k -> properties.put(k, systemProperties.getProperty(k)));
        this.systemProperties = Map.copyOf(properties);
    }

    /** A loader over this process's environment and system properties. */
    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv(), System.getProperties());
    }

    /**
     * Reads the server file of {@code confDir}.
     *
     * @return the server's configuration and the destinations to run
     * @throws ConfigException when the directory or file cannot be read or a value is not allowed
     */
    public LoadedConfig load(Path confDir) {
        Path file = serverFile(confDir);
        Layer fileLayer = Layer.file(file.toString(), ConfigFiles.read(file));
        List<Layer> layers = List.of(Layer.environment(environment, ""),
                Layer.systemProperties(systemProperties, ""), fileLayer);
        Path defaultHome = defaultHome(confDir);
        ConfigReader reader = new ConfigReader(layers, fileLayer, file.toString(),
                Map.of(ServerKeys.HOME.name(), defaultHome.toString()), log);
        ServerConfig server = ServerConfigParser.parse(reader, confDir, defaultHome, log);
        reader.reportIgnoredKeys(key -> ConfigRegistry.declared(key, ConfigKey.Scope.SERVER)
                || key.startsWith(ServerKeys.INSTANCE_PREFIX));
        return new LoadedConfig(server, destinations(server));
    }

    /**
     * Reads one destination's configuration.
     *
     * @param confDir     the directory given to {@link #load}, holding the server file
     * @param destination the destination, a folder of {@code server.scan().confDir()}
     * @param server      the server's configuration, for store defaults and the destination folders' place
     * @throws ConfigException when a file cannot be read, a required key is missing or a value is not allowed
     */
    public InstanceConfig loadInstance(Path confDir, String destination, ServerConfig server) {
        Path file = instancesDir(confDir, server).resolve(destination).resolve(INSTANCE_FILE);
        Layer own = Layer.file(file.toString(), ConfigFiles.read(file));
        Path serverFile = serverFile(confDir);
        Layer shared = Layer.file(serverFile.toString(), ConfigFiles.read(serverFile))
                .ignoring(InstanceConfigParser::serverScoped);
        String prefix = destination + ".";
        List<Layer> layers = List.of(Layer.environment(environment, prefix), Layer.environment(environment, ""),
                Layer.systemProperties(systemProperties, prefix), Layer.systemProperties(systemProperties, ""),
                own, shared);
        ConfigReader reader = new ConfigReader(layers, own, file.toString(), Map.of(ServerKeys.HOME.name(),
                server.home().toString(), "canal.instance.destination", destination), log);
        InstanceConfig config = InstanceConfigParser.parse(reader, destination, server, log);
        reader.reportIgnoredKeys(key -> ConfigRegistry.declared(key, ConfigKey.Scope.DESTINATION,
                ConfigKey.Scope.BOTH));
        return config;
    }

    /**
     * The destinations to run: those {@code collector.destinations} names, or else, sorted, every folder of
     * {@code server.scan().confDir()} holding an {@code instance.properties}.
     */
    public List<String> destinations(ServerConfig server) {
        if (!server.destinations().isEmpty()) {
            return server.destinations();
        }
        Path dir = server.scan().confDir();
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(child -> Files.isRegularFile(child.resolve(INSTANCE_FILE)))
                    .map(child -> child.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException("Cannot list the destination folders of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path serverFile(Path confDir) {
        if (!Files.isDirectory(confDir)) {
            throw new ConfigException("Cannot read configuration directory " + confDir + ": "
                    + (Files.exists(confDir) ? "not a directory" : "no such directory"));
        }
        Path ours = confDir.resolve(SERVER_FILE);
        Path canal = confDir.resolve(CANAL_SERVER_FILE);
        if (!Files.exists(ours) && Files.exists(canal)) {
            return canal;
        }
        if (!Files.exists(ours)) {
            throw new ConfigException("Cannot read " + ours + ": no such file (nor a Canal " + canal + ")");
        }
        return ours;
    }

    /** The destination folders' parent, written as {@code confDir} when it is that, for shorter messages. */
    private static Path instancesDir(Path confDir, ServerConfig server) {
        Path dir = server.scan().confDir();
        return dir.equals(confDir.toAbsolutePath().normalize()) ? confDir : dir;
    }

    private static Path defaultHome(Path confDir) {
        Path absolute = confDir.toAbsolutePath().normalize();
        return absolute.getParent() == null ? absolute : absolute.getParent();
    }
}
