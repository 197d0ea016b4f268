package io.collector.server.parser;

import io.collector.server.error.PositionNotFoundException;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a destination starts reading: the stored cursor, else the configured file:pos, GTID set or
 * timestamp, else the source's current position. Checks that the wanted binlog file still exists and applies
 * the purged-binlog policy when it does not.
 */
final class StartPositionResolver {

    private static final Logger LOG = LoggerFactory.getLogger(StartPositionResolver.class);
    private static final long FIRST_EVENT = 4;

    private final ParserConfig config;
    private final SourceDatabase db;
    private final BinlogProbe probe;

    StartPositionResolver(ParserConfig config, SourceDatabase db, BinlogProbe probe) {
        this.config = config;
        this.db = db;
        this.probe = probe;
    }

    StartPoint resolve(Optional<Cursor> cursor) {
        if (cursor.isPresent()) {
            LogPosition restart = cursor.get().restart();
            boolean byGtid = config.gtidMode() && !restart.gtidSet().isEmpty();
            return new StartPoint(byGtid ? restart : checked(restart), cursor.get().globalId(), 0);
        }
        StartConfig start = config.start();
        if (start.journal() != null && !start.journal().isEmpty()) {
            long offset = Math.max(start.position(), FIRST_EVENT);
            return new StartPoint(checked(LogPosition.of(start.journal(), offset)), -1, 0);
        }
        if (start.gtid() != null && !start.gtid().isEmpty()) {
            return new StartPoint(new LogPosition("", FIRST_EVENT, 0, 0, start.gtid()), -1, 0);
        }
        if (start.timestampMs() > 0) {
            return new StartPoint(byTimestamp(start.timestampMs()), -1, start.timestampMs());
        }
        SourceDatabase.BinlogFile current = db.currentPosition();
        return new StartPoint(LogPosition.of(current.name(), current.size()), -1, 0);
    }

    /** The position itself if its file still exists, else what the purged-binlog policy says. */
    LogPosition checked(LogPosition wanted) {
        List<SourceDatabase.BinlogFile> files = db.binaryLogs();
        if (files.stream().anyMatch(f -> f.name().equals(wanted.journal()))) {
            return wanted;
        }
        return onPurged(wanted.toString(), files.isEmpty() ? "(none)" : files.get(0).name());
    }

    /** The oldest binlog file the source still has. */
    String oldestBinlog() {
        List<SourceDatabase.BinlogFile> files = db.binaryLogs();
        return files.isEmpty() ? "(none)" : files.get(0).name();
    }

    /** Applies the purged-binlog policy for a wanted position the source no longer has. */
    LogPosition onPurged(String wanted, String oldest) {
        String what = "[destination=" + config.destination() + "] binlog position " + wanted
                + " is no longer on the source " + config.host() + ":" + config.port()
                + " (purged); the oldest binlog available is " + oldest;
        switch (config.purgedPolicy()) {
            case EARLIEST -> {
                LOG.warn("{}. Policy EARLIEST: restarting from {}:4; every change between is LOST", what, oldest);
                return LogPosition.of(oldest, FIRST_EVENT);
            }
            case LATEST -> {
                SourceDatabase.BinlogFile current = db.currentPosition();
                LOG.warn("{}. Policy LATEST: restarting from the current position {}:{}; every change before it is LOST",
                        what, current.name(), current.size());
                return LogPosition.of(current.name(), current.size());
            }
            default -> throw new PositionNotFoundException(what + ". Set the destination's start position to one"
                    + " that still exists (file:pos, GTID or timestamp) and clear its stored cursor, or set the"
                    + " purged-binlog policy to 'earliest' or 'latest' to skip the lost range knowingly.");
        }
    }

    /** The newest binlog file that began at or before {@code timestampMs}, else the oldest one. */
    private LogPosition byTimestamp(long timestampMs) {
        List<SourceDatabase.BinlogFile> files = db.binaryLogs();
        for (int i = files.size() - 1; i > 0; i--) {
            long began = probe.firstEventTimestamp(files.get(i).name());
            if (began <= timestampMs) {
                return LogPosition.of(files.get(i).name(), FIRST_EVENT);
            }
        }
        return LogPosition.of(files.get(0).name(), FIRST_EVENT);
    }
}
