package io.collector.server.admin;

import io.collector.server.config.AdminSettings;
import io.collector.server.error.CollectorException;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.snapshot.BackfillConfig;
import io.collector.server.snapshot.BackfillRequest;
import io.collector.server.snapshot.BackfillSignals;
import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationState.Phase;
import io.collector.server.meta.MetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.position.Cursor;
import io.collector.server.savepoint.Savepoint;
import io.collector.server.savepoint.Savepoints;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin operations behind the HTTP routes: list destinations, stop, start and restart one, move a client's
 * cursor, and the savepoint operations. Every change of one destination runs under that destination's lock
 * (stop → change → start), and on a server that does not lead the destination answers 409 with the leader's
 * address instead. Answers are plain maps and lists, written as JSON by the endpoint.
 */
public final class AdminOperations {

    private static final Logger LOG = LoggerFactory.getLogger(AdminOperations.class);

    private final DestinationControl control;
    private final MetaManager meta;
    private final Savepoints savepoints;
    private final DestinationViews views;
    private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    public AdminOperations(DestinationControl control, MetaManager meta, Savepoints savepoints, Clock clock) {
        this.control = control;
        this.meta = meta;
        this.savepoints = savepoints;
        this.views = new DestinationViews(control, meta, savepoints, clock);
    }

    /** Every destination of this server, with what this server knows of it. */
    public List<Map<String, Object>> list() {
        return control.names().stream().sorted().map(views::view).toList();
    }

    public Map<String, Object> describe(String destination) {
        known(destination);
        return views.view(destination);
    }

    public Map<String, Object> stop(String destination) {
        return changing(destination, "stop", () -> control.stop(destination));
    }

    public Map<String, Object> start(String destination) {
        return changing(destination, "start", () -> control.start(destination));
    }

    public Map<String, Object> restart(String destination) {
        return changing(destination, "restart", () -> {
            control.stop(destination);
            control.start(destination);
        });
    }

    /** Stops the destination, sets the client's cursor to the position in {@code body}, starts it again if it ran. */
    public Map<String, Object> moveCursor(String destination, String clientId, Map<String, Object> body) {
        ParserConfig source = leading(destination).config(destination).parser();
        Supplier<Cursor> target = CursorTarget.parse(body, source.gtidMode(),
                millis -> new TimestampLocator(source).locate(millis));
        if (meta.filter(destination, clientId).isEmpty()) {
            throw AdminException.notFound("client " + clientId + " is not subscribed to destination " + destination
                    + "; subscribed: " + meta.subscriptions(destination));
        }
        return changing(destination, "move cursor", () -> whileStopped(destination, () -> {
            Cursor cursor = target.get();
            meta.updateCursor(destination, clientId, cursor);
            meta.flush();
            LOG.info("[destination={}] cursor of client {} moved to {} by the admin API", destination, clientId,
                    cursor.restart());
        }));
    }

