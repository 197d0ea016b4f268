package io.collector.server.snapshot;

import io.collector.server.position.LogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Opens the consistent read view of a snapshot on its connection and tells where in the binlog it stands: every
 * transaction committed before that position is visible in the view, none after it.
 */
interface ReadView {

    /**
     * Starts the REPEATABLE READ transaction with a consistent snapshot on {@code connection}.
     *
     * @param gtid whether to return the view's GTID position too
     * @return the binlog position of the view
     */
    LogPosition open(Connection connection, boolean gtid) throws SQLException;

    /** The read view for this locking on a server of this flavor. */
    static ReadView of(SnapshotLocking locking, boolean mariadb, String destination) {
        return switch (locking.resolve(mariadb)) {
            case NONE -> new ConsistentSnapshotView(destination);
            case GLOBAL_READ_LOCK -> new GlobalReadLockView(destination, mariadb);
            case AUTO -> throw new IllegalStateException("unresolved snapshot locking");
        };
    }

    /** MariaDB's GTID position at a binlog position, "" when the server has none. */
    static String mariadbGtidAt(Connection connection, String file, long offset) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            st.setString(1, file);
            st.setLong(2, offset);
            try (ResultSet rs = st.executeQuery()) {
                String pos = rs.next() ? rs.getString(1) : null;
                return pos == null ? "" : pos;
            }
        }
    }
}
