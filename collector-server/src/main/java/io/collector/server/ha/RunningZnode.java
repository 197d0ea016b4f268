package io.collector.server.ha;

import io.collector.server.error.FencedException;
import io.collector.server.error.ZooKeeperErrors;
import io.collector.server.meta.Fence;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EPHEMERAL {@code running} znode of one destination, written by its leader. Only the election decides who
 * leads; this znode only tells Canal's clients (and ours) where the leader is. Ownership is the ZooKeeper session:
 * a znode left by another session is replaced when claiming, and only our own is deleted when releasing. Every
 * write of a claim is fenced by the leader's epoch ({@link Fence}): a stale leader cannot take the znode back.
 */
final class RunningZnode {

    private static final Logger LOG = LoggerFactory.getLogger(RunningZnode.class);
    private static final int ATTEMPTS = 3;

    private final CuratorFramework client;
    private final String destination;
    private final String path;
    private final byte[] data;

    RunningZnode(CuratorFramework client, String destination, RunningData running) {
        this.client = client;
        this.destination = destination;
        this.path = Znodes.running(destination);
        this.data = running.toJson();
    }

    String path() {
        return path;
    }

    /**
     * Makes the znode ours, holding our data: creates it, or replaces one that another session left; each write
     * in one transaction with the check of {@code fence}.
     *
     * @throws FencedException when a later leader took over (the fence check failed)
     * @throws io.collector.server.error.CollectorException when ZooKeeper cannot be reached
     */
    void claim(Fence fence) {
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (tryClaim(fence)) {
                    return;
                }
            }
            throw new IllegalStateException("the znode kept changing under us");
        } catch (KeeperException e) {
            if (Fence.checkFailed(e)) {
                throw new FencedException("[destination=" + destination + "] running znode " + path + " not "
                        + "written: a later leader took over (epoch " + fence.epoch() + " is stale)", e);
            }
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot write running znode " + path, e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot write running znode " + path, e);
        }
    }

    /** Deletes the znode if this session owns it; does nothing if it is gone or another server's. */
    void release() {
        try {
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == sessionId()) {
                client.delete().withVersion(stat.getVersion()).forPath(path);
            }
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            // gone already, or replaced by the next leader
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot delete running znode " + path, e);
        }
    }

    private boolean tryClaim(Fence fence) throws Exception {
        createParent();
        try {
            fence.run(client, client.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(path, data));
            return true;
        } catch (KeeperException.NodeExistsException e) {
            if (Fence.checkFailed(e)) {
                throw e;
            }
            return replace(fence);
        }
    }

    private void createParent() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(ZKPaths.getPathAndNode(path).getPath());
        } catch (KeeperException.NodeExistsException e) {
            // the usual case
        }
    }

    /** Takes over an existing znode; false if it changed meanwhile and claiming must start over. */
    private boolean replace(Fence fence) throws Exception {
        try {
            Stat stat = new Stat();
            byte[] existing = client.getData().storingStatIn(stat).forPath(path);
            if (stat.getEphemeralOwner() == sessionId()) {
                if (!Arrays.equals(existing, data)) {
                    fence.run(client, client.transactionOp().setData().withVersion(stat.getVersion()).forPath(path, data));
                }
                return true;
            }
            LOG.warn("[destination={}] replacing running znode {} of another session: {}", destination, path,
                    existing == null ? "" : new String(existing, StandardCharsets.UTF_8));
            fence.run(client, client.transactionOp().delete().withVersion(stat.getVersion()).forPath(path));
            return false;
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            if (Fence.checkFailed(e)) {
                throw e;
            }
            return false;
        }
    }

    private long sessionId() throws Exception {
        return client.getZookeeperClient().getZooKeeper().getSessionId();
    }
}
