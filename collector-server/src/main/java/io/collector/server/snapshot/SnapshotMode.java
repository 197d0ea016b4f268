package io.collector.server.snapshot;

/** When a destination reads a consistent snapshot of its tables before the binlog. */
public enum SnapshotMode {
    /** Never: the binlog starts at the cursor or the configured start position (the default). */
    NEVER,
    /** At the first start, when the destination has no cursor yet. */
    INITIAL,
    /** As {@link #INITIAL}, and also when the binlog file of the stored cursor was purged from the source. */
    WHEN_NEEDED
}
