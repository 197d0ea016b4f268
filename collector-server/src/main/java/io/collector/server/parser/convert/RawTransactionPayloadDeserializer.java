package io.collector.server.parser.convert;

import com.github.luben.zstd.Zstd;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;
import java.util.ArrayList;

/**
 * TRANSACTION_PAYLOAD (MySQL 8.0.20+ binlog transaction compression) deserializer. The connector's own one reads
 * the inner events with a default {@link EventDeserializer}; this one uses a raw one, so the rows inside a
 * compressed transaction carry raw values too.
 */
final class RawTransactionPayloadDeserializer implements EventDataDeserializer<TransactionPayloadEventData> {

    private static final int FIELD_END = 0;
    private static final int FIELD_PAYLOAD_SIZE = 1;
    private static final int FIELD_COMPRESSION_TYPE = 2;
    private static final int FIELD_UNCOMPRESSED_SIZE = 3;
    private static final int COMPRESSION_ZSTD = 0;
    private static final int COMPRESSION_NONE = 255;

    @Override
    public TransactionPayloadEventData deserialize(ByteArrayInputStream in) throws IOException {
        TransactionPayloadEventData data = readHeader(in);
        data.setPayload(in.read(data.getPayloadSize()));
        data.setUncompressedEvents(readEvents(uncompressed(data)));
        return data;
    }

    private static TransactionPayloadEventData readHeader(ByteArrayInputStream in) throws IOException {
        TransactionPayloadEventData data = new TransactionPayloadEventData();
        while (in.available() > 0) {
            int field = in.readPackedInteger();
            if (field == FIELD_END) {
                break;
            }
            int length = in.readPackedInteger();
            switch (field) {
                case FIELD_PAYLOAD_SIZE -> data.setPayloadSize(in.readPackedInteger());
                case FIELD_COMPRESSION_TYPE -> data.setCompressionType(in.readPackedInteger());
                case FIELD_UNCOMPRESSED_SIZE -> data.setUncompressedSize(in.readPackedInteger());
                default -> in.skip(length);
            }
        }
        if (data.getUncompressedSize() == 0) {
            data.setUncompressedSize(data.getPayloadSize());
        }
        return data;
    }

    private static byte[] uncompressed(TransactionPayloadEventData data) throws IOException {
        byte[] payload = data.getPayload();
        if (data.getCompressionType() == COMPRESSION_NONE) {
            return payload;
        }
        if (data.getCompressionType() != COMPRESSION_ZSTD) {
            throw new IOException("transaction payload with unknown compression type " + data.getCompressionType()
                    + " (MySQL writes 0 for zstd, 255 for none)");
        }
        byte[] result = new byte[data.getUncompressedSize()];
        long size = Zstd.decompressByteArray(result, 0, result.length, payload, 0, payload.length);
        if (Zstd.isError(size)) {
            throw new IOException("Cannot decompress transaction payload: " + Zstd.getErrorName(size));
        }
        if (size != result.length) {
            throw new IOException("transaction payload gave " + size + " bytes, its header says " + result.length);
        }
        return result;
    }

    private static ArrayList<Event> readEvents(byte[] bytes) throws IOException {
        EventDeserializer deserializer = RawEventDeserializers.create();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ArrayList<Event> events = new ArrayList<>();
        for (Event event = deserializer.nextEvent(in); event != null; event = deserializer.nextEvent(in)) {
            events.add(event);
        }
        return events;
    }
}
