package io.collector.client.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active/standby among the consumers of one client id, through Canal's client running znode
 * {@code /otter/canal/destinations/{destination}/{clientId}/running} as Canal's {@code ClientRunningMonitor}
 * uses it: each consumer tries to create the EPHEMERAL node with {@code {"active":true,"address":...,
 * "clientId":...}}; the one that succeeds is active, the others watch the node and try again once it is
 * deleted (the previous owner at once, the others after {@link #STANDBY_DELAY}; Canal waits 5 s). So a Canal
 * client and ours never consume one client id at the same time.
 *
 * <p>The lock counts as lost as soon as the ZooKeeper connection is SUSPENDED (before the session can expire
 * and a standby take over); on RECONNECTED it is taken again if the node is still this session's, or tried
 * anew. Every ZooKeeper call runs on the lock's own thread; listeners run there too. Thread-safe.
 */
final class ClientRunningLock {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRunningLock.class);
    /** How long a consumer that did not own the deleted node waits before trying to take it. */
    static final Duration STANDBY_DELAY = Duration.ofSeconds(1);

    private final CuratorFramework curator;
    private final String path;
    private final String logPrefix;
    private final byte[] data;
    private final ScheduledExecutorService worker;
    private final Runnable onChange;
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private volatile boolean held;
    private boolean ownedLast;
    private boolean closed;

    /**
     * @param worker   a single thread of the lock's own, where every ZooKeeper call of it runs
     * @param onChange told, on {@code worker}, whenever {@link #held()} changed
     */
    ClientRunningLock(CuratorFramework curator, String destination, String clientId,
                      ScheduledExecutorService worker, Runnable onChange) {
        this.curator = curator;
        this.path = path(destination, clientId);
        this.logPrefix = "[destination=" + destination + ", client=" + clientId + "]";
        this.data = nodeData(clientId);
        this.worker = worker;
        this.onChange = onChange;
        curator.getConnectionStateListenable().addListener((client, state) -> run(() -> stateChanged(state)));
    }

    /** The znode's path, relative to the connect string's chroot. */
    static String path(String destination, String clientId) {
        return "/otter/canal/destinations/" + destination + "/" + clientId + "/running";
    }

    /** Canal's {@code ClientRunningData}: a numeric client id as a number, the host's address. */
    static byte[] nodeData(String clientId) {
        String id = clientId.chars().allMatch(Character::isDigit) && clientId.length() < 6
                ? clientId : "\"" + clientId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return ("{\"active\":true,\"address\":\"" + hostAddress() + "\",\"clientId\":" + id + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hostAddress() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            return InetAddress.getLocalHost().getHostAddress() + "@" + pid;
        } catch (UnknownHostException e) {
            return "unknown@" + pid;
        }
    }

    /** Whether this consumer is the active one right now. */
    boolean held() {
        return held;
    }

    /** Completes once this consumer is the active one (at once if it is); fails when the lock is closed. */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        run(() -> {
            if (closed) {
                answer.completeExceptionally(new IllegalStateException("the client is closed"));
            } else if (held) {
                answer.complete(null);
            } else {
                waiting.add(answer);
                tryTake();
            }
        });
        return answer;
    }

    /**
     * Gives the node up if held (the client disconnected): a standby may take over. A later {@link #acquire()}
     * tries again.
     */
    void release() {
        run(() -> {
            if (held) {
                held = false;
                ownedLast = false;
                deleteOwn();
                LOG.info("{} gave up being the active consumer of this client id", logPrefix);
                onChange.run();
            }
        });
    }

    /**
     * Stops: waiting acquires fail and nothing is tried any more. The node goes with the ZooKeeper session,
     * which the caller closes next.
     */
    void close() {
        run(() -> {
            closed = true;
            held = false;
            waiting.forEach(w -> w.completeExceptionally(new IllegalStateException("the client is closed")));
            waiting.clear();
        });
    }

    private void tryTake() {
        waiting.removeIf(CompletableFuture::isDone);
        if (closed || held || waiting.isEmpty() || !curator.getZookeeperClient().isConnected()) {
            return;
        }
        try {
            curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
            becameActive();
        } catch (KeeperException.NodeExistsException e) {
            watchOwner();
        } catch (Exception e) {
            LOG.warn("{} cannot create the client running node {}: {}; trying again", logPrefix, path, e.toString());
            later(this::tryTake, STANDBY_DELAY);
        }
    }

    private void watchOwner() {
        try {
            Stat stat = curator.checkExists().usingWatcher((Watcher) this::nodeEvent).forPath(path);
            if (stat == null) {
                tryTake();
            } else if (stat.getEphemeralOwner() == sessionId()) {
                becameActive();
            } else {
                ownedLast = false;
                LOG.info("{} another consumer of this client id is active ({}): standing by", logPrefix, path);
            }
        } catch (Exception e) {
            LOG.warn("{} cannot watch the client running node {}: {}; trying again", logPrefix, path, e.toString());
            later(this::tryTake, STANDBY_DELAY);
        }
    }

    private void nodeEvent(WatchedEvent event) {
        if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
            run(() -> {
                if (!held) {
                    later(this::tryTake, ownedLast ? Duration.ZERO : STANDBY_DELAY);
                }
            });
        }
    }

    private void becameActive() {
        held = true;
        ownedLast = true;
        LOG.info("{} this consumer is now the active one of its client id ({})", logPrefix, path);
        waiting.forEach(w -> w.complete(null));
        waiting.clear();
        onChange.run();
    }

    private void stateChanged(ConnectionState state) {
        if (!state.isConnected() && held) {
            held = false;
            LOG.warn("{} ZooKeeper connection {}: no longer the active consumer of this client id", logPrefix, state);
            onChange.run();
        } else if (state.isConnected() && !held && !closed) {
            tryTake();
        }
    }

    private void deleteOwn() {
        try {
            Stat stat = curator.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == sessionId()) {
                curator.delete().withVersion(stat.getVersion()).forPath(path);
            }
        } catch (Exception e) {
            LOG.debug("{} could not delete {} on close: {}", logPrefix, path, e.toString());
        }
    }

    private long sessionId() throws Exception {
        return curator.getZookeeperClient().getZooKeeper().getSessionId();
    }

    private void later(Runnable task, Duration delay) {
        try {
            worker.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} lock thread stopped", logPrefix);
        }
    }

    private void run(Runnable task) {
        later(task, Duration.ZERO);
    }
}
