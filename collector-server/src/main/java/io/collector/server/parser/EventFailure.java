package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.EventHeader;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import io.collector.server.parser.convert.BinlogChecksumException;

/**
 * An event that could not be read or converted.
 *
 * @param position {@code file:offset} of the event
 * @param header   its header as text, or a note that it is unknown
 * @param cause    what went wrong
 */
record EventFailure(String position, String header, Throwable cause) {

    /** Whether the event's checksum did not match its bytes. */
    boolean checksum() {
        return cause instanceof BinlogChecksumException;
    }

    /** A failure of the connector's deserializer: the header comes with it when the event's header was read. */
    static EventFailure ofDecode(Exception e, BinlogEventHandler handler) {
        if (e instanceof EventDataDeserializationException de && de.getEventHeader() != null) {
            EventHeader header = de.getEventHeader();
            Throwable cause = de.getCause() == null ? de : de.getCause();
            return new EventFailure(handler.locate(header), header.toString(), cause);
        }
        return new EventFailure("after " + handler.currentPosition(), "(not read)", e);
    }

    @Override
    public String toString() {
        return "event at " + position + " (header " + header + "): " + cause;
    }
}
