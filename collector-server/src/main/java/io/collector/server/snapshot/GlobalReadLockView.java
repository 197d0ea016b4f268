package io.collector.server.snapshot;

import io.collector.server.error.CollectorException;
import io.collector.server.position.LogPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read view of a server that does not report its position (MySQL), as {@code mysqldump --single-transaction
 * --source-data} opens it: {@code FLUSH TABLES WITH READ LOCK} stops every commit, the view is opened and the
 * binlog position read ({@code SHOW MASTER STATUS}, {@code SHOW BINARY LOG STATUS} on MySQL 8.4+; the GTID set
 * from {@code @@GLOBAL.gtid_executed} on MySQL, {@code BINLOG_GTID_POS} on MariaDB), then {@code UNLOCK TABLES}
 * ends the lock and keeps the transaction. Writes wait only for that moment (and FLUSH waits for statements
 * running when it starts). Needs the {@code RELOAD} privilege.
 */
final class GlobalReadLockView implements ReadView {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalReadLockView.class);
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: the user lacks a global privilege (here RELOAD). */
    private static final int SPECIFIC_ACCESS_DENIED = 1227;

    private final String destination;
    private final boolean mariadb;

    GlobalReadLockView(String destination, boolean mariadb) {
        this.destination = destination;
        this.mariadb = mariadb;
    }

    @Override
    public LogPosition open(Connection connection, boolean gtid) throws SQLException {
        try (Statement st = connection.createStatement()) {
            long asked = System.nanoTime();
            lock(st);
            long locked = System.nanoTime();
            try {
                st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                return position(st, gtid);
            } finally {
                st.execute("UNLOCK TABLES");
                LOG.info("[destination={}] snapshot: global read lock taken in {} ms, held {} ms", destination,
                        TimeUnit.NANOSECONDS.toMillis(locked - asked),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - locked));
            }
        }
    }

    private void lock(Statement st) throws SQLException {
        try {
            st.execute("FLUSH TABLES WITH READ LOCK");
        } catch (SQLException e) {
            if (e.getErrorCode() != SPECIFIC_ACCESS_DENIED) {
                throw e;
            }
            throw new CollectorException("[destination=" + destination + "] the snapshot's read view needs FLUSH"
                    + " TABLES WITH READ LOCK (collector.instance.snapshot.locking is global-read-lock, or auto on a"
                    + " server that is not MariaDB), so the source user needs the RELOAD privilege: "
                    + e.getMessage(), false, e);
        }
    }

    private LogPosition position(Statement st, boolean gtid) throws SQLException {
        String file;
        long offset;
        try (ResultSet rs = binlogStatus(st)) {
            if (!rs.next()) {
                throw new CollectorException("[destination=" + destination + "] the source returned no binlog"
                        + " status for the snapshot: is log_bin enabled?", false);
            }
            file = rs.getString(1);
            offset = rs.getLong(2);
        }
        String gtidSet = !gtid ? "" : mariadb ? ReadView.mariadbGtidAt(st.getConnection(), file, offset)
                : gtidExecuted(st);
        return new LogPosition(file, offset, 0, System.currentTimeMillis(), gtidSet);
    }

    private static ResultSet binlogStatus(Statement st) throws SQLException {
        try {
            return st.executeQuery("SHOW MASTER STATUS");
        } catch (SQLException e) {
            // MySQL 8.4 removed SHOW MASTER STATUS
            return st.executeQuery("SHOW BINARY LOG STATUS");
        }
    }

    private static String gtidExecuted(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            String set = rs.next() ? rs.getString(1) : null;
            return set == null ? "" : set.replaceAll("\\s", "");
        }
    }
}
