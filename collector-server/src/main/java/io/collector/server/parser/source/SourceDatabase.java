package io.collector.server.parser.source;

import io.collector.server.error.CollectorException;
import io.collector.server.position.SourceStamp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parser's SQL connection to the source: server variables, binlog files, table columns. One lazily
 * opened JDBC connection, reopened after a failure, with the destination's {@link SourceTls} (see
 * {@link SourceJdbcOptions}). Used from the parser thread only.
 */
public final class SourceDatabase implements AutoCloseable {

    /** One row of {@code SHOW BINARY LOGS}. */
    public record BinlogFile(String name, long size) {
    }

    private final SourceJdbcOptions options;
    private String url;
    private String address;
    private Connection connection;

    /** Without TLS. */
    public SourceDatabase(String host, int port, String user, String password) {
        this(host, port, user, password, SourceTls.DISABLED);
    }

    public SourceDatabase(String host, int port, String user, String password, SourceTls tls) {
        this.options = new SourceJdbcOptions(host + ":" + port, user, password, tls);
        moveTo(host, port);
    }

    /** Points this connection at another server (a source switch); the next query connects there. */
    public void moveTo(String host, int port) {
        closeQuietly();
        address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        url = "jdbc:mariadb://" + address + "/";
    }

    /** {@code host:port} of the server this connection points at. */
    public String address() {
        return address;
    }

    /** The connected server's identity: {@code @@server_id} and, on MySQL, {@code @@server_uuid}. */
    public SourceStamp identity() {
        long serverId = query("SELECT @@server_id", rs -> rs.next() ? rs.getLong(1) : 0L);
        return SourceStamp.identity(address, serverId, variable("server_uuid").orElse(""));
    }

    /** The value of a global server variable, empty if the server does not know it. */
    public Optional<String> variable(String name) {
        return query("SHOW GLOBAL VARIABLES LIKE ?", rs -> rs.next() ? Optional.of(rs.getString(2)) : Optional.empty(),
                name);
    }

    /** Every binlog file the server still has, oldest first. */
    public List<BinlogFile> binaryLogs() {
        return query("SHOW BINARY LOGS", rs -> {
            List<BinlogFile> files = new ArrayList<>();
            while (rs.next()) {
                files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
            }
            return files;
        });
    }

    /** The server's current write position as {@code file, offset}. */
    public BinlogFile currentPosition() {
        try {
            return query("SHOW MASTER STATUS", SourceDatabase::firstFileAndPosition);
        } catch (CollectorException e) {
            // MySQL 8.4 removed SHOW MASTER STATUS
            return query("SHOW BINARY LOG STATUS", SourceDatabase::firstFileAndPosition);
        }
    }

    private static BinlogFile firstFileAndPosition(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new CollectorException("the source returned no binlog status: is log_bin enabled?", false);
        }
        return new BinlogFile(rs.getString(1), rs.getLong(2));
    }

    /** Runs a query with string parameters and maps its result set. */
    public <T> T query(String sql, ResultMapper<T> mapper, String... params) {
        try {
            return runQuery(sql, mapper, params);
        } catch (SQLException first) {
            closeQuietly();
            try {
                return runQuery(sql, mapper, params);
            } catch (SQLException e) {
                throw new CollectorException("query failed on " + url + ": " + sql + ": " + e.getMessage()
                        + options.explain(e), true, e);
            }
        }
    }

    private <T> T runQuery(String sql, ResultMapper<T> mapper, String... params) throws SQLException {
        if (params.length == 0) {
            try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return mapper.map(rs);
            }
        }
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return mapper.map(rs);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connect(url, options, Map.of());
        }
        return connection;
    }

    /**
     * Opens a further connection to {@code host:port} with the source's credentials and TLS settings, and the
     * driver properties in {@code extra} (timeouts) on top; the caller closes it.
     */
    public static Connection open(String host, int port, String user, String password, SourceTls tls,
                                  Map<String, String> extra) throws SQLException {
        String address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return connect("jdbc:mariadb://" + address + "/", new SourceJdbcOptions(address, user, password, tls), extra);
    }

    private static Connection connect(String url, SourceJdbcOptions options, Map<String, String> extra)
            throws SQLException {
        try {
            return DriverManager.getConnection(url, options.properties(extra));
        } catch (SQLException e) {
            if (!options.fallBackToPlain(e)) {
                throw e;
            }
            return DriverManager.getConnection(url, options.properties(extra));
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is being thrown away after a failure
        }
        connection = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Maps a result set to a value. */
    @FunctionalInterface
    public interface ResultMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
