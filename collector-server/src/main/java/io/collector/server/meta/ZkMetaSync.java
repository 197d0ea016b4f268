package io.collector.server.meta;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Brings the meta znodes of a destination to a wanted state with as few writes as possible: it remembers what it
 * last read or wrote (with the znode versions) and writes only the differences. Each successful operation is
 * remembered at once, so a write that fails half-way resumes where it stopped. Not thread-safe: the caller
 * serializes all calls.
 */
final class ZkMetaSync {

    private final ZkMetaStore store;
    private final Map<String, Map<String, StoredClient>> written = new HashMap<>();

    ZkMetaSync(ZkMetaStore store) {
        this.store = store;
    }

    /** Reads {@code destination} from ZooKeeper, forgetting what was remembered of it. */
    Map<String, ClientMeta> load(String destination) {
        Map<String, StoredClient> stored = store.read(destination);
        written.put(destination, new TreeMap<>(stored));
        Map<String, ClientMeta> clients = new TreeMap<>();
        stored.forEach((clientId, client) -> clients.put(clientId, client.meta()));
        return clients;
    }

    /** Writes what differs between {@code wanted} and the znodes as last read or written. */
    void write(String destination, Map<String, ClientMeta> wanted) {
        Map<String, StoredClient> stored = written.computeIfAbsent(destination, d -> new TreeMap<>());
        wanted.forEach((clientId, client) -> writeClient(destination, clientId, client, stored));
        for (String clientId : List.copyOf(stored.keySet())) {
            if (!wanted.containsKey(clientId)) {
                deleteClient(destination, clientId, stored);
            }
        }
    }

    private void writeClient(String destination, String clientId, ClientMeta wanted, Map<String, StoredClient> stored) {
        String filterPath = store.path(destination, clientId, ZkMetaStore.FILTER);
        byte[] filter = ZkMetaCodec.filter(wanted.filter());
        StoredClient old = stored.get(clientId);
        if (old == null) {
            int version = store.create(destination, filterPath, filter);
            old = new StoredClient(wanted.filter(), version, null, StoredClient.ABSENT);
            stored.put(clientId, old);
        } else if (!old.filter().equals(wanted.filter())) {
            old = old.withFilter(wanted.filter(), store.set(destination, filterPath, filter, old.filterVersion()));
            stored.put(clientId, old);
        }
        if (!Objects.equals(old.cursor(), wanted.cursor())) {
            stored.put(clientId, old.withCursor(wanted.cursor(), writeCursor(destination, clientId, old, wanted)));
        }
    }

    /** Creates, replaces or deletes the cursor znode; returns its new version. */
    private int writeCursor(String destination, String clientId, StoredClient old, ClientMeta wanted) {
        String path = store.path(destination, clientId, ZkMetaStore.CURSOR);
        if (wanted.cursor() == null) {
            store.delete(destination, path, old.cursorVersion());
            return StoredClient.ABSENT;
        }
        byte[] data = store.cursorData(wanted.cursor());
        return old.cursorVersion() == StoredClient.ABSENT ? store.create(destination, path, data)
                : store.set(destination, path, data, old.cursorVersion());
    }

    private void deleteClient(String destination, String clientId, Map<String, StoredClient> stored) {
        StoredClient old = stored.get(clientId);
        if (old.cursorVersion() != StoredClient.ABSENT) {
            String cursorPath = store.path(destination, clientId, ZkMetaStore.CURSOR);
            store.delete(destination, cursorPath, old.cursorVersion());
            stored.put(clientId, old.withCursor(null, StoredClient.ABSENT));
        }
        store.delete(destination, store.path(destination, clientId, ZkMetaStore.FILTER), old.filterVersion());
        stored.remove(clientId);
        store.deleteClientNode(destination, clientId);
    }
}
