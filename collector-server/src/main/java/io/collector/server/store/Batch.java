package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import java.util.List;

/**
 * Entries handed out together under one id. {@code cursor} is where the consumer stands once the batch is
 * acknowledged (null for the empty batch).
 */
public record Batch(long id, List<ChangeEvent> events, Cursor cursor) {

    /** No entries available: Canal's batch id -1. */
    public static final Batch EMPTY = new Batch(-1, List.of(), null);

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
