package io.collector.server.meta;

import io.collector.server.error.FencedException;
import io.collector.server.error.ZooKeeperErrors;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The meta znodes and the single operations on them. Layout under the root (Canal's by default):
 *
 * <pre>
 * {root}/{destination}/{clientId}/filter   PERSISTENT  the subscription's filter, UTF-8 ("" for none)
 * {root}/{destination}/{clientId}/cursor   PERSISTENT  the acknowledged cursor, see {@link ZkMetaCodec}
 * </pre>
 *
 * A client is subscribed while its {@code filter} znode exists. Canal's own znodes beside the client ids
 * ({@code running}, {@code cluster}, {@code parse}) are never read or written here, and a client id may not take
 * one of those names. Every write names the version it expects: a znode changed by someone else since it was read
 * gives a {@link FencedException}. Connection troubles give retriable errors.
 */
final class ZkMetaStore {

    static final String FILTER = "filter";
    static final String CURSOR = "cursor";
    /** Canal's znodes under a destination, which are not client ids. */
    static final Set<String> RESERVED = Set.of("running", "cluster", "parse");

    private final CuratorFramework client;
    private final String root;
    private final ZkMetaCodec codec = new ZkMetaCodec();
    private final Map<String, Fence> fences = new ConcurrentHashMap<>();

    ZkMetaStore(CuratorFramework client, String root) {
        this.client = client;
        this.root = root;
    }

    String root() {
        return root;
    }

    String path(String destination, String clientId, String leaf) {
        return ZKPaths.makePath(root, destination, clientId, leaf);
    }

    /** Every subscribed client of {@code destination}, by client id; empty when the destination has no znode. */
    Map<String, StoredClient> read(String destination) {
        Map<String, StoredClient> clients = new TreeMap<>();
        for (String clientId : children(ZKPaths.makePath(root, destination))) {
            if (!RESERVED.contains(clientId)) {
                StoredClient stored = readClient(destination, clientId);
                if (stored != null) {
                    clients.put(clientId, stored);
                }
            }
        }
        return clients;
    }

    /**
     * From now on writes of {@code destination} carry {@code fence}: each runs in one transaction with the check
     * of the leader's epoch, and fails with a {@link FencedException} once a later leader took over.
     */
    void fence(String destination, Fence fence) {
        fences.put(destination, fence);
    }

    /** Creates a znode and any missing parent; returns its version. */
    int create(String destination, String path, byte[] data) {
        Fence fence = fences.get(destination);
        try {
            if (fence == null) {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            } else {
                createParent(path);
                fence.run(client, client.transactionOp().create().forPath(path, data));
            }
            return 0;
        } catch (Exception e) {
            throw failure(e, fence, path, "Cannot create ", "was created by another server");
        }
    }

    /** Replaces the data of a znode that must still have {@code version}; returns the new version. */
    int set(String destination, String path, byte[] data, int version) {
        Fence fence = fences.get(destination);
        try {
            return fence == null ? client.setData().withVersion(version).forPath(path, data).getVersion()
                    : fence.run(client, client.transactionOp().setData().withVersion(version).forPath(path, data))
                            .getResultStat().getVersion();
        } catch (Exception e) {
            throw failure(e, fence, path, "Cannot write ", "was changed or deleted by another server");
        }
    }

    /** Deletes a znode that must still have {@code version}; one that is already gone is fine. */
    void delete(String destination, String path, int version) {
        Fence fence = fences.get(destination);
        try {
            if (fence == null) {
                client.delete().withVersion(version).forPath(path);
            } else {
                fence.run(client, client.transactionOp().delete().withVersion(version).forPath(path));
            }
        } catch (KeeperException.NoNodeException e) {
            if (fence != null && Fence.checkFailed(e)) {
                throw staleEpoch(path, fence, e);
            }
        } catch (Exception e) {
            throw failure(e, fence, path, "Cannot delete ", "was changed by another server");
        }
    }

    private void createParent(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(ZKPaths.getPathAndNode(path).getPath());
        } catch (KeeperException.NodeExistsException e) {
            // the usual case
        }
    }

    /** What a failed write throws: fenced by a later epoch, fenced by a version change, or a ZooKeeper error. */
    private static RuntimeException failure(Exception e, Fence fence, String path, String cannot, String changed) {
        if (e instanceof KeeperException k && fence != null && Fence.checkFailed(k)) {
            return staleEpoch(path, fence, k);
        }
        if (e instanceof KeeperException.NodeExistsException || e instanceof KeeperException.BadVersionException
                || e instanceof KeeperException.NoNodeException) {
            return fenced(path, changed, e);
        }
        return ZooKeeperErrors.wrap(cannot + path, e);
    }

    private static FencedException staleEpoch(String path, Fence fence, Exception cause) {
        return new FencedException("Meta znode " + path + " not written: a later leader took over destination "
                + fence.destination() + " (this server's epoch " + fence.epoch() + " is stale)", cause);
    }

    /** Deletes a client's own znode unless something else (Canal's client {@code running} znode) is under it. */
    void deleteClientNode(String destination, String clientId) {
        String path = ZKPaths.makePath(root, destination, clientId);
        try {
            client.delete().forPath(path);
        } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
            // gone already, or still used by a client's running znode
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot delete " + path, e);
        }
    }

    byte[] cursorData(Cursor cursor) {
        return codec.cursor(cursor);
    }

    private StoredClient readClient(String destination, String clientId) {
        String filterPath = path(destination, clientId, FILTER);
        Stat filterStat = new Stat();
        byte[] filter = data(filterPath, filterStat);
        if (filter == null) {
            return null;
        }
        String cursorPath = path(destination, clientId, CURSOR);
        Stat cursorStat = new Stat();
        byte[] cursor = data(cursorPath, cursorStat);
        return cursor == null
                ? new StoredClient(ZkMetaCodec.filter(filter), filterStat.getVersion(), null, StoredClient.ABSENT)
                : new StoredClient(ZkMetaCodec.filter(filter), filterStat.getVersion(),
                        codec.cursor(cursor, cursorPath), cursorStat.getVersion());
    }

    private List<String> children(String path) {
        try {
            return client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot list " + path, e);
        }
    }

    /** The data of a znode, or null if it does not exist. */
    private byte[] data(String path, Stat stat) {
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return data == null ? new byte[0] : data;
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot read " + path, e);
        }
    }

    private static FencedException fenced(String path, String what, Exception cause) {
        return new FencedException("Meta znode " + path + " " + what + " since this server read it: this server "
                + "no longer owns the destination (reload it after winning leadership again)", cause);
    }
}
