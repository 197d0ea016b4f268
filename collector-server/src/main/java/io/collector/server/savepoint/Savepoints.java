package io.collector.server.savepoint;

import io.collector.server.config.InstanceKeys;
import io.collector.server.error.ConfigException;
import io.collector.server.meta.MetaManager;
import io.collector.server.position.Cursor;
import io.collector.server.savepoint.Savepoint.SavedClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes savepoints from a destination's cursors and puts them back. Taking reads the acknowledged cursors the meta
 * manager holds (a running destination's clients go on meanwhile; stop it first for a savepoint that nothing
 * passes). Applying must happen while the destination is stopped: it replaces the cursors of the savepoint's
 * clients and writes them durably, so the next start resumes from them. Thread-safe.
 */
public final class Savepoints {

    /** Prefix of the names of automatic savepoints. */
    public static final String AUTO_PREFIX = "auto-";

    private static final Logger LOG = LoggerFactory.getLogger(Savepoints.class);

    private final SavepointStore store;
    private final MetaManager meta;
    private final Clock clock;

    public Savepoints(SavepointStore store, MetaManager meta, Clock clock) {
        this.store = store;
        this.meta = meta;
        this.clock = clock;
    }

    public SavepointStore store() {
        return store;
    }

    /** Saves the current cursors of {@code destination} as {@code name}. */
    public Savepoint take(String destination, String name, boolean automatic) {
        Map<String, SavedClient> clients = new LinkedHashMap<>();
        for (String clientId : meta.subscriptions(destination)) {
            String filter = meta.filter(destination, clientId).orElse("");
            clients.put(clientId, new SavedClient(filter, meta.cursor(destination, clientId).orElse(null)));
        }
        Savepoint savepoint = new Savepoint(name, destination, clock.millis(), automatic, clients);
        store.save(savepoint);
        LOG.info("[destination={}] savepoint {} taken: {} client(s), resuming from {}", destination, name,
                clients.size(), savepoint.resumeCursor().map(Cursor::toString).orElse("(no cursor)"));
        return savepoint;
    }

    /** Puts the savepoint's cursors back and writes them; the destination must be stopped. */
    public void apply(Savepoint savepoint) {
        String destination = savepoint.destination();
        savepoint.clients().forEach((clientId, saved) -> {
            if (saved.cursor() == null) {
                meta.unsubscribe(destination, clientId);
                meta.subscribe(destination, clientId, saved.filter());
            } else {
                meta.subscribe(destination, clientId, saved.filter());
                meta.updateCursor(destination, clientId, saved.cursor());
            }
        });
        meta.flush();
        LOG.info("[destination={}] savepoint {} applied: {} client(s) resume from {}", destination,
                savepoint.name(), savepoint.clients().size(),
                savepoint.resumeCursor().map(Cursor::toString).orElse("(the configured start position)"));
    }

    /**
     * Applies savepoint {@code name} ({@code collector.instance.start.savepoint}, "" for none) before a start, once per savepoint: a savepoint already
     * applied (recorded in the store) is not applied again at later restarts or on another leader.
     *
     * @throws ConfigException when the named savepoint does not exist
     */
    public void applyConfigured(String destination, String name) {
        if (name.isEmpty()) {
            return;
        }
        Savepoint savepoint = store.find(destination, name).orElseThrow(() -> new ConfigException("Savepoint "
                + name + " named by " + InstanceKeys.START_SAVEPOINT + " of destination " + destination
                + " does not exist; existing: " + names(destination)));
        String mark = name + "@" + savepoint.createdAtMs();
        if (store.appliedMark(destination).filter(mark::equals).isPresent()) {
            return;
        }
        LOG.info("[destination={}] starting from savepoint {} ({})", destination, name,
                InstanceKeys.START_SAVEPOINT);
        apply(savepoint);
        store.markApplied(destination, mark);
    }

    /** Takes an automatic savepoint and deletes the oldest automatic ones beyond {@code retained}. */
    public Savepoint takeAutomatic(String destination, int retained) {
        Savepoint taken = take(destination, AUTO_PREFIX + clock.millis(), true);
        List<Savepoint> automatic = store.list(destination).stream().filter(Savepoint::automatic).toList();
        for (int i = 0; i < automatic.size() - retained; i++) {
            store.delete(destination, automatic.get(i).name());
        }
        return taken;
    }

    /** The names of {@code destination}'s savepoints, oldest first. */
    public List<String> names(String destination) {
        return store.list(destination).stream().map(Savepoint::name).toList();
    }

    public Optional<Savepoint> find(String destination, String name) {
        return store.find(destination, name);
    }
}
