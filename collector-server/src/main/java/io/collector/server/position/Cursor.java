package io.collector.server.position;

import java.util.Objects;

/**
 * How far a consumer has acknowledged: {@code restart} is the transaction boundary from which reading must
 * start again, and {@code globalId} the id of the last acknowledged entry. A restarted reader replays from
 * {@code restart} and drops every entry whose id is not above {@code globalId}, so it resumes exactly after
 * the last acknowledged entry, even inside a transaction.
 */
public record Cursor(LogPosition restart, long globalId) {

    public Cursor {
        Objects.requireNonNull(restart, "restart");
    }

    /**
     * The id of the last entry this cursor covers: its global id, or for a cursor that only names a position (id
     * -1) the id just before the first entry of the event at that position; {@link Long#MIN_VALUE} when the
     * position has no binlog coordinates to derive one from (GTID only). Cursors of one source order by it.
     */
    public long lastEntryId() {
        if (globalId >= 0) {
            return globalId;
        }
        try {
            return GlobalId.of(restart.journal(), restart.offset(), 0) - 1;
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
    }

    /** A cursor that starts at {@code position} and skips nothing. */
    public static Cursor at(LogPosition position) {
        return new Cursor(position, -1);
    }
}
