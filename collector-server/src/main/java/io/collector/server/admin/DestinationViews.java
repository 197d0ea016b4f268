package io.collector.server.admin;

import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.instance.DestinationStats;
import io.collector.server.meta.MetaManager;
import io.collector.server.position.Cursor;
import io.collector.server.savepoint.Savepoint;
import io.collector.server.savepoint.Savepoints;
import io.collector.server.snapshot.SnapshotStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON views of a destination, its clients' cursors and its savepoints. */
final class DestinationViews {

    private static final Logger LOG = LoggerFactory.getLogger(DestinationViews.class);

    private final DestinationControl control;
    private final MetaManager meta;
    private final Savepoints savepoints;
    private final Clock clock;

    DestinationViews(DestinationControl control, MetaManager meta, Savepoints savepoints, Clock clock) {
        this.control = control;
        this.meta = meta;
        this.savepoints = savepoints;
        this.clock = clock;
    }

    Map<String, Object> view(String destination) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", destination);
        boolean leads = control.leads(destination);
        view.put("role", !control.highAvailability() ? "standalone" : leads ? "leader" : "standby");
        control.state(destination).ifPresent(s -> view.put("state", state(s)));
        if (control.highAvailability()) {
            view.put("runningOn", control.runningAddress(destination).orElse(null));
        }
        Phase phase = control.state(destination).map(DestinationState::phase).orElse(Phase.STOPPED);
        stats(view, control.stats(destination), phase == Phase.RUNNING);
        if (leads) {
            stored(view, destination);
        }
        return view;
    }

    private static Map<String, Object> state(DestinationState s) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("phase", s.phase().name());
        state.put("attempts", s.attempts());
        state.put("lastError", s.lastError());
        state.put("since", s.since().toString());
        return state;
    }

    private void stats(Map<String, Object> view, DestinationStats stats, boolean running) {
        long delay = stats.parser().delayMillis(clock.millis());
        view.put("delayMs", running && delay >= 0 ? delay : null);
        view.put("source", stats.parser().source().isEmpty() ? null : stats.parser().source());
        view.put("sourceChanges", stats.parser().sourceChanges());
        view.put("eventsRead", stats.parser().events());
        view.put("bytesRead", stats.parser().bytes());
        view.put("rowsStored", stats.sink().rows());
        view.put("rowsFiltered", stats.sink().filteredRows());
        view.put("transactions", stats.sink().transactions());
        SnapshotStats snapshot = stats.snapshot();
        if (snapshot.state() != SnapshotStats.State.NONE) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("state", snapshot.state().name());
            json.put("tablesDone", snapshot.tablesDone());
            json.put("tables", snapshot.tables());
            json.put("rows", snapshot.rows());
            json.put("estimatedRows", snapshot.estimatedRows());
            json.put("percent", Math.round(snapshot.percent() * 10) / 10.0);
            view.put("snapshot", json);
        }
        Map<String, Object> backfill = snapshot.backfill().view();
        if (!backfill.isEmpty()) {
            view.put("backfill", backfill);
        }
    }

    /** Clients, resume position and savepoints, read from the cursor and savepoint stores. */
    private void stored(Map<String, Object> view, String destination) {
        try {
            List<Map<String, Object>> clients = new ArrayList<>();
            Optional<Cursor> least = Optional.empty();
            Map<String, String> states = control.subscriptionStates(destination);
            for (String clientId : meta.subscriptions(destination)) {
                Optional<Cursor> cursor = meta.cursor(destination, clientId);
                Map<String, Object> client = client(clientId, meta.filter(destination, clientId).orElse(""),
                        cursor.orElse(null));
                client.put("subscription", states.get(clientId));
                clients.add(client);
                if (cursor.isPresent() && (least.isEmpty() || cursor.get().globalId() < least.get().globalId())) {
                    least = cursor;
                }
            }
            view.put("resumePosition", least.map(DestinationViews::cursor).orElse(null));
            view.put("clients", clients);
            view.put("savepoints", savepoints.names(destination));
        } catch (RuntimeException e) {
            LOG.warn("[destination={}] cannot read cursors or savepoints for the admin API: {}", destination,
                    e.getMessage());
            view.put("storeError", e.getMessage());
        }
    }

    private static Map<String, Object> client(String clientId, String filter, Cursor cursor) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("filter", filter);
        client.put("cursor", cursor == null ? null : cursor(cursor));
        return client;
    }

    static Map<String, Object> cursor(Cursor cursor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("journal", cursor.restart().journal());
        json.put("offset", cursor.restart().offset());
        json.put("gtidSet", cursor.restart().gtidSet());
        json.put("timestamp", cursor.restart().timestamp());
        json.put("globalId", cursor.globalId());
        return json;
    }

    static Map<String, Object> savepoint(Savepoint savepoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", savepoint.name());
        json.put("destination", savepoint.destination());
        json.put("createdAt", java.time.Instant.ofEpochMilli(savepoint.createdAtMs()).toString());
        json.put("automatic", savepoint.automatic());
        json.put("resumePosition", savepoint.resumeCursor().map(DestinationViews::cursor).orElse(null));
        List<Map<String, Object>> clients = new ArrayList<>();
        savepoint.clients().forEach((id, c) -> clients.add(client(id, c.filter(), c.cursor())));
        json.put("clients", clients);
        return json;
    }
}
