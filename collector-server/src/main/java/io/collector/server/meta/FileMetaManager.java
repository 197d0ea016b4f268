package io.collector.server.meta;

import io.collector.server.error.CollectorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetaManager} that keeps each destination in {@code <dataDir>/<destination>/meta.json}.
 *
 * <p>On start it reads every such file. With a flush period above 0 a thread named
 * {@code collector-meta-flush} writes the changed destinations once per period; with period 0 (the default) each
 * change is written before the changing call returns, as a group commit: changes made while a write of the same
 * destination is in progress are written together by the next write, and at most one write per destination is
 * in progress at a time. {@link #flush()} and {@link #stop()} write everything pending.
 * A write failure in the background is logged and retried at the next period; one in {@code flush()} or
 * write-through is thrown to the caller as a retriable {@link CollectorException}; one in {@code stop()} is
 * logged as an error (the acknowledgements since the last write are then delivered again after a restart).
 */
public final class FileMetaManager extends AbstractMetaManager {

    static final String FILE_NAME = "meta.json";
    static final String FLUSH_THREAD = "collector-meta-flush";

    private static final Logger LOG = LoggerFactory.getLogger(FileMetaManager.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final long STOP_WAIT_SECONDS = 10;

    private final FileMetaConfig config;
    private final MetaFileCodec codec = new MetaFileCodec();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> writeLocks = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public FileMetaManager(FileMetaConfig config) {
        this.config = config;
    }

    /** The file holding {@code destination}'s subscriptions. */
    public Path file(String destination) {
        return config.dataDir().resolve(destination).resolve(FILE_NAME);
    }

    @Override
    protected void doStart() {
        loadAll();
        if (config.flushPeriodMs() > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(FileMetaManager::flushThread);
            flusher.scheduleWithFixedDelay(this::flushInBackground, config.flushPeriodMs(), config.flushPeriodMs(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("File meta manager started in {} (flush period {} ms, {} destinations read)", config.dataDir(),
                config.flushPeriodMs(), table().destinations().size());
    }

    @Override
    protected void doStop() {
        if (flusher != null) {
            stopFlusher();
        }
        try {
            flush();
            LOG.info("File meta manager stopped");
        } catch (RuntimeException e) {
            LOG.error("File meta manager stopped without writing the cursors of {} to {}: consumers will "
                    + "receive again what they acknowledged since the last write", dirty, config.dataDir(), e);
        }
    }

    @Override
    void changed(String destination) {
        dirty.add(destination);
        if (config.flushPeriodMs() == 0) {
            writePending(destination);
        } else if (!isRunning()) {
            flush();
        }
    }

    @Override
    void checkDestination(String destination) {
        super.checkDestination(destination);
        if (!SAFE_NAME.matcher(destination).matches() || destination.equals(".") || destination.equals("..")) {
            throw new IllegalArgumentException("destination name " + destination
                    + " cannot be a directory name: use letters, digits, '_', '-' and '.'");
        }
    }

    @Override
    public void flush() {
        for (String destination : List.copyOf(dirty)) {
            writePending(destination);
        }
    }

    /**
     * Writes {@code destination} if a change is pending. The pending mark is taken under the destination's lock
     * and before the snapshot, so a change whose mark a write took is in that write's snapshot: its caller
     * returns once that write is done, without a write of its own.
     */
    private void writePending(String destination) {
        synchronized (writeLocks.computeIfAbsent(destination, d -> new Object())) {
            if (!dirty.remove(destination)) {
                return;
            }
            try {
                codec.write(file(destination), destination, table().snapshot(destination));
            } catch (RuntimeException e) {
                dirty.add(destination);
                throw e;
            }
        }
    }

    private void flushInBackground() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Meta flush to {} failed, retrying in {} ms", config.dataDir(), config.flushPeriodMs(), e);
        }
    }

    private void loadAll() {
        try {
            Files.createDirectories(config.dataDir());
            try (Stream<Path> dirs = Files.list(config.dataDir())) {
                dirs.filter(dir -> Files.isRegularFile(dir.resolve(FILE_NAME))).forEach(this::load);
            }
        } catch (IOException e) {
            throw new CollectorException("Cannot read meta data directory " + config.dataDir() + ": " + e, false, e);
        }
    }

    private void load(Path dir) {
        String destination = dir.getFileName().toString();
        table().load(destination, codec.read(dir.resolve(FILE_NAME), destination));
        LOG.info("[destination={}] read {} subscriptions from {}", destination,
                table().subscriptions(destination).size(), dir.resolve(FILE_NAME));
    }

    private void stopFlusher() {
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop within {} s", FLUSH_THREAD, STOP_WAIT_SECONDS);
                flusher.shutdownNow();
            }
        } catch (InterruptedException e) {
            flusher.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Thread flushThread(Runnable task) {
        Thread thread = new Thread(task, FLUSH_THREAD);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in {}", t.getName(), e));
        return thread;
    }
}
