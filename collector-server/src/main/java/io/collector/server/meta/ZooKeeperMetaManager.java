package io.collector.server.meta;

import io.collector.server.error.CollectorException;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.lifecycle.Shutdowns;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * per period; with period 0 each change is written before the changing call returns. Only what changed since the
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

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMetaManager.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final CuratorFramework client;
    private final ZkMetaConfig config;
    private final ZkMetaSync sync;
    private final Predicate<String> mayWrite;
    private final Object ioLock = new Object();
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedFlushes = new AtomicLong();
    private ScheduledExecutorService flusher;

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
        this.client = client;
        this.config = config;
        this.sync = new ZkMetaSync(new ZkMetaStore(client, config.root()));
        this.mayWrite = mayWrite;
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

    /** How many background flushes failed since the start (each is retried at the next period). */
    public long failedFlushes() {
        return failedFlushes.get();
    }

    @Override
    protected void doStart() {
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
                writePending(destination);
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
        if (config.flushPeriodMs() == 0 || !isRunning()) {
            writePending(destination);
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

    private void writePending(String destination) {
        synchronized (ioLock) {
            if (!mayWrite.test(destination) || !dirty.remove(destination)) {
                return;
            }
            try {
                sync.write(destination, table().snapshot(destination));
            } catch (RuntimeException e) {
                dirty.add(destination);
                throw e;
            }
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
