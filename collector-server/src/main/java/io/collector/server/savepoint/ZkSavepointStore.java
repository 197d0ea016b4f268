package io.collector.server.savepoint;

import io.collector.server.error.ZooKeeperErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Savepoints in ZooKeeper, readable by whichever server leads the destination next:
 * {@code /collector/savepoints/<destination>/<name>} (PERSISTENT, {@link SavepointCodec} JSON) and the start-up
 * mark in {@code /collector/savepoint-applied/<destination>}. The {@link CuratorFramework} belongs to the caller.
 */
public final class ZkSavepointStore implements SavepointStore {

    static final String ROOT = "/collector/savepoints";
    static final String APPLIED_ROOT = "/collector/savepoint-applied";

    private final CuratorFramework client;
    private final SavepointCodec codec = new SavepointCodec();

    public ZkSavepointStore(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public void save(Savepoint savepoint) {
        String path = ZKPaths.makePath(ROOT, savepoint.destination(), savepoint.name());
        try {
            client.create().creatingParentsIfNeeded().forPath(path, codec.encode(savepoint));
        } catch (KeeperException.NodeExistsException e) {
            throw new IllegalArgumentException("savepoint " + savepoint.name() + " of destination "
                    + savepoint.destination() + " exists already");
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot create " + path, e);
        }
    }

    @Override
    public List<Savepoint> list(String destination) {
        String dir = ZKPaths.makePath(ROOT, destination);
        List<Savepoint> all = new ArrayList<>();
        for (String name : children(dir)) {
            find(destination, name).ifPresent(all::add);
        }
        all.sort(Comparator.comparingLong(Savepoint::createdAtMs).thenComparing(Savepoint::name));
        return all;
    }

    @Override
    public Optional<Savepoint> find(String destination, String name) {
        String path = ZKPaths.makePath(ROOT, destination, name);
        return data(path).map(data -> codec.decode(data, path));
    }

    @Override
    public boolean delete(String destination, String name) {
        String path = ZKPaths.makePath(ROOT, destination, name);
        try {
            client.delete().forPath(path);
            return true;
        } catch (KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot delete " + path, e);
        }
    }

    @Override
    public Optional<String> appliedMark(String destination) {
        return data(ZKPaths.makePath(APPLIED_ROOT, destination)).map(d -> new String(d, StandardCharsets.UTF_8));
    }

    @Override
    public void markApplied(String destination, String mark) {
        String path = ZKPaths.makePath(APPLIED_ROOT, destination);
        byte[] data = mark.getBytes(StandardCharsets.UTF_8);
        try {
            try {
                client.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                client.create().creatingParentsIfNeeded().forPath(path, data);
            }
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot write " + path, e);
        }
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

    private Optional<byte[]> data(String path) {
        try {
            return Optional.of(client.getData().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot read " + path, e);
        }
    }
}
