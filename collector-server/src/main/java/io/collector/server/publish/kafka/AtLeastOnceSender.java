package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * At-least-once: an idempotent producer ({@code acks=all}) sends the batch's records as they are encoded and
 * is then flushed; the batch is delivered when every record was acknowledged. When one failed, the producer is
 * discarded and the next attempt sends again every record from the first failed one on, in their order, whether
 * acknowledged or not. The idempotent producer does not fail the later records of a partition after a failed one:
 * a record refused at {@code send} (its topic's metadata not there in time) is followed by later records that
 * succeed, and after an expired batch the producer resets its sequence and sends the next ones. So a failure
 * stops this attempt's sending, and what was written after the failed record is written again after it: a
 * partition may show a stretch of records twice, its last copy always in binlog order.
 */
final class AtLeastOnceSender implements BatchSender {

    private final KafkaClients clients;
    private final String destination;
    private final ProducerSlot producer = new ProducerSlot();
    private long pendingBatch = -1;
    private List<ProducerRecord<byte[], byte[]>> pending;

    AtLeastOnceSender(KafkaClients clients, String destination) {
        this.clients = clients;
        this.destination = destination;
    }

    @Override
    public Optional<Cursor> open() throws Exception {
        producer();
        return Optional.empty();
    }

    @Override
    public void deliver(PreparedBatch batch) throws Exception {
        Producer<byte[], byte[]> p = producer();
        boolean retry = batch.id() == pendingBatch;
        Attempt attempt = new Attempt();
        attempt.send(p, retry ? pending::forEach : batch::forEachRecord);
        List<ProducerRecord<byte[], byte[]>> failed = attempt.failed(retry ? pending : batch.records());
        if (failed.isEmpty()) {
            pendingBatch = -1;
            pending = null;
            return;
        }
        pendingBatch = batch.id();
        pending = failed;
        producer.discard();
        Optional<ProducerRecord<byte[], byte[]>> tooLarge = attempt.tooLarge();
        if (tooLarge.isPresent()) {
            throw OversizedRecord.error(destination, tooLarge.get(), batch.events(), attempt.firstError());
        }
        throw KafkaErrors.translate(destination, failed.size() + " records of batch " + batch.id()
                + " not acknowledged", attempt.firstError());
    }

    private Producer<byte[], byte[]> producer() throws Exception {
        if (producer.get() == null) {
            try {
                producer.set(clients.newProducer());
            } catch (RuntimeException e) {
                throw KafkaErrors.translate(destination, "cannot create the Kafka producer", e);
            }
        }
        return producer.get();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** One send of a sequence of records: which ones failed, and the first error. */
    private static final class Attempt {
        private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        private final ConcurrentHashMap<Integer, Exception> errors = new ConcurrentHashMap<>();
        private boolean stopped;
        private boolean flushed;
        private Exception sendError;

        /**
         * Sends and flushes. A failure reported while sending stops it: the producer is closed at once on this
         * thread, which fails the records it still holds (rather than let them reach Kafka ahead of the failed one)
         * and returns once every callback has run, so no flush is needed. When {@code send} throws, that record and
         * every later one count as failed.
         */
        void send(Producer<byte[], byte[]> producer, Consumer<Consumer<ProducerRecord<byte[], byte[]>>> records) {
            try {
                records.accept(r -> {
                    if (stopped) {
                        return;
                    }
                    if (!errors.isEmpty()) {
                        stopped = true;
                        producer.close(Duration.ZERO);
                        return;
                    }
                    int i = sent.size();
                    producer.send(r, (metadata, error) -> {
                        if (error != null) {
                            errors.put(i, error);
                        }
                    });
                    sent.add(r);
                });
            } catch (RuntimeException e) {
                sendError = e;
            }
            flush(producer);
        }

        private void flush(Producer<byte[], byte[]> producer) {
            if (stopped) {
                flushed = true;
                return;
            }
            try {
                producer.flush();
                flushed = true;
            } catch (RuntimeException e) {
                sendError = sendError == null ? e : sendError;
            }
        }

        /**
         * The records to send again, in order: every one from the first that failed on (acknowledged or not), and
         * those never sent (from {@code all}); all of them when the outcome is unknown (flush failed).
         */
        List<ProducerRecord<byte[], byte[]>> failed(List<ProducerRecord<byte[], byte[]>> all) {
            if (!flushed) {
                return all;
            }
            int first = errors.keySet().stream().min(Integer::compare).orElse(sent.size());
            List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>(sent.subList(first, sent.size()));
            failed.addAll(all.subList(Math.min(sent.size(), all.size()), all.size()));
            return failed;
        }

        /** The first record refused as too large, if any. */
        Optional<ProducerRecord<byte[], byte[]>> tooLarge() {
            return errors.entrySet().stream()
                    .filter(e -> KafkaErrors.classify(e.getValue()) == KafkaErrors.Kind.TOO_LARGE)
                    .map(java.util.Map.Entry::getKey).min(Integer::compare).map(sent::get);
        }

        /** The first record's failure, else the failure of {@code send} or {@code flush}. */
        Exception firstError() {
            return errors.keySet().stream().min(Integer::compare).map(errors::get)
                    .or(() -> Optional.ofNullable(sendError))
                    .orElseGet(() -> new IllegalStateException("no error recorded"));
        }
    }
}
