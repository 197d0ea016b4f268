package io.collector.server.parser;

import io.collector.protocol.EntryProtocol.EventType;

/** The three kinds of rows events. */
enum RowKind {
    INSERT(EventType.INSERT), UPDATE(EventType.UPDATE), DELETE(EventType.DELETE);

    private final EventType eventType;

    RowKind(EventType eventType) {
        this.eventType = eventType;
    }

    EventType eventType() {
        return eventType;
    }
}
