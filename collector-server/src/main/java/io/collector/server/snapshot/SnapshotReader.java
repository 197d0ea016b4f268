package io.collector.server.snapshot;

import io.collector.server.error.CollectorException;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.convert.Value;
import io.collector.server.parser.schema.history.ServerFlavor;
import io.collector.server.position.LogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshot's own connection to the source, holding one consistent read view whose binlog position is known
 * ({@link ReadView}: without a lock on MariaDB, under a brief global read lock on MySQL). Every chunk is read in
 * that view. Used from the parser thread only.
 */
final class SnapshotReader implements AutoCloseable {

    /** Rows fetched from the server at a time while a table is read in one chunk. */
    private static final int FETCH_ROWS = 1024;
    /** How long the server waits for the snapshot to take more of a streamed result (a full store holds it). */
    private static final int NET_WRITE_TIMEOUT_S = 3600;

    private final ParserConfig config;
    private final SnapshotLocking locking;
    private Connection connection;

    /** A reader with {@link SnapshotLocking#AUTO}. */
    SnapshotReader(ParserConfig config) {
        this(config, SnapshotLocking.AUTO);
    }

    SnapshotReader(ParserConfig config, SnapshotLocking locking) {
        this.config = config;
        this.locking = locking;
    }

    /** Opens the read view and returns its binlog position (with its GTID position when {@code gtid}). */
    LogPosition begin(boolean gtid) {
        try {
            connection = SourceConnections.open(config);
            try (Statement st = connection.createStatement()) {
                // a table read in one streamed query waits while the store is full; the server must wait too
                st.execute("SET SESSION net_write_timeout = " + NET_WRITE_TIMEOUT_S);
                st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            return ReadView.of(locking, mariadb(), config.destination()).open(connection, gtid);
        } catch (SQLException e) {
            throw new CollectorException("[destination=" + config.destination() + "] cannot open a consistent snapshot"
                    + " on " + config.host() + ":" + config.port() + ": " + e.getMessage(), true, e);
        }
    }

    /** Opens the connection without a read view: each query of a backfill chunk reads the latest committed rows. */
    void open() {
        try {
            connection = SourceConnections.open(config);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new CollectorException("[destination=" + config.destination() + "] cannot connect to "
                    + config.host() + ":" + config.port() + " for a backfill: " + e.getMessage(), true, e);
        }
    }

    private boolean mariadb() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            return rs.next() && ServerFlavor.of(rs.getString(1)).mariadb();
        }
    }

    /**
     * Reads rows of {@code table} in key order after {@code after} (null: from the first), at most {@code limit}
     * (0: all), handing them to {@code rows} in segments of at most {@code segmentRows}.
     *
     * @return how many rows were read
     */
    long read(SnapshotTable table, List<String> after, int limit, int segmentRows, Segments rows)
            throws InterruptedException {
        return read(table, after, "", limit, segmentRows, rows);
    }

    /** {@link #read(SnapshotTable, List, int, int, Segments)} of the rows that match {@code where} ("" for all). */
    long read(SnapshotTable table, List<String> after, String where, int limit, int segmentRows, Segments rows)
            throws InterruptedException {
        String sql = SnapshotSql.chunk(table, after != null, limit, where);
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setFetchSize(limit > 0 ? 0 : FETCH_ROWS);
            if (after != null) {
                bindBound(st, table, after);
            }
            try (ResultSet rs = st.executeQuery()) {
                return drain(rs, table, segmentRows, rows);
            }
        } catch (SQLException e) {
            throw new CollectorException("[destination=" + config.destination() + "] cannot read "
                    + table.qualifiedName() + " for the snapshot: " + e.getMessage() + " (" + sql + ")", true, e);
        }
    }

    private static void bindBound(PreparedStatement st, SnapshotTable table, List<String> after) throws SQLException {
        int[] params = SnapshotSql.boundParameters(table.key().size());
        for (int p = 0; p < params.length; p++) {
            table.columns().get(table.key().get(params[p])).bind(st, p + 1, after.get(params[p]));
        }
    }

    private static long drain(ResultSet rs, SnapshotTable table, int segmentRows, Segments rows)
            throws SQLException, InterruptedException {
        List<SnapshotColumn> columns = table.columns();
        List<Value[]> segment = new ArrayList<>();
        long count = 0;
        while (rs.next()) {
            Value[] row = new Value[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = columns.get(i).read(rs, i + 1);
            }
            segment.add(row);
            count++;
            if (segment.size() == segmentRows) {
                rows.accept(segment);
                segment = new ArrayList<>();
            }
        }
        if (!segment.isEmpty()) {
            rows.accept(segment);
        }
        return count;
    }

    /** Whether a row with this key exists in the read view (key values as the binlog's value texts). */
    boolean exists(SnapshotTable table, List<String> key) {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM ").append(SnapshotSql.quote(table.schema())).append('.')
                .append(SnapshotSql.quote(table.table())).append(" WHERE ");
        for (int i = 0; i < table.key().size(); i++) {
            sql.append(i == 0 ? "" : " AND ")
                    .append(SnapshotSql.quote(table.columns().get(table.key().get(i)).schema().name())).append(" = ?");
        }
        try (PreparedStatement st = connection.prepareStatement(sql.append(" LIMIT 1").toString())) {
            for (int i = 0; i < key.size(); i++) {
                table.columns().get(table.key().get(i)).bind(st, i + 1, key.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new CollectorException("[destination=" + config.destination() + "] cannot look up a key of "
                    + table.qualifiedName() + " in the snapshot's read view: " + e.getMessage(), true, e);
        }
    }

    /** Ends the read view and closes the connection. */
    @Override
    public void close() {
        SourceConnections.closeQuietly(connection);
        connection = null;
    }

    /** Takes the rows read, a segment at a time. */
    @FunctionalInterface
    interface Segments {
        void accept(List<Value[]> rows) throws InterruptedException;
    }
}
