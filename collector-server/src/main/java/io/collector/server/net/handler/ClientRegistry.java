package io.collector.server.net.handler;

import io.collector.server.service.ClientIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connection holds each (destination, client id): one at a time, so two consumers with the same
 * identity never ack or roll back each other's batches. Shared by all connections of a server; thread-safe.
 */
public final class ClientRegistry {

    private final Map<ClientIdentity, Object> holders = new ConcurrentHashMap<>();

    /** Claims {@code client} for {@code holder}; true if it was free or already held by {@code holder}. */
    public boolean claim(ClientIdentity client, Object holder) {
        Object current = holders.putIfAbsent(client, holder);
        return current == null || current == holder;
    }

    /** Releases {@code client} if {@code holder} holds it. */
    public void release(ClientIdentity client, Object holder) {
        holders.remove(client, holder);
    }

    /** The current holder of {@code client}, if any. */
    public Optional<Object> holder(ClientIdentity client) {
        return Optional.ofNullable(holders.get(client));
    }

    /** Number of identities held. */
    public int size() {
        return holders.size();
    }
}
