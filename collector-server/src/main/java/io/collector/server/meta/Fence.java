package io.collector.server.meta;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * A leader's fencing token for one destination: the version its takeover gave the destination's epoch znode
 * ({@link io.collector.server.ha.LeaderEpoch}). A write made in one ZooKeeper transaction with {@link #check}
 * succeeds only while no later leader took over, so a stale leader (paused, cut off, or late to notice) can never
 * overwrite what the current one wrote.
 *
 * @param destination the destination
 * @param path        the epoch znode
 * @param epoch       the version of the epoch znode this leader wrote; it grows with every takeover
 */
public record Fence(String destination, String path, int epoch) {

    /** The transaction operation that fails unless the epoch znode still has this leader's version. */
    public CuratorOp check(CuratorFramework client) throws Exception {
        return client.transactionOp().check().withVersion(epoch).forPath(path);
    }

    /**
     * Runs {@code op} in one transaction after {@link #check}; returns the operation's result.
     *
     * @throws KeeperException as ZooKeeper failed the transaction; {@link #checkFailed} tells whether it was the
     *                         fence
     */
    public CuratorTransactionResult run(CuratorFramework client, CuratorOp op) throws Exception {
        return client.transaction().forOperations(check(client), op).get(1);
    }

    /** Whether a transaction started with {@link #check} failed on that check: a later leader took over. */
    public static boolean checkFailed(KeeperException e) {
        List<OpResult> results = e.getResults();
        return results != null && !results.isEmpty() && results.get(0) instanceof OpResult.ErrorResult first
                && first.getErr() != 0;
    }
}
