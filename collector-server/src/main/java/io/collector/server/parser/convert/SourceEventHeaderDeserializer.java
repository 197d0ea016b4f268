package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/** Reads the 19-byte v4 header into a {@link SourceEventHeader}, keeping the type number. */
final class SourceEventHeaderDeserializer implements EventHeaderDeserializer<SourceEventHeader> {

    @Override
    public SourceEventHeader deserialize(ByteArrayInputStream in) throws IOException {
        SourceEventHeader header = new SourceEventHeader();
        header.setTimestamp(in.readLong(4) * 1000L);
        int type = in.readInteger(1);
        header.setTypeCode(type);
        EventType known = EventType.byEventNumber(type);
        header.setEventType(known == null ? EventType.UNKNOWN : known);
        header.setServerId(in.readLong(4));
        header.setEventLength(in.readLong(4));
        header.setNextPosition(in.readLong(4));
        header.setFlags(in.readInteger(2));
        return header;
    }
}
