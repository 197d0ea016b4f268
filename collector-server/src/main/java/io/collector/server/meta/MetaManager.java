package io.collector.server.meta;

import io.collector.server.lifecycle.Lifecycle;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * Persists, per destination and client id, the subscription filter and the acknowledged cursor.
 * Implementations may buffer updates and write them every flush period; {@link #flush()} and {@link #stop()}
 * write everything pending. Thread-safe.
 */
public interface MetaManager extends Lifecycle {

    /** Records a subscription; an existing one keeps its cursor and gets the new filter. */
    void subscribe(String destination, String clientId, String filter);

    /** Removes a subscription and its cursor. */
    void unsubscribe(String destination, String clientId);

    /** Client ids subscribed to {@code destination}. */
    List<String> subscriptions(String destination);

    /** The filter of a subscription, if subscribed ("" when it has none). */
    Optional<String> filter(String destination, String clientId);

    Optional<Cursor> cursor(String destination, String clientId);

    /** Records an acknowledged cursor; it is durable after the next flush. */
    void updateCursor(String destination, String clientId, Cursor cursor);

    /** Writes every pending update now. */
    void flush();
}
