package io.collector.server.parser;

import io.collector.server.position.LogPosition;

/**
 * Where a dump begins: a file position, or a GTID set (then {@code position.journal()} is empty until the
 * source's first ROTATE event names the file), entries up to {@code skipUpToGlobalId} already delivered, and
 * transactions before {@code gateTimestamp} (ms, 0 = none) not delivered. {@code position.source()} is the server
 * read; {@code newSource} says it is not the one the delivered entries came from, so their ids and coordinates
 * do not apply there (see {@link BinlogEventHandler#restartFrom}).
 */
record StartPoint(LogPosition position, long skipUpToGlobalId, long gateTimestamp, boolean newSource) {

    StartPoint(LogPosition position, long skipUpToGlobalId, long gateTimestamp) {
        this(position, skipUpToGlobalId, gateTimestamp, false);
    }
}
