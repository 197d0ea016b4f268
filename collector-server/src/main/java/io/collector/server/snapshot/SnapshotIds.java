package io.collector.server.snapshot;

import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;

/**
 * The globalIds of snapshot rows. A snapshot taken at binlog position {@code F:O} (file index F, offset O) numbers
 * its rows from {@code GlobalId.of(F - 1, 0, 0)} upwards, one id per row, and never reaches
 * {@code GlobalId.of(F, O, 0)}, the id of the first event the binlog that follows can produce; so every snapshot
 * id sorts before the stream, and a snapshot has room for 2^43 ids. They borrow the id range of file F - 1, which
 * the destination never reads after a snapshot at F:O.
 */
final class SnapshotIds {

    private SnapshotIds() {
    }

    /** The first id of a snapshot taken at {@code at}. */
    static long first(LogPosition at) {
        long file = LogPosition.fileIndex(at.journal());
        if (file < 1) {
            throw new IllegalArgumentException("binlog file index 0 leaves no id range below it: " + at);
        }
        return GlobalId.of(file - 1, 0, 0);
    }

    /** The id of the first binlog entry after a snapshot at {@code at}: every snapshot id is below it. */
    static long streamStart(LogPosition at) {
        return GlobalId.of(at.journal(), at.offset(), 0);
    }
}
