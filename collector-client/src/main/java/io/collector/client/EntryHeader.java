package io.collector.client;

import java.time.Instant;
import java.util.OptionalLong;

/** What a {@link ChangeRow} takes from its entry's header. */
record EntryHeader(String database, String table, OptionalLong globalId, String logfileName, long logfileOffset,
                   Instant executeTime, String gtid) {
}
