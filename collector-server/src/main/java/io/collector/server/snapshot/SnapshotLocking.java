package io.collector.server.snapshot;

/** How the snapshot learns the binlog position of its consistent read view. */
public enum SnapshotLocking {
    /** No lock on MariaDB (it reports the view's position), {@link #GLOBAL_READ_LOCK} on any other server. */
    AUTO,
    /**
     * No lock: the server must report the view's position in {@code binlog_snapshot_file/position} (MariaDB,
     * Percona Server); elsewhere the snapshot fails with an error.
     */
    NONE,
    /**
     * {@code FLUSH TABLES WITH READ LOCK} while the view is opened and its position read, then
     * {@code UNLOCK TABLES}: writes wait for that moment only. Needs the {@code RELOAD} privilege.
     */
    GLOBAL_READ_LOCK;

    /** The locking a server of this flavor gets. */
    SnapshotLocking resolve(boolean mariadb) {
        if (this != AUTO) {
            return this;
        }
        return mariadb ? NONE : GLOBAL_READ_LOCK;
    }
}
