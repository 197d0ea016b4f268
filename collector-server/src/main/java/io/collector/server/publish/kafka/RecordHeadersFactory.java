package io.collector.server.publish.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of every record, UTF-8 text: {@code globalId} (of the record's first row, or entry when it has no
 * rows), {@code destination}, and {@code position}, the binlog position {@code file:offset} of the record's first
 * entry.
 */
final class RecordHeadersFactory {

    static final String GLOBAL_ID = "globalId";
    static final String DESTINATION = "destination";
    static final String POSITION = "position";

    private final RecordHeader destination;

    RecordHeadersFactory(String destination) {
        this.destination = new RecordHeader(DESTINATION, destination.getBytes(StandardCharsets.UTF_8));
    }

    RecordHeaders of(RecordPart first) {
        return new RecordHeaders(new Header[] {
                new RecordHeader(GLOBAL_ID, Long.toString(first.firstGlobalId()).getBytes(StandardCharsets.UTF_8)),
                destination,
                new RecordHeader(POSITION, first.position().getBytes(StandardCharsets.UTF_8))});
    }
}
