package io.collector.server;

import io.collector.server.config.ConfigLoader;
import io.collector.server.config.ServerConfig;
import io.collector.server.instance.Destination;
import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationSupervisor;
import io.collector.server.meta.MetaManager;
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
    private static final Duration HEALTHY_AFTER = Duration.ofSeconds(60);

    private record Entry(DestinationSupervisor<Destination> supervisor, byte[] fingerprint) {
    }

    private final Path confDir;
    private final ConfigLoader loader;
    private final ServerConfig server;
    private final MetaManager meta;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final HighAvailability ha;

    /** @param ha the elections deciding where destinations run, or null when standalone */
    DestinationSet(Path confDir, ConfigLoader loader, ServerConfig server, MetaManager meta,
                   ScheduledExecutorService scheduler, Clock clock, HighAvailability ha) {
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

    private void startNew(String name, byte[] fingerprint) {
        DestinationSupervisor<Destination> supervisor = new DestinationSupervisor<>(name,
                () -> new Destination(loader.loadInstance(confDir, name, server), meta,
                        ha == null ? () -> true : () -> ha.leads(name)), server.restart(),
                scheduler, clock, CHECK_PERIOD, HEALTHY_AFTER);
        entries.put(name, new Entry(supervisor, fingerprint));
        if (ha == null) {
            supervisor.start();
        } else {
            ha.join(name, supervisor);
        }
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
