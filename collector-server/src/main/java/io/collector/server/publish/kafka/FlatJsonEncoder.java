package io.collector.server.publish.kafka;

import io.collector.server.publish.FlatMessageWriter;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
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
    public void encode(long batchId, List<RecordPart> parts, Consumer<ProducerRecord<byte[], byte[]>> sink) {
        for (RecordPart part : parts) {
            byte[] value = writer.write(part.entry(), batchId, part.rows());
            sink.accept(new ProducerRecord<>(part.topic(), part.partition(), null, null, value, headers.of(part)));
        }
    }
}
