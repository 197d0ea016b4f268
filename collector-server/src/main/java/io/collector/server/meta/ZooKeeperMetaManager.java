package io.collector.server.meta;

import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.lifecycle.Shutdowns;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetaManager} that keeps subscriptions and cursors in ZooKeeper, so that whichever server leads a
 * destination continues from what the previous leader flushed. The layout is described in {@link ZkMetaStore}
 * (Canal's {@code /otter/canal/destinations/{destination}/{clientId}/{filter,cursor}} by default).
 *
 * <p>A destination is read from ZooKeeper on its first use after {@link #start()} and cached; {@link #reload}
 * reads it again and must be called by a server that (again) becomes the leader of the destination. A read of a
 * destination that cannot be loaded throws a retriable {@link CollectorException} rather than answering "no
 * cursor". With a flush period above 0 a thread named {@value #FLUSH_THREAD} writes the changed destinations once
 * per period; with period 0 (the default) each change is written before the changing call returns, as a group
 * commit (changes made while a write is in progress are written together by the next one; one write in progress
 * at a time), and a change of a destination this server may not write is refused with a retriable
 * {@link CollectorException} (it stays pending, for a later write or {@link #reload}). Write-through runs on a
 * thread named {@value #WRITE_THREAD}; the changing call waits for it only while this server may write the
 * destination, so a write stuck on a suspended connection is answered with a retriable error as soon as the
 * leadership is gone (the write itself goes on and is fenced). Only what changed since the
 * last write is written. {@link #flush()} and {@link #stop()} write everything pending. A write failure in the
 * background is logged and retried at the next period; one in {@code flush()} or write-through is thrown to the
 * caller (retriable when ZooKeeper is unreachable) and the change stays pending, so it is written by the next
 * flush. Writes are fenced twice: a destination is written only while the {@code mayWrite} predicate allows it
 * (this server leads it), and a znode changed by another server since it was read gives a
 * {@link io.collector.server.error.FencedException}.
 * The {@link CuratorFramework} belongs to the caller, who starts it before and closes it after this manager.
 */
public final class ZooKeeperMetaManager extends AbstractMetaManager {

    static final String FLUSH_THREAD = "collector-zk-meta-flush";
    static final String WRITE_THREAD = "collector-zk-meta-write";
    /** How often a change waiting for its write checks that this server may still write the destination. */
    private static final long LEADERSHIP_CHECK_MS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMetaManager.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final CuratorFramework client;
    private final ZkMetaConfig config;
    private final ZkMetaStore store;
    private final ZkMetaSync sync;
    private final Predicate<String> mayWrite;
    private final Consumer<String> onFenced;
    private final Object ioLock = new Object();
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedFlushes = new AtomicLong();
    private ScheduledExecutorService flusher;
    private ExecutorService writer;

    /** A manager that may always write every destination (a single server, or tests). */
    public ZooKeeperMetaManager(CuratorFramework client, ZkMetaConfig config) {
        this(client, config, destination -> true);
    }

    /**
     * @param mayWrite whether this server may write a destination's znodes right now; with high availability its
     *                 election's {@code hasLeadership()}. Changes of a destination it may not write stay pending
     *                 (they are written once it may again, or dropped by {@link #reload}), so a server that lost
     *                 leadership never writes over what the next leader read.
     */
    public ZooKeeperMetaManager(CuratorFramework client, ZkMetaConfig config, Predicate<String> mayWrite) {
        this(client, config, mayWrite, destination -> { });
    }

    /**
     * @param onFenced told (on the writing thread, so it must hand real work to another) when a write of a
     *                 destination failed because another server took it over
     */
    public ZooKeeperMetaManager(CuratorFramework client, ZkMetaConfig config, Predicate<String> mayWrite,
                                Consumer<String> onFenced) {
        this.client = client;
        this.config = config;
        this.store = new ZkMetaStore(client, config.root());
        this.sync = new ZkMetaSync(store);
        this.mayWrite = mayWrite;
        this.onFenced = onFenced;
    }

    /**
     * Makes every later write of {@code destination} carry the leader's {@code fence}: a write fails with a
     * {@link FencedException} (and {@code onFenced} is told) once a later leader took over. Call it when this
     * server becomes the leader, before {@link #reload}.
     */
    public void fence(String destination, Fence fence) {
        store.fence(destination, fence);
    }

    /** The ZooKeeper client, for other per-destination state kept beside the cursors (the schema history). */
    public CuratorFramework client() {
        return client;
    }

    /** Whether this server may write {@code destination}'s state now (it leads it). */
    public boolean mayWrite(String destination) {
        return mayWrite.test(destination);
    }

    /**
     * Reads {@code destination} from ZooKeeper again, dropping what this server cached and still had pending for it
     * (left from an earlier leadership, and stale now). Call it when this server becomes the leader of the
     * destination, before reading cursors.
     *
     * @throws CollectorException retriable when ZooKeeper cannot be reached
     */
    public void reload(String destination) {
        checkDestination(destination);
        synchronized (ioLock) {
            if (dirty.remove(destination)) {
                LOG.warn("[destination={}] dropping cursor changes not written during an earlier leadership",
                        destination);
            }
            load(destination);
        }
    }

    /**
     * Writes what is pending for {@code destination}, keeping it pending when that fails: for a leader that kept
     * leadership through a suspension (unlike {@link #reload}, which drops it).
     *
     * @throws CollectorException when ZooKeeper cannot be reached, or (a {@link FencedException}) another server
     *                            took over
     */
    public void writePending(String destination) {
        if (!writePendingIfAllowed(destination)) {
            LOG.warn("[destination={}] cursor changes still pending: this server does not lead it", destination);
        }
    }

    /** How many background flushes failed since the start (each is retried at the next period). */
    public long failedFlushes() {
        return failedFlushes.get();
    }

    @Override
    protected void doStart() {
        if (config.flushPeriodMs() == 0) {
            writer = Executors.newSingleThreadExecutor(new NamedThreadFactory(WRITE_THREAD, false));
        }
        if (config.flushPeriodMs() > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory(FLUSH_THREAD, false));
            flusher.scheduleWithFixedDelay(this::flushInBackground, config.flushPeriodMs(), config.flushPeriodMs(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("ZooKeeper meta manager started under {} (flush period {} ms)", config.root(), config.flushPeriodMs());
    }

    @Override
    protected void doStop() {
        if (flusher != null) {
            Shutdowns.stop(flusher, FLUSH_THREAD, STOP_WAIT);
        }
        if (writer != null) {
            Shutdowns.stop(writer, WRITE_THREAD, STOP_WAIT);
        }
        try {
            flush();
            LOG.info("ZooKeeper meta manager stopped");
        } catch (RuntimeException e) {
            LOG.error("ZooKeeper meta manager stopped without writing the cursors of {} under {}: consumers will "
                    + "receive again what they acknowledged since the last write", dirty, config.root(), e);
        }
    }

    @Override
    public void flush() {
        RuntimeException first = null;
        for (String destination : List.copyOf(dirty)) {
            try {
                writePendingIfAllowed(destination);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    void changed(String destination) {
        dirty.add(destination);
        if (config.flushPeriodMs() == 0 && isRunning() && !writeThrough(destination)) {
            throw new CollectorException("[destination=" + destination + "] this server does not lead the"
                    + " destination (any more): the change is not written to ZooKeeper", true);
        }
        if (!isRunning()) {
            writePendingIfAllowed(destination);
        }
    }

    @Override
    void beforeAccess(String destination) {
        if (!isRunning() || loaded.contains(destination) || !isSafeName(destination)) {
            return;
        }
        synchronized (ioLock) {
            if (!loaded.contains(destination)) {
                load(destination);
            }
        }
    }

    @Override
    void checkDestination(String destination) {
        super.checkDestination(destination);
        if (!isSafeName(destination)) {
            throw new IllegalArgumentException("destination name " + destination
                    + " cannot be a znode name: use letters, digits, '_', '-' and '.'");
        }
    }

    @Override
    void checkClientId(String destination, String clientId) {
        if (!isSafeName(clientId) || ZkMetaStore.RESERVED.contains(clientId)) {
            throw new IllegalArgumentException("client id " + clientId + " of destination " + destination
                    + " cannot be a znode name beside Canal's " + ZkMetaStore.RESERVED
                    + ": use letters, digits, '_', '-' and '.'");
        }
    }

    /**
     * Writes the pending change of {@code destination} on the writer thread and waits for it while this server may
     * write the destination; false as soon as it may not (the write goes on, fenced, and the change stays pending
     * if it fails).
     */
    private boolean writeThrough(String destination) {
        Future<Boolean> write;
        try {
            write = writer.submit(() -> writePendingIfAllowed(destination));
        } catch (RejectedExecutionException e) {
            return writePendingIfAllowed(destination);
        }
        while (true) {
            try {
                return write.get(LEADERSHIP_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!mayWrite.test(destination)) {
                    return false;
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new CollectorException("[destination=" + destination + "] cursor write failed", true, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectorException("[destination=" + destination + "] interrupted while writing cursors",
                        true, e);
            }
        }
    }

    /**
     * Writes {@code destination} if a change is pending (a group commit: a change whose pending mark an earlier
     * write took is in that write's snapshot); false when a change is pending but this server may not write it.
     */
    private boolean writePendingIfAllowed(String destination) {
        synchronized (ioLock) {
            if (!mayWrite.test(destination)) {
                return !dirty.contains(destination);
            }
            if (!dirty.remove(destination)) {
                return true;
            }
            try {
                sync.write(destination, table().snapshot(destination));
            } catch (FencedException e) {
                dirty.add(destination);
                onFenced.accept(destination);
                throw e;
            } catch (RuntimeException e) {
                dirty.add(destination);
                throw e;
            }
            return true;
        }
    }

    private void load(String destination) {
        table().load(destination, sync.load(destination));
        loaded.add(destination);
        LOG.info("[destination={}] read {} subscriptions from ZooKeeper under {}", destination,
                table().subscriptions(destination).size(), config.root());
    }

    private void flushInBackground() {
        try {
            flush();
        } catch (RuntimeException e) {
            failedFlushes.incrementAndGet();
            logFailedFlush(e);
        }
    }

    private void logFailedFlush(RuntimeException failure) {
        if (failure instanceof CollectorException e && e.retriable()) {
            LOG.warn("Meta flush to ZooKeeper under {} failed (destinations {}), retrying in {} ms: {}",
                    config.root(), dirty, config.flushPeriodMs(), e.getMessage());
        } else {
            LOG.error("Meta flush to ZooKeeper under {} failed (destinations {}), retrying in {} ms",
                    config.root(), dirty, config.flushPeriodMs(), failure);
        }
    }

    private static boolean isSafeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
