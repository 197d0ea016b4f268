package io.collector.server.meta;

import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory part shared by the meta managers: the subscription table and argument checks. Changes are
 * accepted only while running; each one is reported to {@link #changed(String)}, where an implementation
 * persists it or marks it for the next flush.
 */
abstract class AbstractMetaManager extends AbstractLifecycle implements MetaManager {

    private final MetaTable table = new MetaTable();

    @Override
    public final void subscribe(String destination, String clientId, String filter) {
        checkChange(destination, clientId);
        beforeAccess(destination);
        table.subscribe(destination, clientId, filter == null ? "" : filter);
        changed(destination);
    }

    @Override
    public final void unsubscribe(String destination, String clientId) {
        checkChange(destination, clientId);
        beforeAccess(destination);
        if (table.unsubscribe(destination, clientId)) {
            changed(destination);
        }
    }

    @Override
    public final List<String> subscriptions(String destination) {
        beforeAccess(destination);
        return table.subscriptions(destination);
    }

    @Override
    public final Optional<String> filter(String destination, String clientId) {
        beforeAccess(destination);
        return table.client(destination, clientId).map(ClientMeta::filter);
    }

    @Override
    public final Optional<Cursor> cursor(String destination, String clientId) {
        beforeAccess(destination);
        return table.client(destination, clientId).map(ClientMeta::cursor);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the client is not subscribed, or the manager is not running
     */
    @Override
    public final void updateCursor(String destination, String clientId, Cursor cursor) {
        checkChange(destination, clientId);
        beforeAccess(destination);
        table.updateCursor(destination, clientId, Objects.requireNonNull(cursor, "cursor"));
        changed(destination);
    }

    /** Called after every change of {@code destination}'s subscriptions, on the changing thread. */
    abstract void changed(String destination);

    /** Rejects a destination name the implementation cannot store; by default any non-blank name is fine. */
    void checkDestination(String destination) {
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("destination name must not be blank");
        }
    }

    /** Rejects a client id the implementation cannot store; by default any non-blank id is fine. */
    void checkClientId(String destination, String clientId) {
        // any non-blank id
    }

    /**
     * Called on the calling thread before every read or change of {@code destination} (after the argument checks
     * of a change): a manager that reads destinations on demand loads {@code destination} here.
     */
    void beforeAccess(String destination) {
        // everything is in memory
    }

    final MetaTable table() {
        return table;
    }

    private void checkChange(String destination, String clientId) {
        checkDestination(destination);
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client id must not be blank (destination " + destination + ")");
        }
        checkClientId(destination, clientId);
        if (!isRunning()) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not running: cannot change "
                    + "client " + clientId + " of destination " + destination);
        }
    }
}
