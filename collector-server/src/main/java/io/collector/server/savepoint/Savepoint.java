package io.collector.server.savepoint;

import io.collector.server.position.Cursor;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A named, durable copy of one destination's client cursors at one moment. Restoring it makes every client in it
 * resume right after what it had acknowledged then, so what came after the savepoint is delivered again.
 *
 * @param name        unique per destination
 * @param destination the destination it belongs to
 * @param createdAtMs when it was taken (epoch milliseconds)
 * @param automatic   taken by the periodic schedule (subject to retention) rather than by hand
 * @param clients     per client id: its filter and cursor
 */
public record Savepoint(String name, String destination, long createdAtMs, boolean automatic,
                        Map<String, SavedClient> clients) {

    public Savepoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        clients = new TreeMap<>(clients);
    }

    /**
     * One subscribed client as saved.
     *
     * @param filter its subscription filter ("" for none)
     * @param cursor its acknowledged cursor; null when it had acknowledged nothing yet
     */
    public record SavedClient(String filter, Cursor cursor) {

        public SavedClient {
            Objects.requireNonNull(filter, "filter");
        }
    }

    /** Where the destination resumes after a restore: the least advanced cursor of its clients. */
    public Optional<Cursor> resumeCursor() {
        return clients.values().stream().map(SavedClient::cursor).filter(Objects::nonNull)
                .min(Comparator.comparingLong(Cursor::lastEntryId));
    }
}
