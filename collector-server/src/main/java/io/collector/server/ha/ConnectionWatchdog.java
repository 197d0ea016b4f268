package io.collector.server.ha;

import io.collector.server.lifecycle.NamedThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs a Curator client stuck as "not connected" while its ZooKeeper handle is connected. Curator 5.9 with
 * ZooKeeper 3.9 can end there after a session expiry: the expired handle's event thread marks the client
 * disconnected after the new handle has already connected, no further event comes, and every operation fails with
 * ConnectionLoss for good (Curator's "zombie LOST", CURATOR-525); tests hit it after {@code KillSession}, and Curator
 * takes the same path itself when a suspension outlasts the session. When Curator says "not connected" but the
 * raw handle answers a read, on two checks in a row, the watchdog resets the handle, so Curator sees a fresh connection (RECONNECTED). It stops when the client is closed.
 */
final class ConnectionWatchdog implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatchdog.class);

    private final CuratorFramework client;
    private final ScheduledExecutorService executor;
    private final long periodMs;
    private boolean stuckBefore;

    private ConnectionWatchdog(CuratorFramework client, ScheduledExecutorService executor, long periodMs) {
        this.client = client;
        this.executor = executor;
        this.periodMs = periodMs;
    }

    /** Checks {@code client} every {@code period} on a thread named {@code threadName}. */
    static void watch(CuratorFramework client, Duration period, String threadName) {
        ScheduledExecutorService executor =
                Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory(threadName, false));
        executor.scheduleWithFixedDelay(new ConnectionWatchdog(client, executor, period.toMillis()), period.toMillis(),
                period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        if (client.getState() == CuratorFrameworkState.STOPPED) {
            executor.shutdown();
            return;
        }
        try {
            boolean stuck = !client.getZookeeperClient().isConnected() && handleWorks();
            if (stuck && stuckBefore) {
                LOG.warn("Curator reports no ZooKeeper connection although its handle is connected: resetting it");
                client.getZookeeperClient().reset();
                stuck = false;
            }
            stuckBefore = stuck;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debug("ZooKeeper connection check failed: {}", e.toString());
        }
    }

    /** Whether the raw handle answers a cheap read within the period (its state alone says CONNECTED too often). */
    private boolean handleWorks() throws Exception {
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        if (handle == null) {
            return false;
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        handle.exists("/", false, (rc, path, ctx, stat) -> result.complete(rc), null);
        try {
            return result.get(periodMs, TimeUnit.MILLISECONDS) == KeeperException.Code.OK.intValue();
        } catch (TimeoutException e) {
            return false;
        }
    }
}
