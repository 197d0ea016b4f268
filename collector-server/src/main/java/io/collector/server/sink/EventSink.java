package io.collector.server.sink;

import io.collector.server.entry.ChangeEvent;
import java.util.List;

/**
 * Takes the parser's events, applies the destination's filters and hands what remains to the store,
 * in order. Called from the parser thread only.
 */
public interface EventSink {

    /** Filters and stores {@code events}, blocking while the store is full. */
    void sink(List<ChangeEvent> events) throws InterruptedException;
}
