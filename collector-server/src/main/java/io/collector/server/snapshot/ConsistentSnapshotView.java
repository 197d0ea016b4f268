package io.collector.server.snapshot;

import io.collector.server.error.CollectorException;
import io.collector.server.position.LogPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The read view without any lock: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT}, whose binlog position
 * MariaDB (and Percona Server) report in the status variables {@code binlog_snapshot_file} and
 * {@code binlog_snapshot_position}; in GTID mode {@code BINLOG_GTID_POS} gives its GTID position (MariaDB).
 */
final class ConsistentSnapshotView implements ReadView {

    private final String destination;

    ConsistentSnapshotView(String destination) {
        this.destination = destination;
    }

    @Override
    public LogPosition open(Connection connection, boolean gtid) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
        Map<String, String> status = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
            }
        }
        String file = status.get("binlog_snapshot_file");
        String offset = status.get("binlog_snapshot_position");
        if (file == null || file.isEmpty() || offset == null) {
            throw new CollectorException("[destination=" + destination + "] the source reports no"
                    + " binlog_snapshot_file/position: a snapshot without a lock needs MariaDB with log_bin enabled;"
                    + " on MySQL set collector.instance.snapshot.locking to auto or global-read-lock", false);
        }
        long at = Long.parseLong(offset);
        String gtidPos = gtid ? ReadView.mariadbGtidAt(connection, file, at) : "";
        return new LogPosition(file, at, 0, System.currentTimeMillis(), gtidPos);
    }
}
