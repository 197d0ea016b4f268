package io.collector.server.testing;

import io.collector.server.ha.ZkClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;

/** A real in-process ZooKeeper with a short tick, and clients with short timeouts, for tests. */
public final class ZkTesting {

    /** ZooKeeper's tick: sessions may last from 1 to 20 ticks. */
    public static final int TICK_MS = 100;
    public static final Duration SESSION_TIMEOUT = Duration.ofMillis(20 * TICK_MS);
    public static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);

    private ZkTesting() {
    }

    /** A started server on a free port, with its own temporary data directory. */
    public static TestingServer server() throws Exception {
        return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
    }

    /** A builder for a client of {@code server} with short timeouts and one retry. */
    public static ZkClients.Builder clientOf(TestingServer server) {
        return ZkClients.builder(server.getConnectString()).sessionTimeout(SESSION_TIMEOUT)
                .connectionTimeout(CONNECTION_TIMEOUT).retryPolicy(new RetryOneTime(100));
    }

    /** A started, connected client of {@code server}. */
    public static CuratorFramework client(TestingServer server) {
        return clientOf(server).start();
    }

    /** The session id of a client's current ZooKeeper handle. */
    public static long sessionId(CuratorFramework client) {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stat of {@code path}, or null if it does not exist or cannot be read now. */
    public static Stat stat(CuratorFramework client, String path) {
        try {
            return client.checkExists().forPath(path);
        } catch (Exception e) {
            return null;
        }
    }

    /** The data of {@code path} as text, or null if it does not exist or cannot be read now. */
    public static String text(CuratorFramework client, String path) {
        try {
            return new String(client.getData().forPath(path), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return null;
        }
    }
}
