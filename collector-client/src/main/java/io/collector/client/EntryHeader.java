package io.collector.client;

import java.time.Instant;
import java.util.OptionalLong;

/** What a {@link ChangeRow} takes from its entry's header. */
record EntryHeader(String database, String table, OptionalLong globalId, String logfileName, long logfileOffset,
                   Instant executeTime, String gtid) {

    /** The header of row {@code index} of the entry: its global id is the entry's plus the index. */
    EntryHeader row(int index) {
        OptionalLong id = globalId.isPresent() ? OptionalLong.of(globalId.getAsLong() + index) : globalId;
        return new EntryHeader(database, table, id, logfileName, logfileOffset, executeTime, gtid);
    }
}
