package io.collector.server.admin;

import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import java.util.Map;

/**
 * Where an operator moves a client's cursor, from a request body: {@code {"position":"mysql-bin.000003:1234"}}
 * (a binlog file and the offset of a transaction's first event) or {@code {"gtid":"0-1-100"}} (the GTID set
 * executed before the first transaction to deliver; the destination must be in GTID mode). The client then
 * receives everything from there on.
 */
final class CursorTarget {

    private static final long FIRST_EVENT = 4;

    private CursorTarget() {
    }

    static Cursor parse(Map<String, Object> body, boolean gtidMode) {
        Object position = body.get("position");
        Object gtid = body.get("gtid");
        if (body.containsKey("timestamp")) {
            throw AdminException.badRequest("moving a cursor to a timestamp is not supported; use \"position\""
                    + " (file:offset) or \"gtid\"");
        }
        if ((position == null) == (gtid == null)) {
            throw AdminException.badRequest("give exactly one of \"position\" (binlog file:offset) and \"gtid\"");
        }
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
