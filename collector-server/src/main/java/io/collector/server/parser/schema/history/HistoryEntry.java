package io.collector.server.parser.schema.history;

/**
 * One DDL statement of the history, as the binlog carried it.
 *
 * @param journal  binlog file of the QUERY event
 * @param offset   offset of the QUERY event in that file
 * @param database the event's current database (may be null)
 * @param sql      the statement
 */
public record HistoryEntry(String journal, long offset, String database, String sql) {

    /** Whether this statement comes before {@code journal:offset} in the binlog. */
    boolean before(String otherJournal, long otherOffset) {
        return HistorySnapshot.compare(journal, offset, otherJournal, otherOffset) < 0;
    }

    @Override
    public String toString() {
        return "'" + sql + "' at " + journal + ":" + offset;
    }
}
