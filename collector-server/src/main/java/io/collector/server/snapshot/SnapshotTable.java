package io.collector.server.snapshot;

import java.util.List;

/**
 * A table as the snapshot reads it.
 *
 * @param schema  its database
 * @param table   its name
 * @param columns every column, in ordinal order
 * @param key     indexes in {@code columns} of the primary key, else of a unique key over NOT NULL columns, in
 *                the key's order; empty when the table has neither (it is then read in one chunk)
 */
record SnapshotTable(String schema, String table, List<SnapshotColumn> columns, List<Integer> key) {

    SnapshotTable {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    String qualifiedName() {
        return schema + "." + table;
    }

    /** Whether the table is read in chunks of key ranges (else in one chunk). */
    boolean chunked() {
        return !key.isEmpty() && key.stream().allMatch(i -> columns.get(i).chunkable());
    }

    /**
     * Whether the binlog's key values can be compared with a chunk bound here, which a snapshot resumed inside this
     * table needs: true for keys of integer columns only. A snapshot interrupted inside another table reads it
     * again from its start.
     */
    boolean resumableInside() {
        return chunked() && key.stream().allMatch(i -> columns.get(i).integer());
    }
}
