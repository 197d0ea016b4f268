package io.collector.server.meta;

import io.collector.server.position.Cursor;
import java.util.Objects;

/** What is kept per subscribed client: its filter ("" for none) and its acknowledged cursor (null before any ack). */
record ClientMeta(String filter, Cursor cursor) {

    ClientMeta {
        Objects.requireNonNull(filter, "filter");
    }

    ClientMeta withFilter(String newFilter) {
        return new ClientMeta(newFilter, cursor);
    }

    ClientMeta withCursor(Cursor newCursor) {
        return new ClientMeta(filter, newCursor);
    }
}
