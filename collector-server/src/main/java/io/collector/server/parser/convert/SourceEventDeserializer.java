package io.collector.server.parser.convert;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The connector's {@link EventDeserializer} with three additions, all on the whole event read first:
 * <ul>
 *   <li>CRC32 checksums are verified when the source writes them ({@code binlog_checksum=CRC32}; the
 *       connector only skips them). A mismatch throws {@link BinlogChecksumException}.</li>
 *   <li>MariaDB compressed events are decompressed into their plain forms ({@link MariadbCompressedEvents}).</li>
 *   <li>headers are {@link SourceEventHeader}s, so an unknown event type still has its number.</li>
 * </ul>
 * Each event is decoded from its own array through an {@link ArrayInput}, which takes no lock per byte.
 * Whether checksums are present follows the connector: what the client announced at connect time, then each
 * FORMAT_DESCRIPTION event. A decode failure is an {@link EventDataDeserializationException} with the header.
 */
final class SourceEventDeserializer extends EventDeserializer {

    private static final int HEADER = 19;
    private static final int LENGTH_OFFSET = 9;
    private static final int TYPE_OFFSET = 4;
    private static final int FORMAT_DESCRIPTION = 15;
    /** Largest event MariaDB and MySQL write (max_allowed_packet's ceiling is 1 GiB). */
    private static final long MAX_EVENT = 1L << 30;

    private int checksumLength;

    SourceEventDeserializer(Map<EventType, EventDataDeserializer> deserializers,
                            Map<Long, TableMapEventData> tableMaps) {
        super(new SourceEventHeaderDeserializer(), new NullEventDataDeserializer(), deserializers, tableMaps);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setChecksumType(ChecksumType checksumType) {
        super.setChecksumType(checksumType);
        checksumLength = checksumType.getLength();
    }

    @Override
    public Event nextEvent(ByteArrayInputStream in) throws IOException {
        if (in.peek() == -1) {
            return null;
        }
        byte[] event = readEvent(in);
        int type = event[TYPE_OFFSET] & 0xff;
        if (type != FORMAT_DESCRIPTION && checksumLength > 0) {
            verify(event);
        }
        if (!MariadbCompressedEvents.isCompressed(type)) {
            Event e = super.nextEvent(new ByteArrayInputStream(new ArrayInput(event)));
            afterFormatDescription(e, event);
            return e;
        }
        return expanded(event, type);
    }

    private static byte[] readEvent(ByteArrayInputStream in) throws IOException {
        byte[] header = in.read(HEADER);
        long length = le32(header, LENGTH_OFFSET);
        if (length < HEADER || length > MAX_EVENT) {
            throw new EventDataDeserializationException(parseHeader(header), new IOException("event length " + length
                    + " outside [" + HEADER + ", " + MAX_EVENT + "]: the stream is corrupt"));
        }
        byte[] event = new byte[(int) length];
        System.arraycopy(header, 0, event, 0, HEADER);
        in.fill(event, HEADER, event.length - HEADER);
        return event;
    }

    /** Takes the checksum setting of a FORMAT_DESCRIPTION event, after checking its own checksum. */
    private void afterFormatDescription(Event e, byte[] event) throws IOException {
        if (e.getHeader().getEventType() != EventType.FORMAT_DESCRIPTION
                || !(e.getData() instanceof FormatDescriptionEventData fd)) {
            return;
        }
        checksumLength = fd.getChecksumType().getLength();
        if (checksumLength > 0) {
            verify(event);
        }
    }

    private Event expanded(byte[] event, int type) throws IOException {
        SourceEventHeader original = parseHeader(event);
        byte[] plain;
        try {
            plain = MariadbCompressedEvents.expand(event, checksumLength);
        } catch (IOException e) {
            throw new EventDataDeserializationException(original, e);
        }
        Event e = super.nextEvent(new ByteArrayInputStream(new ArrayInput(plain)));
        SourceEventHeader header = (SourceEventHeader) e.getHeader();
        header.setTypeCode(type);
        header.setEventLength(original.getEventLength());
        return e;
    }

    private void verify(byte[] event) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(event, 0, event.length - checksumLength);
        long expected = le32(event, event.length - checksumLength);
        if (crc.getValue() != expected) {
            SourceEventHeader header = parseHeader(event);
            throw new EventDataDeserializationException(header, new BinlogChecksumException(String.format(
                    "CRC32 checksum mismatch: the event says %08x, its bytes give %08x", expected, crc.getValue())));
        }
    }

    private static SourceEventHeader parseHeader(byte[] event) throws IOException {
        return new SourceEventHeaderDeserializer().deserialize(new ByteArrayInputStream(event));
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
