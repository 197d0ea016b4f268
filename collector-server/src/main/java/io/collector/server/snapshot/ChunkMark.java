package io.collector.server.snapshot;

import java.util.List;

/**
 * The end of one chunk that was read: a point the snapshot can resume after once a consumer acknowledged its last
 * entry.
 *
 * @param table       index of the table in {@link SnapshotProgress#tables()}
 * @param endKey      the key of the chunk's last row, as text; empty when {@code last}
 * @param lastEntryId globalId of the chunk's last entry
 * @param rows        rows of the whole snapshot read up to here
 * @param last        whether the chunk is the table's last
 */
public record ChunkMark(int table, List<String> endKey, long lastEntryId, long rows, boolean last) {

    public ChunkMark {
        endKey = List.copyOf(endKey);
    }
}
