package io.collector.server.admin;

import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.util.Map;

/**
 * Where an operator moves a client's cursor, from a request body: {@code {"position":"mysql-bin.000003:1234"}}
 * (a binlog file and the offset of a transaction's first event) or {@code {"gtid":"0-1-100"}} (the GTID set
 * executed before the first transaction to deliver; the destination must be in GTID mode) or
 * {@code {"timestamp":1700000000000}} (epoch ms: the first transaction that began at or after it, found in the
 * source's binlog by {@link TimestampLocator}). The client then receives everything from there on.
 */
final class CursorTarget {

    private static final long FIRST_EVENT = 4;

    private CursorTarget() {
    }

    /**
     * The cursor the body asks for; a timestamp is looked up with {@code locator} when the returned supplier is
     * called (while the destination is stopped). Bad input fails here, before anything is stopped.
     */
    static java.util.function.Supplier<Cursor> parse(Map<String, Object> body, boolean gtidMode,
                                                     java.util.function.LongFunction<LogPosition> locator) {
        Object position = body.get("position");
        Object gtid = body.get("gtid");
        Object timestamp = body.get("timestamp");
        if (java.util.stream.Stream.of(position, gtid, timestamp).filter(java.util.Objects::nonNull).count() != 1) {
            throw AdminException.badRequest("give exactly one of \"position\" (binlog file:offset), \"gtid\" and"
                    + " \"timestamp\" (epoch milliseconds)");
        }
        if (timestamp != null) {
            long millis = millis(timestamp);
            return () -> Cursor.at(locator.apply(millis));
        }
        Cursor cursor = fixed(position, gtid, gtidMode);
        return () -> cursor;
    }

    private static long millis(Object timestamp) {
        if (!(timestamp instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
            throw AdminException.badRequest("timestamp must be a positive whole number of epoch milliseconds, not "
                    + timestamp);
        }
        return n.longValue();
    }

    private static Cursor fixed(Object position, Object gtid, boolean gtidMode) {
        if (gtid != null) {
            if (!gtidMode) {
                throw AdminException.badRequest("the destination is not in GTID mode"
                        + " (collector.instance.gtid.mode=false): move the cursor to a file:offset instead");
            }
            return Cursor.at(new LogPosition("", FIRST_EVENT, 0, 0, gtid.toString().strip()));
        }
        return Cursor.at(filePosition(position.toString().strip()));
    }

    private static LogPosition filePosition(String text) {
        int colon = text.lastIndexOf(':');
        String offset = colon < 0 ? "" : text.substring(colon + 1);
        if (colon <= 0 || !offset.matches("\\d{1,18}")) {
            throw AdminException.badRequest("position must be binlog-file:offset, e.g. mysql-bin.000003:1234, not "
                    + text);
        }
        String journal = text.substring(0, colon);
        try {
            LogPosition.fileIndex(journal);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        return LogPosition.of(journal, Math.max(FIRST_EVENT, Long.parseLong(offset)));
    }
}
