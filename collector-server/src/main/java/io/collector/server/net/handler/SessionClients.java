package io.collector.server.net.handler;

import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client identities one connection holds in the {@link ClientRegistry}, and per identity the batches
 * delivered on this connection and not acknowledged yet. When the connection ends, {@link #releaseAll()}
 * rolls those batches back so the next session receives them again. Thread-safe.
 */
public final class SessionClients {

    private static final Logger LOG = LoggerFactory.getLogger(SessionClients.class);

    private final Object holder;
    private final ClientRegistry registry;
    private final CollectorService service;
    private final Map<ClientIdentity, List<Long>> outstanding = new LinkedHashMap<>();

    SessionClients(Object holder, ClientRegistry registry, CollectorService service) {
        this.holder = holder;
        this.registry = registry;
        this.service = service;
    }

    /** Claims {@code client} for this connection; false while another connection holds it. */
    public synchronized boolean claim(ClientIdentity client) {
        if (outstanding.containsKey(client)) {
            return true;
        }
        if (!registry.claim(client, holder)) {
            return false;
        }
        outstanding.put(client, new ArrayList<>());
        return true;
    }

    /** The error for a client held by another connection. */
    CollectorServiceException inUse(ClientIdentity client) {
        String other = registry.holder(client).map(Object::toString).orElse("another connection");
        return new CollectorServiceException(CollectorServiceException.GENERIC, "[" + client + "] client "
                + client.clientId() + " of destination " + client.destination() + " is in use by " + other);
    }

    public synchronized boolean holds(ClientIdentity client) {
        return outstanding.containsKey(client);
    }

    /** Records a batch handed to this connection; false if the identity was released meanwhile. */
    public synchronized boolean delivered(ClientIdentity client, long batchId) {
        List<Long> batches = outstanding.get(client);
        if (batches == null) {
            return false;
        }
        batches.add(batchId);
        return true;
    }

    /** Records an acknowledged batch. */
    public synchronized void acknowledged(ClientIdentity client, long batchId) {
        List<Long> batches = outstanding.get(client);
        if (batches != null) {
            batches.remove(batchId);
        }
    }

    /** Records that everything unacknowledged of {@code client} will be delivered again. */
    public synchronized void rolledBack(ClientIdentity client) {
        List<Long> batches = outstanding.get(client);
        if (batches != null) {
            batches.clear();
        }
    }

    /** Rolls back what {@code client} left unacknowledged, then gives the identity up. */
    public synchronized void release(ClientIdentity client) {
        List<Long> batches = outstanding.remove(client);
        if (batches == null) {
            return;
        }
        if (!batches.isEmpty()) {
            rollback(client, batches);
        }
        registry.release(client, holder);
    }

    /** {@link #release} for every identity held; for a closed connection. */
    public synchronized void releaseAll() {
        for (ClientIdentity client : List.copyOf(outstanding.keySet())) {
            release(client);
        }
    }

    private void rollback(ClientIdentity client, List<Long> batches) {
        try {
            service.rollback(client);
            LOG.info("[destination={}] client {} left batches {} unacknowledged: rolled back for redelivery",
                    client.destination(), client.clientId(), batches);
        } catch (CollectorServiceException e) {
            LOG.warn("[destination={}] could not roll back batches {} of client {}: {}", client.destination(),
                    batches, client.clientId(), e.getMessage());
        }
    }
}
