package io.collector.server.publish.kafka;

import io.collector.server.publish.FlatMessageWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/** One FlatMessage record per part, without a key (as Canal), in the part's partition. */
final class FlatJsonEncoder implements RecordEncoder {

    private final RecordHeadersFactory headers;
    private final FlatMessageWriter writer;

    FlatJsonEncoder(RecordHeadersFactory headers, Clock clock) {
        this.headers = headers;
        this.writer = new FlatMessageWriter(clock);
    }

    @Override
    public List<ProducerRecord<byte[], byte[]>> encode(long batchId, List<RecordPart> parts) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(parts.size());
        for (RecordPart part : parts) {
            byte[] value = writer.write(part.entry(), batchId, part.rows());
            records.add(new ProducerRecord<>(part.topic(), part.partition(), null, null, value, headers.of(part)));
        }
        return records;
    }
}
