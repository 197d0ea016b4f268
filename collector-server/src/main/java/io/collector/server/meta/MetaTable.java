package io.collector.server.meta;

import io.collector.server.position.Cursor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The subscriptions of every destination, by client id. Thread-safe; entries are immutable values. */
final class MetaTable {

    private final Map<String, TreeMap<String, ClientMeta>> destinations = new HashMap<>();

    synchronized void subscribe(String destination, String clientId, String filter) {
        clients(destination).merge(clientId, new ClientMeta(filter, null), (old, added) -> old.withFilter(filter));
    }

    synchronized boolean unsubscribe(String destination, String clientId) {
        TreeMap<String, ClientMeta> clients = destinations.get(destination);
        return clients != null && clients.remove(clientId) != null;
    }

    synchronized List<String> subscriptions(String destination) {
        TreeMap<String, ClientMeta> clients = destinations.get(destination);
        return clients == null ? List.of() : List.copyOf(clients.keySet());
    }

    synchronized Optional<ClientMeta> client(String destination, String clientId) {
        TreeMap<String, ClientMeta> clients = destinations.get(destination);
        return Optional.ofNullable(clients == null ? null : clients.get(clientId));
    }

    /** Records a cursor; throws {@link IllegalStateException} if the client is not subscribed. */
    synchronized void updateCursor(String destination, String clientId, Cursor cursor) {
        TreeMap<String, ClientMeta> clients = destinations.get(destination);
        ClientMeta client = clients == null ? null : clients.get(clientId);
        if (client == null) {
            throw new IllegalStateException("client " + clientId + " is not subscribed to destination "
                    + destination + ": cannot record cursor " + cursor);
        }
        clients.put(clientId, client.withCursor(cursor));
    }

    /** A copy of one destination's subscriptions, sorted by client id. */
    synchronized Map<String, ClientMeta> snapshot(String destination) {
        TreeMap<String, ClientMeta> clients = destinations.get(destination);
        return clients == null ? Map.of() : new TreeMap<>(clients);
    }

    /** Replaces one destination's subscriptions, as read from storage. */
    synchronized void load(String destination, Map<String, ClientMeta> clients) {
        destinations.put(destination, new TreeMap<>(clients));
    }

    synchronized Set<String> destinations() {
        return Set.copyOf(destinations.keySet());
    }

    private TreeMap<String, ClientMeta> clients(String destination) {
        return destinations.computeIfAbsent(destination, d -> new TreeMap<>());
    }
}
