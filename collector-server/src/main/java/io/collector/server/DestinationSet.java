package io.collector.server;

import io.collector.server.config.ConfigLoader;
import io.collector.server.instance.RestartPolicy;
import io.collector.server.config.ServerConfig;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.DestinationSupervisor;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MetaManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised destinations of one server, kept in step with the configuration folder: {@link #rescan()}
 * starts destinations whose folder appeared, stops those whose folder went away and restarts those whose
 * {@code instance.properties} changed. A destination whose new configuration is invalid is logged and left
 * stopped; the others go on.
 */
final class DestinationSet {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationSet.class);
    private static final Duration CHECK_PERIOD = Duration.ofMillis(500);

    private record Entry(DestinationSupervisor<Destination> supervisor, byte[] fingerprint) {
    }

    private final Map<String, DestinationStats> stats = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path confDir;
    private final ConfigLoader loader;
    private final ServerConfig server;
    private final MetaManager meta;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final HighAvailability ha;
    private final MeterRegistry registry;
    private volatile java.util.function.Consumer<InstanceConfig> beforeStart = config -> { };

    /**
     * @param ha       the elections deciding where destinations run, or null when standalone
     * @param registry where the destinations' components publish meters of their own
     */
    DestinationSet(Path confDir, ConfigLoader loader, ServerConfig server, MetaManager meta,
                   ScheduledExecutorService scheduler, Clock clock, HighAvailability ha, MeterRegistry registry) {
        this.registry = registry;
        this.confDir = confDir;
        this.loader = loader;
        this.server = server;
        this.meta = meta;
        this.scheduler = scheduler;
        this.clock = clock;
        this.ha = ha;
    }

    synchronized Optional<Destination> running(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : e.supervisor.current();
    }

    /** The state of a configured destination; empty when there is no such folder. */
    synchronized Optional<DestinationState> state(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.supervisor.state());
    }

    synchronized Map<String, DestinationState> states() {
        Map<String, DestinationState> states = new TreeMap<>();
        entries.forEach((name, e) -> states.put(name, e.supervisor.state()));
        return states;
    }

    /** The counters of {@code name}, kept while the server runs so they survive the destination's restarts. */
    DestinationStats stats(String name) {
        return stats.computeIfAbsent(name, n -> new DestinationStats(registry));
    }

    /** Runs {@code hook} with a destination's configuration before each start of it (the start savepoint). */
    void beforeStart(java.util.function.Consumer<InstanceConfig> hook) {
        this.beforeStart = hook;
    }

    synchronized java.util.Set<String> names() {
        return java.util.Set.copyOf(entries.keySet());
    }

    /** Stops one destination by hand (admin API); it stays stopped until {@link #startOne}. */
    synchronized void stopOne(String name) {
        Optional.ofNullable(entries.get(name)).ifPresent(e -> e.supervisor.stop());
    }

    /** Starts one destination stopped or failed before (admin API). */
    synchronized void startOne(String name) {
        Optional.ofNullable(entries.get(name)).ifPresent(e -> e.supervisor.start());
    }

    /** Runs exactly {@code names}: starts the new ones, stops the others, restarts the changed ones. */
    synchronized void apply(List<String> names) {
        for (String gone : List.copyOf(entries.keySet())) {
            if (!names.contains(gone)) {
                LOG.info("[destination={}] folder removed: stopping", gone);
                stop(gone, entries.remove(gone));
            }
        }
        for (String name : names) {
            byte[] fingerprint = fingerprint(name);
            Entry existing = entries.get(name);
            if (existing == null || !Arrays.equals(existing.fingerprint, fingerprint)) {
                if (existing != null) {
                    LOG.info("[destination={}] configuration changed: restarting", name);
                    stop(name, existing);
                }
                startNew(name, fingerprint);
            }
        }
    }

    /** Re-reads the folder list; errors are logged, never thrown (runs on the scheduler). */
    void rescan() {
        try {
            apply(loader.destinations(server));
        } catch (RuntimeException e) {
            LOG.error("cannot rescan the destination folders: {}", e.getMessage());
        }
    }

    /**
     * Reads the destination's configuration once for its restart strategy and for a start that follows at once;
     * a later start (a restart, or leadership gained later) reads the files again.
     */
    private void startNew(String name, byte[] fingerprint) {
        Optional<InstanceConfig> loaded = loadQuietly(name);
        AtomicReference<InstanceConfig> justLoaded = new AtomicReference<>(loaded.orElse(null));
        // the server's strategy when the configuration cannot be read (the destination then fails)
        RestartPolicy policy = loaded.map(InstanceConfig::restart).orElse(server.restart());
        DestinationSupervisor<Destination> supervisor = new DestinationSupervisor<>(name,
                () -> build(name, justLoaded.getAndSet(null)), policy,
                scheduler, clock, CHECK_PERIOD, policy.resetAfter());
        LOG.info("[destination={}] restart strategy {}", name, policy.describe());
        entries.put(name, new Entry(supervisor, fingerprint));
        if (ha == null) {
            supervisor.start();
        } else {
            ha.join(name, supervisor);
        }
        justLoaded.set(null);
    }

    private Optional<InstanceConfig> loadQuietly(String name) {
        try {
            return Optional.of(loader.loadInstance(confDir, name, server));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Builds the destination from {@code loaded}, or from its files read now when null. */
    private Destination build(String name, InstanceConfig loaded) {
        InstanceConfig config = loaded != null ? loaded : loader.loadInstance(confDir, name, server);
        beforeStart.accept(config);
        return new Destination(config, meta, stats(name), ha == null ? () -> true : () -> ha.leads(name));
    }

    private void stop(String name, Entry entry) {
        if (ha == null) {
            entry.supervisor.stop();
        } else {
            ha.leave(name, entry.supervisor);
        }
    }

    private byte[] fingerprint(String name) {
        Path file = server.scan().confDir().resolve(name).resolve(ConfigLoader.INSTANCE_FILE);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    synchronized void stopAll() {
        entries.forEach(this::stop);
        entries.clear();
    }
}