    /**
     * Asks the destination to backfill a table by writing an {@code execute-backfill} row into its signal table,
     * which the destination reads from its binlog like any signal; answers with the request's id.
     */
    public Map<String, Object> backfill(String destination, Map<String, Object> body) {
        InstanceConfig config = leading(destination).config(destination);
        BackfillConfig backfill = config.snapshot().backfill();
        if (!backfill.enabled()) {
            throw new AdminException(409, "destination " + destination + " has no signal table to backfill"
                    + " through; set collector.instance.signal.table (README: Backfill on demand)");
        }
        String table = text(body, "table", true);
        String where = text(body, "where", false);
        int dot = table.indexOf('.');
        if (dot > 0 && !config.filters().tables().accepts(table.substring(0, dot), table.substring(dot + 1))) {
            throw AdminException.badRequest("the filter of destination " + destination + " excludes " + table);
        }
        try (BackfillSignals signals = new BackfillSignals(config.parser(), backfill)) {
            BackfillRequest request = signals.request(table, where);
            LOG.info("[destination={}] admin API: backfill {} of {}{} requested", destination, request.id(), table,
                    where.isEmpty() ? "" : " where " + where);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("destination", destination);
            answer.put("id", request.id());
            answer.put("table", request.table());
            answer.put("where", where.isEmpty() ? null : where);
            answer.put("signalTable", backfill.signalTable());
            return answer;
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage());
        } catch (CollectorException e) {
            throw new AdminException(503, e.getMessage());
        }
    }

    private static String text(Map<String, Object> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null && !required) {
            return "";
        }
        if (!(value instanceof String s) || required && s.isBlank()) {
            throw AdminException.badRequest("give the table to backfill and an optional condition:"
                    + " {\"table\":\"schema.table\",\"where\":\"id > 100\"}");
        }
        return s.strip();
    }

    public List<Map<String, Object>> savepoints(String destination) {
        leading(destination);
        return savepoints.store().list(destination).stream().map(DestinationViews::savepoint).toList();
    }

    public Map<String, Object> takeSavepoint(String destination, String name) {
        checkName(name);
        leading(destination);
        synchronized (lock(destination)) {
            return DestinationViews.savepoint(take(destination, name));
        }
    }

    /** Stops the destination, then saves its cursors as flushed at the stop: nothing passes the savepoint. */
    public Map<String, Object> stopWithSavepoint(String destination, String name) {
        checkName(name);
        leading(destination);
        if (savepoints.find(destination, name).isPresent()) {
            throw new AdminException(409, "savepoint " + name + " of destination " + destination
                    + " exists already; the destination was not stopped");
        }
        Savepoint[] taken = new Savepoint[1];
        Map<String, Object> view = changing(destination, "stop with savepoint " + name, () -> {
            control.stop(destination);
            taken[0] = take(destination, name);
        });
        view.put("savepoint", DestinationViews.savepoint(taken[0]));
        return view;
    }

    /**
     * Stops the destination, puts the savepoint's cursors back, starts it again if it ran. If putting them back
     * fails the destination stays stopped rather than resume from a mix of old and restored cursors.
     */
    public Map<String, Object> restore(String destination, String name) {
        Savepoint savepoint = existing(destination, name);
        return changing(destination, "restore savepoint " + name, () -> {
            boolean ran = control.state(destination).map(s -> s.phase() == Phase.RUNNING
                    || s.phase() == Phase.RESTARTING).orElse(false);
            control.stop(destination);
            savepoints.apply(savepoint);
            if (ran) {
                control.start(destination);
            }
        });
    }

    /** Puts the savepoint's cursors back into a stopped destination and starts it. */
    public Map<String, Object> startFromSavepoint(String destination, String name) {
        Savepoint savepoint = existing(destination, name);
        return changing(destination, "start from savepoint " + name, () -> {
            control.stop(destination);
            savepoints.apply(savepoint);
            control.start(destination);
        });
    }

    public Map<String, Object> deleteSavepoint(String destination, String name) {
        checkName(name);
        leading(destination);
        if (!savepoints.store().delete(destination, name)) {
            throw AdminException.notFound(noSavepoint(destination, name));
        }
        LOG.info("[destination={}] savepoint {} deleted by the admin API", destination, name);
        return new LinkedHashMap<>(Map.of("deleted", name));
    }

    private Savepoint take(String destination, String name) {
        try {
            return savepoints.take(destination, name, false);
        } catch (IllegalArgumentException e) {
            throw new AdminException(409, e.getMessage());
        }
    }

    private Savepoint existing(String destination, String name) {
        checkName(name);
        leading(destination);
        return savepoints.find(destination, name).orElseThrow(() -> AdminException.notFound(
                noSavepoint(destination, name)));
    }

    private String noSavepoint(String destination, String name) {
        return "destination " + destination + " has no savepoint " + name + "; it has: "
                + savepoints.names(destination);
    }

    private Map<String, Object> changing(String destination, String what, Runnable change) {
        leading(destination);
        synchronized (lock(destination)) {
            LOG.info("[destination={}] admin API: {}", destination, what);
            change.run();
        }
        return views.view(destination);
    }

    /** Runs {@code change} with the destination stopped, and starts it again if it was running, even if it failed. */
    private void whileStopped(String destination, Runnable change) {
        Phase before = control.state(destination).map(DestinationState::phase).orElse(Phase.STOPPED);
        control.stop(destination);
        try {
            change.run();
        } finally {
            if (before == Phase.RUNNING || before == Phase.RESTARTING) {
                control.start(destination);
            }
        }
    }

    private DestinationControl leading(String destination) {
        known(destination);
        if (!control.leads(destination)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("leader", control.runningAddress(destination).orElse(null));
            throw new AdminException(409, "this server does not run destination " + destination + "; "
                    + control.runningAddress(destination).map(a -> "the server at " + a + " does")
                            .orElse("no server runs it now"), details);
        }
        return control;
    }

    private void known(String destination) {
        if (!control.names().contains(destination)) {
            throw AdminException.notFound("unknown destination " + destination + "; this server has "
                    + new ArrayList<>(new java.util.TreeSet<>(control.names())));
        }
    }

    private static void checkName(String name) {
        if (!AdminSettings.isSavepointName(name)) {
            throw AdminException.badRequest("a savepoint name is 1 to 100 letters, digits, '.', '_' and '-', not "
                    + name);
        }
    }

    private Object lock(String destination) {
        return locks.computeIfAbsent(destination, d -> new Object());
    }
}
