package io.collector.server;

import io.collector.server.admin.AdminEndpoint;
import io.collector.server.admin.AdminOperations;
import io.collector.server.admin.DestinationControl;
import io.collector.server.config.AdminConfig;
import io.collector.server.config.ConfigLoader;
import io.collector.server.config.ServerConfig;
import io.collector.server.ha.RunningData;
import io.collector.server.ha.Znodes;
import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MetaManager;
import io.collector.server.savepoint.FileSavepointStore;
import io.collector.server.savepoint.SavepointStore;
import io.collector.server.savepoint.Savepoints;
import io.collector.server.savepoint.ZkSavepointStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the admin endpoint and the savepoints to the server's destinations: the {@link DestinationControl}
 * the admin operations see, the start savepoint applied before each destination start, automatic savepoints on
 * the server's scheduler, and the endpoint itself when {@code collector.admin.port} is not 0.
 */
final class AdminWiring implements DestinationControl {

    private static final Logger LOG = LoggerFactory.getLogger(AdminWiring.class);

    private final Path confDir;
    private final ConfigLoader loader;
    private final ServerConfig config;
    private final DestinationSet destinations;
    private final HighAvailability ha;
    private final Savepoints savepoints;
    private final AdminOperations operations;
    private AdminEndpoint endpoint;

    /** Builds the savepoints and makes every destination start apply its start savepoint. */
    AdminWiring(Path confDir, ConfigLoader loader, ServerConfig config, DestinationSet destinations,
                MetaManager meta, HighAvailability ha, Clock clock) {
        this.confDir = confDir;
        this.loader = loader;
        this.config = config;
        this.destinations = destinations;
        this.ha = ha;
        SavepointStore store = ha != null ? new ZkSavepointStore(ha.client())
                : new FileSavepointStore(config.meta().file().dataDir());
        this.savepoints = new Savepoints(store, meta, clock);
        this.operations = new AdminOperations(this, meta, savepoints, clock);
        destinations.beforeStart(c -> savepoints.applyConfigured(c.destination(), c.startSavepoint()));
    }

    /** Starts the endpoint (unless its port is 0) and the automatic savepoints (unless their interval is 0). */
    void start(ScheduledExecutorService scheduler) {
        AdminConfig admin = config.admin();
        if (!admin.savepointInterval().isZero()) {
            long every = admin.savepointInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::automaticSavepoints, every, every, TimeUnit.MILLISECONDS);
        }
        if (admin.adminPort() > 0) {
            endpoint = new AdminEndpoint(admin, operations, this::readiness);
            endpoint.start();
        }
    }

    Optional<Integer> port() {
        return Optional.ofNullable(endpoint).map(AdminEndpoint::port);
    }

    void stop() {
        if (endpoint != null) {
            endpoint.stop();
        }
    }

    private void automaticSavepoints() {
        for (String name : destinations.names()) {
            boolean running = state(name).map(s -> s.phase() == Phase.RUNNING).orElse(false);
            if (running && leads(name)) {
                try {
                    savepoints.takeAutomatic(name, config.admin().savepointRetained());
                } catch (RuntimeException e) {
                    LOG.warn("[destination={}] automatic savepoint failed: {}", name, e.getMessage());
                }
            }
        }
    }

    /** Ready while no destination this server runs is failed or waiting to restart. */
    private Map<String, Object> readiness() {
        Map<String, Object> notReady = new LinkedHashMap<>();
        for (String name : destinations.names()) {
            state(name).filter(s -> s.phase() == Phase.FAILED || s.phase() == Phase.RESTARTING)
                    .ifPresent(s -> notReady.put(name, s.phase().name() + ": " + s.lastError()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ready", notReady.isEmpty() && (ha == null || ha.connected()));
        answer.put("notReady", notReady);
        if (ha != null) {
            answer.put("zookeeperConnected", ha.connected());
        }
        return answer;
    }

    @Override
    public Set<String> names() {
        return destinations.names();
    }

    @Override
    public Optional<DestinationState> state(String destination) {
        return destinations.state(destination);
    }

    @Override
    public Map<String, String> subscriptionStates(String destination) {
        Map<String, String> states = new LinkedHashMap<>();
        destinations.running(destination).ifPresent(d -> d.store().subscriptionStates()
                .forEach(s -> states.put(s.id(), s.mode().name())));
        return states;
    }

    @Override
    public DestinationStats stats(String destination) {
        return destinations.stats(destination);
    }

    @Override
    public InstanceConfig config(String destination) {
        return loader.loadInstance(confDir, destination, config);
    }

    @Override
    public boolean highAvailability() {
        return ha != null;
    }

    @Override
    public boolean leads(String destination) {
        return ha == null || ha.leads(destination);
    }

    @Override
    public Optional<String> runningAddress(String destination) {
        if (ha == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunningData.parse(ha.client().getData().forPath(Znodes.running(destination)))
                    .address());
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            LOG.warn("[destination={}] cannot read its running znode: {}", destination, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void stop(String destination) {
        destinations.stopOne(destination);
    }

    @Override
    public void start(String destination) {
        destinations.startOne(destination);
    }
}
