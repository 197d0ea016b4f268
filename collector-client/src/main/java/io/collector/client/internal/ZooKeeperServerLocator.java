package io.collector.client.internal;

import io.collector.client.ConnectionLostException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the server running a destination in ZooKeeper, as Canal's cluster connector does: the address in the
 * EPHEMERAL {@code /otter/canal/destinations/{destination}/running} znode, kept up to date by a
 * {@link CuratorCache} on that one node.
 *
 * <p><b>No running server.</b> Unlike Canal, which falls back to the first of the destination's
 * {@code cluster} nodes, {@link #locate()} then waits, at most the client's connect timeout, for a server to
 * take the destination over, and otherwise fails naming the destination and the znode: a standby server
 * hosts the destination but does not run it, so connecting there would only give refusals. The client's
 * reconnect policy bounds how often it asks again.
 *
 * <p><b>Changes.</b> Every create, change or delete of the znode signals the {@link #onChange(Runnable)}
 * listener as soon as ZooKeeper's watch fires; waiting {@code locate()}s complete at once when a server
 * appears. While the ZooKeeper connection is down the last known address is kept.
 *
 * <p><b>One active consumer per client id.</b> Before it answers, {@link #locate()} makes this client the active
 * consumer of its client id through Canal's client running znode ({@link ClientRunningLock}); a standby's
 * {@code locate()} waits, without a time limit while ZooKeeper is reachable, until the active one goes.
 * {@link #current()} is empty and {@link #active()} false while this client is not the active one, so a
 * connected client that loses the node (its ZooKeeper connection suspended) stops consuming at once.
 *
 * <p><b>Threads.</b> Curator is started by the first {@code locate()}; its threads are named
 * {@code collector-client-<destination>-zk-N} (ZooKeeper's own I/O threads take the name of the thread that
 * started it, plus {@code -SendThread}/{@code -EventThread}). Cache events and listeners run on Curator's
 * thread; {@code locate()} timeouts run on the given scheduler (the client's event loop). Thread-safe.
 */
public final class ZooKeeperServerLocator implements ServerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperServerLocator.class);

    private final String logPrefix;
    private final String destination;
    private final String path;
    private final String connectString;
    private final Duration wait;
    private final ScheduledExecutorService timer;
    private final ExecutorService notifier;
    private final CuratorFramework curator;
    private final CuratorCache cache;
    private final ScheduledExecutorService lockThread;
    private final ClientRunningLock clientLock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Set<CompletableFuture<InetSocketAddress>> waiting = new LinkedHashSet<>();
    private volatile InetSocketAddress running;
    private String unusable;
    private boolean loaded;
    private boolean started;
    private boolean closed;

    /**
     * Creates the locator; nothing connects to ZooKeeper before the first {@link #locate()}.
     *
     * @param zookeeper   how to reach ZooKeeper
     * @param destination the destination whose running server to find
     * @param clientId    the client id of which this client is one consumer
     * @param wait        how long {@code locate()} waits for a running server (the client's connect timeout)
     * @param timer       runs the {@code locate()} timeouts
     */
    public ZooKeeperServerLocator(ZooKeeperSettings zookeeper, String destination, String clientId, Duration wait,
                                  ScheduledExecutorService timer) {
        this.logPrefix = "[destination=" + destination + "]";
        this.destination = destination;
        this.path = RunningNode.path(destination);
        this.connectString = zookeeper.connectString();
        this.wait = wait;
        this.timer = timer;
        NamedThreadFactory threads = new NamedThreadFactory("collector-client-" + destination + "-zk");
        // Curator never shuts down the notification executor it would create itself; this one is ours to stop.
        this.notifier = Executors.newSingleThreadExecutor(threads);
        this.curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(millis(zookeeper.sessionTimeout()))
                .connectionTimeoutMs(millis(zookeeper.connectionTimeout()))
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 5_000))
                .threadFactory(threads)
                .runSafeService(notifier)
                .build();
        this.cache = CuratorCache.build(curator, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, node) -> update(node.getData()))
                .forDeletes(node -> update(null))
                .forInitialized(this::loaded)
                .build());
        curator.getConnectionStateListenable().addListener((client, state) -> connectionStateChanged(state));
        this.lockThread = Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("collector-client-" + destination + "-zk-lock"));
        this.clientLock = new ClientRunningLock(curator, destination, clientId, lockThread,
                () -> listeners.forEach(Runnable::run));
    }

    private static int millis(Duration duration) {
        return (int) Math.min(duration.toMillis(), Integer.MAX_VALUE);
    }

    /**
     * Once this client is the active consumer of its client id, answers the running server's address at once if
     * known, else when one appears; fails with a non-retriable {@link ConnectionLostException} after the wait
     * (for the node too while ZooKeeper cannot be reached), or at once when closed.
     */
    @Override
    public CompletableFuture<InetSocketAddress> locate() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(failure("the client is closed"));
            }
            try {
                startOnce();
            } catch (ConnectionLostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return activeConsumer().thenCompose(active -> locateServer());
    }

    private CompletableFuture<Void> activeConsumer() {
        CompletableFuture<Void> acquired = clientLock.acquire();
        if (acquired.isDone()) {
            return acquired.exceptionally(this::closedFailure);
        }
        CompletableFuture<Void> answer = acquired.exceptionally(this::closedFailure);
        ScheduledFuture<?> timeout = timer.schedule(() -> {
            if (!curator.getZookeeperClient().isConnected()) {
                String why;
                synchronized (lock) {
                    why = whyNone();
                }
                answer.completeExceptionally(failure(why + "; nor could it take the client running node"));
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((ok, error) -> timeout.cancel(false));
        return answer;
    }

    private Void closedFailure(Throwable error) {
        throw failure("the client is closed");
    }

    private CompletableFuture<InetSocketAddress> locateServer() {
        CompletableFuture<InetSocketAddress> answer = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(failure("the client is closed"));
            }
            if (running != null) {
                return CompletableFuture.completedFuture(running);
            }
            waiting.add(answer);
        }
        ScheduledFuture<?> timeout = timer.schedule(() -> timedOut(answer), wait.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((address, error) -> timeout.cancel(false));
        return answer;
    }

    @Override
    public Optional<InetSocketAddress> current() {
        return clientLock.held() ? Optional.ofNullable(running) : Optional.empty();
    }

    @Override
    public boolean active() {
        return clientLock.held();
    }

    @Override
    public void release() {
        clientLock.release();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Fails waiting {@code locate()}s and closes the cache and the ZooKeeper session. Idempotent. */
    @Override
    public void close() {
        List<CompletableFuture<InetSocketAddress>> orphans;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            orphans = drainWaiting();
        }
        orphans.forEach(answer -> answer.completeExceptionally(failure("the client is closed")));
        clientLock.close();
        try {
            cache.close();
            curator.close();
        } catch (RuntimeException e) {
            LOG.warn("{} closing the ZooKeeper client failed: {}", logPrefix, e.toString());
        } finally {
            notifier.shutdown();
            lockThread.shutdown();
        }
    }

    private void startOnce() {
        if (!started) {
            started = true;
            LOG.info("{} looking up the server running destination {} in ZooKeeper {} at {}", logPrefix, destination,
                    connectString, path);
            try {
                curator.start();
                cache.start();
            } catch (RuntimeException e) {
                throw new ConnectionLostException(logPrefix + " cannot start the ZooKeeper client for " + connectString
                        + ": " + e.getMessage(), e, false);
            }
        }
    }

    private void update(byte[] data) {
        InetSocketAddress address = null;
        String problem = null;
        if (data != null) {
            try {
                address = RunningNode.parse(data).orElse(null);
                problem = address == null ? "it says the destination is not active" : null;
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        List<CompletableFuture<InetSocketAddress>> answered;
        synchronized (lock) {
            running = address;
            unusable = problem;
            answered = address == null ? List.of() : drainWaiting();
        }
        logUpdate(address, problem);
        for (CompletableFuture<InetSocketAddress> answer : answered) {
            answer.complete(address);
        }
        listeners.forEach(Runnable::run);
    }

    private void loaded() {
        synchronized (lock) {
            loaded = true;
        }
    }

    private void logUpdate(InetSocketAddress address, String problem) {
        if (address != null) {
            LOG.info("{} ZooKeeper says the destination runs on {}", logPrefix, Connection.hostAndPort(address));
        } else if (problem != null) {
            LOG.warn("{} ZooKeeper node {} is not usable: {}", logPrefix, path, problem);
        } else {
            LOG.info("{} ZooKeeper node {} is gone: no server runs the destination right now", logPrefix, path);
        }
    }

    private void timedOut(CompletableFuture<InetSocketAddress> answer) {
        String why;
        synchronized (lock) {
            if (!waiting.remove(answer)) {
                return;
            }
            why = whyNone();
        }
        answer.completeExceptionally(failure(why));
    }

    /** Says why there is no address; called under the lock. */
    private String whyNone() {
        boolean connected = curator.getZookeeperClient().isConnected();
        String where = "ZooKeeper node " + path + " (ZooKeeper " + connectString + ")";
        String waited = " within " + wait.toMillis() + " ms (the connect timeout)";
        if (!loaded) {
            return "cannot find the server running destination " + destination + ": could not read " + where + waited
                    + (connected ? "" : ": no connection to ZooKeeper");
        }
        if (unusable != null) {
            return "no server runs destination " + destination + ": " + where + " is not usable, " + unusable
                    + "; no usable running server appeared" + waited;
        }
        return "no server runs destination " + destination + ": " + where + " does not exist and no server took "
                + "the destination over" + waited + (connected ? "" : "; the client has no connection to ZooKeeper");
    }

    private ConnectionLostException failure(String why) {
        return new ConnectionLostException(logPrefix + " " + why, null, false);
    }

    private List<CompletableFuture<InetSocketAddress>> drainWaiting() {
        List<CompletableFuture<InetSocketAddress>> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }

    private void connectionStateChanged(ConnectionState state) {
        if (state.isConnected()) {
            LOG.info("{} ZooKeeper connection {} ({})", logPrefix, state, connectString);
        } else {
            LOG.warn("{} ZooKeeper connection {} ({}); keeping the last known running server {}", logPrefix, state,
                    connectString, running == null ? "(none)" : Connection.hostAndPort(running));
        }
    }
}
