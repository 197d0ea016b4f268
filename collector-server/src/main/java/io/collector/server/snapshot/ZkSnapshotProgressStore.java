package io.collector.server.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.error.ZooKeeperErrors;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A progress record in a znode ({@code /collector/snapshot/<destination>},
 * {@code /collector/backfill/<destination>}), so the next leader resumes the snapshot or the backfills. Written only
 * while {@code mayWrite} holds (this server leads the destination) and conditionally on the version this server
 * last read or wrote, so a paused former leader gets a {@link FencedException} instead of overwriting the new
 * leader's progress.
 */
public final class ZkSnapshotProgressStore<T> implements SnapshotProgressStore<T> {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ProgressKind<T> kind;
    private final CuratorFramework client;
    private final String path;
    private final BooleanSupplier mayWrite;
    private int version = -1;

    /** @param mayWrite whether this server may write the destination now (it leads it) */
    public ZkSnapshotProgressStore(CuratorFramework client, String destination, BooleanSupplier mayWrite,
                                   ProgressKind<T> kind) {
        this.kind = kind;
        this.client = client;
        this.path = ZKPaths.makePath(kind.zkRoot(), destination);
        this.mayWrite = mayWrite;
    }

    @Override
    public Optional<T> load() {
        try {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            version = stat.getVersion();
            return Optional.of(mapper.readValue(data, kind.type()));
        } catch (KeeperException.NoNodeException e) {
            version = -1;
            return Optional.empty();
        } catch (IOException e) {
            throw new CollectorException("Cannot read the " + kind.what() + " in ZooKeeper at " + path + ": "
                    + e.getMessage() + ". Delete the znode to " + kind.removing() + ".", false, e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot read the " + kind.what() + " at " + path, e);
        }
    }

    @Override
    public void save(T progress) {
        if (!mayWrite.getAsBoolean()) {
            throw new FencedException("not writing the " + kind.what() + " at " + path
                    + ": this server does not lead the destination");
        }
        try {
            byte[] data = mapper.writeValueAsBytes(progress);
            if (version < 0) {
                client.create().creatingParentContainersIfNeeded().forPath(path, data);
                version = 0;
            } else {
                version = client.setData().withVersion(version).forPath(path, data).getVersion();
            }
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            throw new FencedException("the " + kind.what() + " at " + path + " was changed by another server", e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot write the " + kind.what() + " at " + path, e);
        }
    }
}
