package io.collector.server.position;

import java.util.Comparator;
import java.util.Objects;

/**
 * A point in the source's binlog: file name and byte offset, plus the event's server id, its time and the
 * GTID set executed up to that point (empty outside GTID mode).
 *
 * <p>Positions order by binlog file index (the numeric suffix of the file name) and then by offset.
 */
public record LogPosition(String journal, long offset, long serverId, long timestamp, String gtidSet)
        implements Comparable<LogPosition> {

    private static final Comparator<LogPosition> ORDER =
            Comparator.comparingLong((LogPosition p) -> fileIndex(p.journal)).thenComparingLong(LogPosition::offset);

    public LogPosition {
        Objects.requireNonNull(journal, "journal");
        gtidSet = gtidSet == null ? "" : gtidSet;
        if (offset < 0) {
            throw new IllegalArgumentException("negative binlog offset " + offset + " in " + journal);
        }
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
        return new LogPosition(journal, offset, serverId, timestamp, gtids);
    }

    @Override
    public int compareTo(LogPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return journal + ":" + offset + (gtidSet.isEmpty() ? "" : " gtid=" + gtidSet);
    }
}
