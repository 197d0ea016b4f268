package io.collector.server.ha;

import io.collector.server.error.ZooKeeperErrors;
import io.collector.server.meta.Fence;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The epoch znode {@code /collector/epoch/{destination}}: every takeover writes it (its data is the new leader's
 * server id), so its version grows with every takeover and serves as the new leader's {@link Fence}.
 */
public final class LeaderEpoch {

    private final CuratorFramework client;
    private final String destination;
    private final String path;

    public LeaderEpoch(CuratorFramework client, String destination) {
        this.client = client;
        this.destination = destination;
        this.path = Znodes.epoch(destination);
    }

    /**
     * Starts a new epoch for {@code serverId}; every write fenced by an earlier epoch fails from now on.
     *
     * @throws io.collector.server.error.CollectorException when ZooKeeper cannot be reached
     */
    public Fence advance(String serverId) {
        try {
            return new Fence(destination, path, write(serverId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("[destination=" + destination + "] Cannot start a new epoch at " + path, e);
        }
    }

    /** Writes the znode (creating it the first time); returns its new version. */
    private int write(byte[] data) throws Exception {
        try {
            return client.setData().forPath(path, data).getVersion();
        } catch (KeeperException.NoNodeException e) {
            try {
                client.create().creatingParentsIfNeeded().forPath(path, data);
                return 0;
            } catch (KeeperException.NodeExistsException created) {
                return client.setData().forPath(path, data).getVersion();
            }
        }
    }
}
