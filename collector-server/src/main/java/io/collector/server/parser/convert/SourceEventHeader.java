package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;

/**
 * A v4 event header that keeps the type number as the source wrote it. The connector maps every number it
 * does not know to {@link EventType#UNKNOWN}; this one still says which it was. A MariaDB compressed event
 * (types 165 to 171) is handed on decompressed: {@link #getEventType()} is its plain form while
 * {@link #typeCode()} is the compressed type, and length and next position are those of the event as written.
 */
public final class SourceEventHeader extends EventHeaderV4 {

    private int typeCode;

    /** The event type number of the binlog. */
    public int typeCode() {
        return typeCode;
    }

    void setTypeCode(int typeCode) {
        this.typeCode = typeCode;
    }

    /** Whether the source wrote this event MariaDB-compressed. */
    public boolean mariadbCompressed() {
        return MariadbCompressedEvents.isCompressed(typeCode);
    }

    /** The type number of an event, also for headers built elsewhere (tests, payload inner events). */
    public static String describeType(EventHeaderV4 header) {
        if (header instanceof SourceEventHeader s) {
            return header.getEventType() + " (type " + s.typeCode() + ")";
        }
        return String.valueOf(header.getEventType());
    }

    @Override
    public String toString() {
        return super.toString().replace("eventType=", "typeCode=" + typeCode + ", eventType=");
    }
}
