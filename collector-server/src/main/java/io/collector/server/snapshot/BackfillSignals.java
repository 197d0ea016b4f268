package io.collector.server.snapshot;

import io.collector.server.error.CollectorException;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.source.SourceDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Rows of the signal table, a table with Debezium's columns {@code id}, {@code type} and {@code data}: the
 * {@code execute-backfill} request and the watermarks that bound each backfill chunk in the binlog. Writes them
 * on a connection of its own, with the source's credentials.
 */
public final class BackfillSignals implements AutoCloseable {

    /** A request for a backfill; {@code data} is {@code {"table":"schema.table","where":"..."}}. */
    public static final String EXECUTE = "execute-backfill";
    /** A chunk's low watermark, written before its query. */
    static final String WINDOW_OPEN = "backfill-window-open";
    /** A chunk's high watermark, written after its query. */
    static final String WINDOW_CLOSE = "backfill-window-close";

    private final ParserConfig source;
    private final BackfillConfig config;
    private Connection connection;

    public BackfillSignals(ParserConfig source, BackfillConfig config) {
        this.source = source;
        this.config = config;
    }

    /**
     * Asks for a backfill by writing an {@code execute-backfill} row, which the destination reads from its binlog,
     * after checking that the table exists with a key the backfill reads it by and that the condition is valid.
     *
     * @return the request as the destination will read it
     * @throws IllegalArgumentException for a table or condition the backfill cannot read
     */
    public BackfillRequest request(String table, String where) {
        BackfillRequest request = new BackfillRequest("backfill-" + UUID.randomUUID(), table, where);
        try (SourceDatabase db = new SourceDatabase(source.host(), source.port(), source.user(), source.password(),
                source.tls())) {
            SnapshotTable described = new SnapshotCatalog(db, source.convert()).describe(request.table());
            checkReadable(request, described);
            if (!request.where().isEmpty()) {
                checkCondition(described, request.where());
            }
        }
        write(request.id(), EXECUTE, request.signalData());
        return request;
    }

    static void checkReadable(BackfillRequest request, SnapshotTable table) {
        if (table == null) {
            throw new IllegalArgumentException("table " + request.table() + " does not exist");
        }
        if (!table.chunked()) {
            throw new IllegalArgumentException("table " + request.table() + " has no primary key or NOT NULL unique"
                    + " key of a type the backfill can read in key ranges (integer, decimal, temporal or string)");
        }
    }

    private void checkCondition(SnapshotTable table, String where) {
        String sql = "SELECT 1 FROM " + SnapshotSql.quote(table.schema()) + "." + SnapshotSql.quote(table.table())
                + " WHERE (" + where + ") LIMIT 0";
        try (Statement st = connection().createStatement()) {
            st.executeQuery(sql).close();
        } catch (SQLException e) {
            throw new IllegalArgumentException("the condition \"" + where + "\" on " + table.qualifiedName()
                    + " is not valid: " + e.getMessage());
        }
    }

    /** Writes a signal row (its own transaction). */
    void write(String id, String type, String data) {
        String sql = "INSERT INTO " + SnapshotSql.quote(config.signalSchema()) + "."
                + SnapshotSql.quote(config.signalName()) + " (id, type, data) VALUES (?, ?, ?)";
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            st.setString(1, id);
            st.setString(2, type);
            st.setString(3, data);
            st.executeUpdate();
        } catch (SQLException e) {
            close();
            throw new CollectorException("[destination=" + source.destination() + "] cannot write a " + type
                    + " row into the signal table " + config.signalTable() + " (the source user needs INSERT on it;"
                    + " see the README): " + e.getMessage(), true, e);
        }
    }

    /** A new watermark id. */
    static String watermarkId() {
        return "wm-" + UUID.randomUUID();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = SourceConnections.open(source);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void close() {
        SourceConnections.closeQuietly(connection);
        connection = null;
    }
}
