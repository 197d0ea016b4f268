package io.collector.server.parser;

import io.collector.server.position.LogPosition;

/**
 * Where a dump begins: a file position, or a GTID set (then {@code position.journal()} is empty until the
 * source's first ROTATE event names the file), entries up to {@code skipUpToGlobalId} already delivered, and
 * transactions before {@code gateTimestamp} (ms, 0 = none) not delivered.
 */
record StartPoint(LogPosition position, long skipUpToGlobalId, long gateTimestamp) {
}
