package io.collector.server.service;

import io.collector.server.entry.ChangeEvent;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code getWithoutAck} returns: the batch id to acknowledge and the entries. Batch id -1 with no
 * entries means nothing was available. A batch may also have an id and no entries, when the client's filter
 * removed them all; it is acknowledged like any other.
 */
public record Message(long batchId, List<ChangeEvent> events) {

    private static final Message EMPTY = new Message(-1, List.of());

    public Message {
        Objects.requireNonNull(events, "events");
    }

    /** Nothing available: batch id -1, no entries. */
    public static Message empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
