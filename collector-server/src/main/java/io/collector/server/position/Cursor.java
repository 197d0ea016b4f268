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

    /** A cursor that starts at {@code position} and skips nothing. */
    public static Cursor at(LogPosition position) {
        return new Cursor(position, -1);
    }
}
