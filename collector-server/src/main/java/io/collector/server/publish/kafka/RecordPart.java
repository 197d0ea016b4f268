package io.collector.server.publish.kafka;

import io.collector.server.publish.EntryRows;

/**
 * The part of one entry that goes to one partition: all of it, or the rows hashed there.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param entry     the entry
 * @param rows      indexes of the entry's rows in this part, in order; null for all rows (or none, for DDL)
 */
record RecordPart(String topic, int partition, EntryRows entry, int[] rows) {

    /** Rows carried (0 for DDL and statements). */
    int rowCount() {
        if (rows != null) {
            return rows.length;
        }
        return entry.ddl() ? 0 : entry.rowCount();
    }

    /** The id of the part's first row; the entry's id when it has none. */
    long firstGlobalId() {
        return rows == null || rows.length == 0 ? entry.event().globalId() : entry.rowGlobalId(rows[0]);
    }

    /** The entry's binlog position as {@code file:offset}. */
    String position() {
        return entry.header().getLogfileName() + ":" + entry.header().getLogfileOffset();
    }
}
