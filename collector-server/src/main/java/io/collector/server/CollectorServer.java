package io.collector.server;

import io.collector.server.config.ConfigLoader;
import io.collector.server.config.LoadedConfig;
import io.collector.server.config.ServerConfig;
import io.collector.server.config.ServerMode;
import io.collector.server.error.ConfigException;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.metrics.ClientMeters;
import io.collector.server.metrics.CollectorMetrics;
import io.collector.server.metrics.DestinationMeters;
import io.collector.server.metrics.MetricsEndpoint;
import io.collector.server.net.CollectorTcpServer;
import io.collector.server.publish.kafka.KafkaWarmUp;
import io.collector.server.service.CollectorServiceException;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's composition root: reads the configuration folder, keeps the cursors, runs every destination
 * under supervision, serves clients over TCP and picks up destination folders added, removed or changed while
 * running. In kafka mode every destination publishes to Kafka instead, and the TCP port serves none of them (a
 * destination's store has one consumer). Start once, stop once; {@link #stop()} closes connections, stops
 * destinations and flushes cursors.
 */
public final class CollectorServer extends AbstractLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);

    private final Path confDir;
    private final ConfigLoader loader;
    private final Clock clock;
    private final ServerConfig config;
    private final List<String> initialDestinations;
    private MetaManager meta;
    private HighAvailability ha;
    private ScheduledExecutorService scheduler;
    private volatile DestinationSet destinations;
    private CollectorTcpServer tcp;
    private CollectorMetrics metrics;
    private MetricsEndpoint metricsEndpoint;
    private AdminWiring admin;

    /**
     * Reads and checks the whole configuration at once, so that a bad value stops the server before anything
     * starts.
     *
     * @throws ConfigException naming the key, the file and what is allowed
     */
    public CollectorServer(Path confDir, ConfigLoader loader, Clock clock) {
        this.confDir = confDir;
        this.loader = loader;
        this.clock = clock;
        LoadedConfig loaded = loader.load(confDir);
        this.config = loaded.server();
        this.initialDestinations = loaded.destinations();
        initialDestinations.forEach(name -> loader.loadInstance(confDir, name, config));
    }

    public ServerConfig config() {
        return config;
    }

    /** The TCP port clients connect to (the bound one when configured as 0). */
    public int port() {
        return tcp.port();
    }

    /** The port of the metrics endpoint (the bound one when configured as 0); empty when it is off. */
    public Optional<Integer> metricsPort() {
        return Optional.ofNullable(metricsEndpoint).map(MetricsEndpoint::port);
    }

    /** The port of the admin endpoint (the bound one when configured as 0); empty when it is off. */
    public Optional<Integer> adminPort() {
        return admin == null ? Optional.empty() : admin.port();
    }

    /** Every destination's state, by name. */
    public Map<String, DestinationState> states() {
        return destinations.states();
    }

    /** A running destination, for in-process use. */
    public Optional<Destination> destination(String name) {
        return destinations.running(name);
    }

    private void warnIfNoZkAcl() {
        if (config.zk().auth().isEmpty()) {
            LOG.warn("ZooKeeper without ACL credentials (collector.zk.auth): anyone who reaches {} can change "
                    + "cursors and leadership of every destination", config.zk().servers());
        }
    }

    @Override
    protected void doStart() {
        metrics = new CollectorMetrics();
        tcp = new CollectorTcpServer(config.net(),
                new LocalCollectorService(this::handle, new ClientMeters(metrics.registry(), clock)), clock);
        tcp.start();
        if (config.zk().enabled()) {
            warnIfNoZkAcl();
            ha = new HighAvailability(config.zk(), serverId(), config.restart().maxDelay(), this::isRunning);
            meta = ha.meta();
        } else {
            meta = buildMeta();
        }
        meta.start();
        if (config.mode() == ServerMode.KAFKA) {
            KafkaWarmUp.start(config.kafka());
        }
        scheduler = Executors.newScheduledThreadPool(2, new NamedThreadFactory("collector-supervisor"));
        destinations = new DestinationSet(confDir, loader, config, meta, scheduler, clock, ha, metrics.registry());
        admin = new AdminWiring(confDir, loader, config, destinations, meta, ha, clock);
        destinations.apply(initialDestinations);
        startMetricsEndpoint();
        admin.start(scheduler);
        if (config.scan().autoScan()) {
            long every = config.scan().interval().toMillis();
            scheduler.scheduleWithFixedDelay(destinations::rescan, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("collector started in {} mode: {} destination(s) {}, clients on port {}",
                config.mode().name().toLowerCase(java.util.Locale.ROOT), initialDestinations.size(),
                initialDestinations, tcp.port());
    }

    private void startMetricsEndpoint() {
        HighAvailability elections = ha;
        DestinationMeters meters = new DestinationMeters(metrics.registry(), clock, destinations::states,
                destinations::running, destinations::stats, name -> elections == null || elections.leads(name),
                name -> elections == null ? 0 : elections.leaderships(name));
        if (elections != null) {
            io.micrometer.core.instrument.Gauge.builder("collector.zookeeper.connected", () -> elections.connected() ? 1 : 0)
                    .description("1 while the server's ZooKeeper session is connected").register(metrics.registry());
        }
        int port = config.admin().metricsPort();
        if (port > 0) {
            metricsEndpoint = new MetricsEndpoint(config.net().host(), port, metrics, meters::refresh);
            metricsEndpoint.start();
        }
    }

    /** The address clients connect to, as announced in ZooKeeper: {@code collector.register.ip} or the bind address. */
    private String serverId() {
        String ip = !config.registerIp().isEmpty() ? config.registerIp() : config.net().host();
        if (ip.equals("0.0.0.0") || ip.equals("::")) {
            try {
                ip = java.net.InetAddress.getLocalHost().getHostAddress();
            } catch (java.net.UnknownHostException e) {
                throw new ConfigException("cannot tell the address to announce in ZooKeeper (" + e.getMessage()
                        + "); set collector.register.ip");
            }
        }
        return ip + ":" + tcp.port();
    }

    /**
     * The destination a TCP client asks for; none in kafka mode, where the publisher consumes each store.
     *
     * @throws CollectorServiceException when the destination is configured but not running here (yet): the
     *                                   server is starting, another server leads it, or it failed
     */
    private Optional<DestinationHandle> handle(String destination) {
        if (config.mode() == ServerMode.KAFKA) {
            return Optional.empty();
        }
        DestinationSet set = destinations;
        if (set == null) {
            throw notReady(destination, "the server is still starting");
        }
        Optional<Destination> running = set.running(destination);
        if (running.isEmpty()) {
            set.state(destination).ifPresent(state -> {
                throw notReady(destination, describe(state));
            });
        }
        return running.map(d -> d);
    }

    private static CollectorServiceException notReady(String destination, String why) {
        return new CollectorServiceException(CollectorServiceException.GENERIC, "destination " + destination
                + " is not ready on this server: " + why);
    }

    private static String describe(DestinationState state) {
        return switch (state.phase()) {
            case STANDBY -> "standby (another server runs it, or the election is in progress)";
            case RESTARTING -> "restarting after a failure: " + state.lastError();
            case FAILED -> "failed: " + state.lastError();
            case RUNNING -> "starting";
            case STOPPED -> "stopped";
        };
    }

    private MetaManager buildMeta() {
        return switch (config.meta().mode()) {
            case FILE -> new FileMetaManager(config.meta().file());
            case MEMORY -> new MemoryMetaManager();
        };
    }

    @Override
    protected void doStop() {
        LOG.info("collector stopping");
        if (admin != null) {
            admin.stop();
        }
        stopQuietly(tcp);
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (destinations != null) {
            destinations.stopAll();
        }
        if (ha != null) {
            ha.close();
        } else {
            stopQuietly(meta);
        }
        stopQuietly(metricsEndpoint);
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("collector stopped");
    }

    private static void stopQuietly(io.collector.server.lifecycle.Lifecycle component) {
        if (component == null) {
            return;
        }
        try {
            component.stop();
        } catch (RuntimeException e) {
            LOG.warn("error while stopping {}: {}", component.getClass().getSimpleName(), e.getMessage(), e);
        }
    }
}
