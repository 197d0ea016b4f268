package io.collector.server.position;

import java.util.Comparator;
import java.util.Objects;

/**
 * A point in the source's binlog: file name and byte offset, plus the event's server id, its time and the
 * GTID set executed up to that point (empty outside GTID mode).
 *
 * <p>A position also records the server it was read from ({@link SourceStamp}) and, for a restart position in the
 * middle of a transaction, which entries of that transaction were already delivered: the transaction's GTID
 * ({@code txGtid}, "" if it has none) and the index of the last delivered entry within it ({@code txIndex},
 * counting its TRANSACTIONBEGIN as 0; -1 when the position is a transaction boundary with nothing of the next
 * transaction delivered). On another server, where ids differ, that index says where to resume.
 *
 * <p>Positions order by binlog file index (the numeric suffix of the file name) and then by offset.
 */
public record LogPosition(String journal, long offset, long serverId, long timestamp, String gtidSet,
                          SourceStamp source, String txGtid, int txIndex)
        implements Comparable<LogPosition> {

    private static final Comparator<LogPosition> ORDER =
            Comparator.comparingLong((LogPosition p) -> fileIndex(p.journal)).thenComparingLong(LogPosition::offset);

    public LogPosition {
        Objects.requireNonNull(journal, "journal");
        gtidSet = gtidSet == null ? "" : gtidSet;
        source = source == null ? SourceStamp.UNKNOWN : source;
        txGtid = txGtid == null ? "" : txGtid;
        if (offset < 0) {
            throw new IllegalArgumentException("negative binlog offset " + offset + " in " + journal);
        }
    }

    /** A transaction boundary of an unrecorded source. */
    public LogPosition(String journal, long offset, long serverId, long timestamp, String gtidSet) {
        this(journal, offset, serverId, timestamp, gtidSet, SourceStamp.UNKNOWN, "", -1);
    }

    /** A position known only by file and offset. */
    public static LogPosition of(String journal, long offset) {
        return new LogPosition(journal, offset, 0, 0, "");
    }

    /** The numeric suffix of a binlog file name: {@code mysql-bin.000042} gives 42. */
    public static long fileIndex(String journal) {
        int dot = journal.lastIndexOf('.');
        String suffix = dot < 0 ? "" : journal.substring(dot + 1);
        if (suffix.isEmpty() || !suffix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("binlog file name without a numeric suffix: " + journal);
        }
        return Long.parseLong(suffix);
    }

    public LogPosition withGtidSet(String gtids) {
        return new LogPosition(journal, offset, serverId, timestamp, gtids, source, txGtid, txIndex);
    }

    public LogPosition withSource(SourceStamp stamp) {
        return new LogPosition(journal, offset, serverId, timestamp, gtidSet, stamp, txGtid, txIndex);
    }

    /** This transaction start with entries up to {@code index} of transaction {@code gtid} delivered. */
    public LogPosition withDelivered(String gtid, int index) {
        return new LogPosition(journal, offset, serverId, timestamp, gtidSet, source, gtid, index);
    }

    /** Whether entries of the transaction starting here were already delivered. */
    public boolean insideTransaction() {
        return txIndex >= 0;
    }

    @Override
    public int compareTo(LogPosition other) {
        return ORDER.compare(this, other);
    }

    /** {@code file:offset} and the GTID set, as logged by earlier versions (log readers match it). */
    @Override
    public String toString() {
        return journal + ":" + offset + (gtidSet.isEmpty() ? "" : " gtid=" + gtidSet);
    }

    /** {@link #toString()} plus the entries delivered of the next transaction and the server, for messages. */
    public String describe() {
        return this + (txIndex < 0 ? "" : " +" + (txIndex + 1) + " entries of " + (txGtid.isEmpty()
                ? "the next transaction" : txGtid)) + (source.known() ? " on " + source.describe() : "");
    }
}
