package io.collector.server.snapshot;

import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.source.SourceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** The snapshot's and the backfill's own SQL connections to the destination's source. */
final class SourceConnections {

    private SourceConnections() {
    }

    /** A new connection to the source of {@code config}, with its credentials, TLS and connect timeout. */
    static Connection open(ParserConfig config) throws SQLException {
        return SourceDatabase.open(config.host(), config.port(), config.user(), config.password(), config.tls(),
                Map.of("connectTimeout", Long.toString(config.connectTimeout().toMillis())));
    }

    /** Closes {@code connection} if there is one; it is thrown away either way, so a failure to close is ignored. */
    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // thrown away either way (a read-only transaction ends with it)
        }
    }
}
