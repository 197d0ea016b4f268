package io.collector.server.publish.kafka;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns the parts of one batch into records, keeping each partition's parts in order. Not thread-safe. */
interface RecordEncoder {

    List<ProducerRecord<byte[], byte[]>> encode(long batchId, List<RecordPart> parts);

    /** The encoder of a format. */
    static RecordEncoder of(RecordFormat format, String destination, java.time.Clock clock, int maxRecordBytes) {
        RecordHeadersFactory headers = new RecordHeadersFactory(destination);
        return switch (format) {
            case JSON -> new FlatJsonEncoder(headers, clock);
            case PROTOBUF -> new CanalPacketEncoder(headers, maxRecordBytes);
        };
    }
}
