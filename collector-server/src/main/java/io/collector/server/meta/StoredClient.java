package io.collector.server.meta;

import io.collector.server.position.Cursor;

/**
 * One client's subscription as last read from or written to ZooKeeper, with the znode versions that a later
 * write must find unchanged. {@code cursor} is null and {@code cursorVersion} -1 while there is no cursor znode.
 */
record StoredClient(String filter, int filterVersion, Cursor cursor, int cursorVersion) {

    static final int ABSENT = -1;

    ClientMeta meta() {
        return new ClientMeta(filter, cursor);
    }

    StoredClient withFilter(String newFilter, int newVersion) {
        return new StoredClient(newFilter, newVersion, cursor, cursorVersion);
    }

    StoredClient withCursor(Cursor newCursor, int newVersion) {
        return new StoredClient(filter, filterVersion, newCursor, newVersion);
    }
}
