package io.collector.server.admin;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import io.collector.server.error.CollectorException;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.SourceConnections;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.LogPosition;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the first transaction that began at or after a time in the source's binlog: the newest binlog file that
 * began at or before it, then a dump from there that stops at the first transaction start (GTID event, BEGIN, or a
 * statement outside a transaction) stamped at or after it. With none, the source's current position. Uses the
 * destination's replica server id, so it must run while the destination is stopped.
 */
final class TimestampLocator {

    private static final long FIRST_EVENT = 4;
    private static final long SCAN_LIMIT_MS = 120_000;
    private static final Set<EventType> SKIPPED = Set.of(EventType.WRITE_ROWS, EventType.EXT_WRITE_ROWS,
            EventType.PRE_GA_WRITE_ROWS, EventType.UPDATE_ROWS, EventType.EXT_UPDATE_ROWS,
            EventType.PRE_GA_UPDATE_ROWS, EventType.DELETE_ROWS, EventType.EXT_DELETE_ROWS,
            EventType.PRE_GA_DELETE_ROWS, EventType.ROWS_QUERY);
    private static final Set<EventType> TRANSACTION_STARTS = Set.of(EventType.GTID, EventType.ANONYMOUS_GTID,
            EventType.MARIADB_GTID);

    private final ParserConfig config;

    TimestampLocator(ParserConfig config) {
        this.config = config;
    }

    /** The position of the first transaction at or after {@code timestampMs}. */
    LogPosition locate(long timestampMs) {
        try (SourceDatabase db = SourceConnections.database(config)) {
            List<SourceDatabase.BinlogFile> files = db.binaryLogs();
            SourceDatabase.BinlogFile end = db.currentPosition();
            String from = files.get(0).name();
            for (int i = files.size() - 1; i > 0; i--) {
                if (scan(files.get(i).name(), end, Long.MIN_VALUE).timestamp() <= timestampMs) {
                    from = files.get(i).name();
                    break;
                }
            }
            return scan(from, end, timestampMs);
        }
    }

    /**
     * Reads from {@code journal}:4 up to {@code end}; returns the first transaction start stamped at or after
     * {@code timestampMs} (with that stamp), or {@code end}. {@code Long.MIN_VALUE} gives the file's first event.
     */
    private LogPosition scan(String journal, SourceDatabase.BinlogFile end, long timestampMs) {
        BinaryLogClient client = SourceConnections.binlogClient(config);
        client.setServerId(config.serverId());
        client.setKeepAlive(false);
        client.setBinlogFilename(journal);
        client.setBinlogPosition(FIRST_EVENT);
        EventDeserializer deserializer = new EventDeserializer();
        SKIPPED.forEach(type -> deserializer.setEventDataDeserializer(type, new NullEventDataDeserializer()));
        client.setEventDeserializer(deserializer);
        CompletableFuture<LogPosition> found = new CompletableFuture<>();
        client.registerEventListener(new Scanner(journal, end, timestampMs, found)::onEvent);
        try {
            client.connect(config.connectTimeout().toMillis());
            return found.get(SCAN_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (IOException | TimeoutException | ExecutionException e) {
            throw new CollectorException("[destination=" + config.destination() + "] cannot read the binlog of "
                    + config.host() + ":" + config.port() + " from " + journal + " to find a timestamp: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectorException("interrupted while reading " + journal, false, e);
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // done with this connection either way
            }
        }
    }

    /** Follows transaction boundaries through the events of one dump. */
    private static final class Scanner {

        private final SourceDatabase.BinlogFile end;
        private final long timestampMs;
        private final CompletableFuture<LogPosition> found;
        private String journal;
        private boolean atBoundary = true;

        Scanner(String journal, SourceDatabase.BinlogFile end, long timestampMs, CompletableFuture<LogPosition> found) {
            this.journal = journal;
            this.end = end;
            this.timestampMs = timestampMs;
            this.found = found;
        }

        void onEvent(Event event) {
            EventHeaderV4 header = event.getHeader();
            EventType type = header.getEventType();
            if (type == EventType.ROTATE) {
                journal = ((RotateEventData) event.getData()).getBinlogFilename();
                atBoundary = true;
                return;
            }
            if (timestampMs == Long.MIN_VALUE && header.getTimestamp() > 0) {
                found.complete(new LogPosition(journal, FIRST_EVENT, 0, header.getTimestamp(), ""));
                return;
            }
            boolean starts = TRANSACTION_STARTS.contains(type) || type == EventType.QUERY;
            if (atBoundary && starts && header.getTimestamp() >= timestampMs) {
                found.complete(new LogPosition(journal, header.getPosition(), 0, header.getTimestamp(), ""));
            }
            boundaryAfter(event, type);
            if (journal.equals(end.name()) && header.getNextPosition() >= end.size()) {
                found.complete(LogPosition.of(end.name(), end.size()));
            }
        }

        private void boundaryAfter(Event event, EventType type) {
            if (TRANSACTION_STARTS.contains(type)) {
                atBoundary = false;
            } else if (type == EventType.XID) {
                atBoundary = true;
            } else if (type == EventType.QUERY) {
                String sql = ((QueryEventData) event.getData()).getSql();
                atBoundary = !"BEGIN".equalsIgnoreCase(sql.strip());
            }
        }
    }
}
