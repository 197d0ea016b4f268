package io.collector.server.publish.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns the parts of one batch into records, keeping each partition's parts in order. Not thread-safe. */
interface RecordEncoder {

    /** Hands each record to {@code sink} as soon as it is encoded, in order. */
    void encode(long batchId, List<RecordPart> parts, Consumer<ProducerRecord<byte[], byte[]>> sink);

    default List<ProducerRecord<byte[], byte[]>> encode(long batchId, List<RecordPart> parts) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(parts.size());
        encode(batchId, parts, records::add);
        return records;
    }

    /** The encoder of a format. */
    static RecordEncoder of(RecordFormat format, String destination, java.time.Clock clock, int maxRecordBytes) {
        RecordHeadersFactory headers = new RecordHeadersFactory(destination);
        return switch (format) {
            case JSON -> new FlatJsonEncoder(headers, clock);
            case PROTOBUF -> new CanalPacketEncoder(headers, maxRecordBytes);
        };
    }
}
