package io.collector.server.parser;

import io.collector.server.error.PositionNotFoundException;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
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

    /**
     * Where the first dump begins on the server now connected, whose identity is {@code current}.
     *
     * @throws PositionNotFoundException when the cursor's binlog was reset or replaced on its own server, or the
     *                                   wanted file was purged and the policy is {@code fail}
     */
    StartPoint resolve(Optional<Cursor> cursor, SourceStamp current) {
        if (cursor.isPresent()) {
            StartPoint resume = resume(cursor.get(), current);
            LogPosition at = resume.position();
            boolean byGtid = at.journal().isEmpty() || config.gtidMode() && !at.gtidSet().isEmpty();
            return resume.newSource() || byGtid ? resume : new StartPoint(checked(at).withSource(at.source()),
                    resume.skipUpToGlobalId(), 0, false);
        }
        return new StartPoint(configured().withSource(current), -1, config.start().timestampMs(), false);
    }

    private LogPosition configured() {
        StartConfig start = config.start();
        if (start.journal() != null && !start.journal().isEmpty()) {
            return checked(LogPosition.of(start.journal(), Math.max(start.position(), FIRST_EVENT)));
        }
        if (start.gtid() != null && !start.gtid().isEmpty()) {
            return new LogPosition("", FIRST_EVENT, 0, 0, start.gtid());
        }
        if (start.timestampMs() > 0) {
            return byTimestamp(start.timestampMs());
        }
        SourceDatabase.BinlogFile now = db.currentPosition();
        return LogPosition.of(now.name(), now.size());
    }

    /**
     * Where reading continues after {@code cursor} on the server {@code current}. On the cursor's own server (or
     * for a cursor that recorded none): at its position, once checked that the binlog there was not reset. On
     * another server: after the cursor's GTID set in GTID mode, else by timestamp with the fallback interval.
     */
    StartPoint resume(Cursor cursor, SourceStamp current) {
        LogPosition restart = cursor.restart();
        SourceStamp recorded = restart.source();
        if (!recorded.known() || recorded.sameServer(current)) {
            checkNotReset(restart, current);
            SourceStamp stamp = recorded.known() ? recorded.withAddress(current.address()) : current;
            return new StartPoint(restart.withSource(stamp), cursor.globalId(), 0, false);
        }
        if (config.gtidMode() && !restart.gtidSet().isEmpty()) {
            LogPosition at = new LogPosition("", FIRST_EVENT, 0, restart.timestamp(), restart.gtidSet(), current,
                    restart.txGtid(), restart.txIndex());
            LOG.info("[destination={}] source changed from {} to {}: resuming by GTID after {}{}",
                    config.destination(), recorded.describe(), current.describe(), restart.gtidSet(),
                    restart.insideTransaction() ? ", skipping entries 0.." + restart.txIndex() + " of transaction "
                            + restart.txGtid() + " (delivered from " + recorded.address() + ")" : "");
            return new StartPoint(at, cursor.globalId(), 0, true);
        }
        return byFallback(cursor, recorded, current);
    }

    /** Without GTIDs: from the last delivered transaction's time minus the fallback interval; that much repeats. */
    private StartPoint byFallback(Cursor cursor, SourceStamp recorded, SourceStamp current) {
        long last = cursor.restart().timestamp();
        if (last <= 0) {
            throw new PositionNotFoundException("[destination=" + config.destination() + "] source changed from "
                    + recorded.describe() + " to " + current.describe() + ", and the cursor "
                    + cursor.restart().describe()
                    + " has neither a GTID set (gtid mode off) nor a time to resume by on the new source. Set a"
                    + " start position for the new source and clear the stored cursor.");
        }
        long fallbackMs = config.failover().fallbackInterval().toMillis();
        long from = Math.max(1, last - fallbackMs);
        LogPosition at = byTimestamp(from).withSource(current);
        LOG.warn("[destination={}] source changed from {} to {} without GTIDs (gtid mode off): resuming by timestamp"
                + " at {} ms, {} s before the last delivered transaction ({} ms), from {}. Transactions of those {}"
                + " seconds may be delivered again", config.destination(), recorded.describe(), current.describe(),
                from, fallbackMs / 1000, last, at, fallbackMs / 1000);
        return new StartPoint(at, cursor.globalId(), from, true);
    }

    /**
     * A cursor's own server must still have the binlog the cursor was read from: a file beyond the newest one, an
     * offset beyond a file's end, or a file of that name created at another time mean a RESET MASTER (or another
     * server with the same id behind the address): its coordinates and GTIDs now name other transactions.
     */
    private void checkNotReset(LogPosition restart, SourceStamp current) {
        if (restart.journal().isEmpty()) {
            return;
        }
        List<SourceDatabase.BinlogFile> files = db.binaryLogs();
        SourceDatabase.BinlogFile newest = files.isEmpty() ? null : files.get(files.size() - 1);
        SourceDatabase.BinlogFile same = files.stream().filter(f -> f.name().equals(restart.journal())).findFirst()
                .orElse(null);
        String found = null;
        if (newest != null && LogPosition.fileIndex(restart.journal()) > LogPosition.fileIndex(newest.name())) {
            found = "its newest binlog is " + newest.name();
        } else if (same != null && restart.offset() > same.size()) {
            found = restart.journal() + " is only " + same.size() + " bytes long";
        } else if (same != null && restart.source().binlogCreated() > 0) {
            long created = probe.firstEventTimestamp(restart.journal());
            if (created != restart.source().binlogCreated()) {
                found = restart.journal() + " was created at " + created + " ms, not at "
                        + restart.source().binlogCreated() + " ms as when the cursor was read";
            }
        }
        if (found != null) {
            throw new PositionNotFoundException("[destination=" + config.destination() + "] the binlog of "
                    + current.describe() + " was reset or replaced since the cursor " + restart.describe()
                    + " was written: "
                    + found + " (RESET MASTER, or another server with the same server_id behind the address). Its"
                    + " coordinates and GTIDs now name other transactions, so the destination stops rather than skip"
                    + " or repeat changes. Set a start position (file:pos, GTID or timestamp) on this server and clear"
                    + " the stored cursor to go on.");
        }
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
