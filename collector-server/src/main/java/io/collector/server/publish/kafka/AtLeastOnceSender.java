package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * At-least-once: an idempotent producer ({@code acks=all}) sends the batch's records and is flushed; the batch
 * is delivered when every record was acknowledged. When some failed, the producer is discarded and the next
 * attempt sends only the records that failed, in their order: the idempotent producer fails every later record
 * of a partition after a failed one, so no partition skips or reorders a record (a record written whose
 * acknowledgement was lost is written again).
 */
final class AtLeastOnceSender implements BatchSender {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final KafkaClients clients;
    private final String destination;
    private Producer<byte[], byte[]> producer;
    private long pendingBatch = -1;
    private List<ProducerRecord<byte[], byte[]>> pending;

    AtLeastOnceSender(KafkaClients clients, String destination) {
        this.clients = clients;
        this.destination = destination;
    }

    @Override
    public Optional<Cursor> open() throws Exception {
        try {
            producer();
            return Optional.empty();
        } catch (RuntimeException e) {
            throw KafkaErrors.translate(destination, "cannot create the Kafka producer", e);
        }
    }

    @Override
    public void deliver(PreparedBatch batch) throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = batch.id() == pendingBatch ? pending : batch.records();
        Producer<byte[], byte[]> p;
        try {
            p = producer();
        } catch (RuntimeException e) {
            throw KafkaErrors.translate(destination, "cannot create the Kafka producer", e);
        }
        Attempt attempt = new Attempt(records);
        attempt.send(p);
        if (attempt.failed().isEmpty()) {
            pendingBatch = -1;
            pending = null;
            return;
        }
        pendingBatch = batch.id();
        pending = attempt.failed();
        discardProducer();
        throw KafkaErrors.translate(destination, pending.size() + " of " + records.size() + " records of batch "
                + batch.id() + " not acknowledged", attempt.firstError());
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = clients.newProducer();
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            try {
                p.close(Duration.ZERO);
            } catch (RuntimeException e) {
                // already broken: nothing more to release
            }
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(CLOSE_WAIT);
            producer = null;
        }
    }

    /** One send of a list of records: which ones failed, and the first error. */
    private static final class Attempt {
        private final List<ProducerRecord<byte[], byte[]>> records;
        private final AtomicReferenceArray<Exception> errors;
        private int sent;
        private boolean flushed;
        private Exception sendError;

        Attempt(List<ProducerRecord<byte[], byte[]>> records) {
            this.records = records;
            this.errors = new AtomicReferenceArray<>(records.size());
        }

        /** Sends and flushes; a record {@code send} refused and every later one count as failed. */
        void send(Producer<byte[], byte[]> producer) {
            try {
                for (; sent < records.size(); sent++) {
                    int i = sent;
                    producer.send(records.get(i), (metadata, error) -> {
                        if (error != null) {
                            errors.set(i, error);
                        }
                    });
                }
            } catch (RuntimeException e) {
                sendError = e;
            }
            try {
                producer.flush();
                flushed = true;
            } catch (RuntimeException e) {
                sendError = sendError == null ? e : sendError;
            }
        }

        /** The records to send again, in order; all of them when the outcome is unknown (flush failed). */
        List<ProducerRecord<byte[], byte[]>> failed() {
            if (!flushed) {
                return records;
            }
            List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (i >= sent || errors.get(i) != null) {
                    failed.add(records.get(i));
                }
            }
            return failed;
        }

        Exception firstError() {
            if (sendError != null) {
                return sendError;
            }
            for (int i = 0; i < sent; i++) {
                if (errors.get(i) != null) {
                    return errors.get(i);
                }
            }
            return new IllegalStateException("no error recorded");
        }
    }
}
