package io.collector.server.publish.kafka;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import io.collector.server.store.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A store batch turned into records, kept across retries so that every attempt sends the same records in the
 * same order. After a takeover the records of entries already committed by someone else can be left out.
 */
final class PreparedBatch {

    private final Batch batch;
    private final BatchRouter router;
    private final RecordEncoder encoder;
    private final List<RecordPart> parts;
    private List<ProducerRecord<byte[], byte[]>> records;

    PreparedBatch(Batch batch, BatchRouter router, RecordEncoder encoder) {
        this.batch = batch;
        this.router = router;
        this.encoder = encoder;
        this.parts = router.route(batch.events(), -1);
    }

    long id() {
        return batch.id();
    }

    Cursor cursor() {
        return batch.cursor();
    }

    /** The store batch's entries. */
    List<ChangeEvent> events() {
        return batch.events();
    }

    /** Every record of the batch, in order. */
    List<ProducerRecord<byte[], byte[]>> records() {
        if (records == null) {
            records = encoder.encode(batch.id(), parts);
        }
        return records;
    }

    /**
     * Hands every record of the batch to {@code sink} in order, each as soon as it is encoded the first time, so
     * sending overlaps encoding. If {@code sink} throws, the records are encoded anew next time.
     */
    void forEachRecord(Consumer<ProducerRecord<byte[], byte[]>> sink) {
        if (records != null) {
            records.forEach(sink);
            return;
        }
        List<ProducerRecord<byte[], byte[]>> encoded = new ArrayList<>(parts.size());
        encoder.encode(batch.id(), parts, r -> {
            encoded.add(r);
            sink.accept(r);
        });
        records = encoded;
    }

    /** The records of the entries whose id is above {@code globalId}, in order. */
    List<ProducerRecord<byte[], byte[]>> recordsAfter(long globalId) {
        return encoder.encode(batch.id(), router.route(batch.events(), globalId));
    }

    /** Rows carried by the batch's records. */
    long rows() {
        long rows = 0;
        for (RecordPart part : parts) {
            rows += part.rowCount();
        }
        return rows;
    }
}
