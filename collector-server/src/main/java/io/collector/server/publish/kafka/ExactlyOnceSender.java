package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Exactly-once: a transactional producer whose {@code transactional.id} is derived from the destination.
 * {@link #open()} initializes it, which fences every older producer of the destination (a zombie's next commit
 * fails) and completes or aborts the transaction it left, then reads the position committed last. Each batch is
 * one transaction: its records plus its cursor written to the compacted positions topic under the destination's
 * name. After a failure the transaction is aborted and the producer replaced; the position is read again, and
 * only the entries after it are sent, so a commit whose acknowledgement was lost is not repeated. That happens
 * only after transient errors (timeouts, unavailable brokers); any other failure of a transaction (fenced, stale
 * epoch, invalid transaction state) stops the publisher: another instance of the destination took over.
 * (Replacing the producer after another failure, e.g. a timeout, fences whoever else runs the destination: run
 * each destination on one server, or under high availability, which stops the old leader.) A transaction is
 * committed only while {@code leading} holds: one begun by a leader that lost leadership meanwhile is aborted
 * ({@link NotLeadingException}).
 */
final class ExactlyOnceSender implements BatchSender {

    private final KafkaClients clients;
    private final KafkaPublisherConfig config;
    private final Clock clock;
    private final byte[] key;
    private final ProducerSlot producer = new ProducerSlot();
    private final BooleanSupplier leading;
    private boolean reopen;

    ExactlyOnceSender(KafkaClients clients, KafkaPublisherConfig config, Clock clock) {
        this(clients, config, clock, () -> true);
    }

    ExactlyOnceSender(KafkaClients clients, KafkaPublisherConfig config, Clock clock, BooleanSupplier leading) {
        this.leading = leading;
        this.clients = clients;
        this.config = config;
        this.clock = clock;
        this.key = config.destination().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Cursor> open() throws Exception {
        producer.discard();
        try {
            clients.ensureTopic(config.server().positionsTopic(), 1, PositionTopicConfig.COMPACTED);
            producer.set(clients.newProducer()).initTransactions();
            return clients.readPosition();
        } catch (RuntimeException e) {
            producer.discard();
            throw KafkaErrors.translate(config.destination(), "cannot open the transactional producer "
                    + config.transactionalId(), e);
        }
    }

    @Override
    public void deliver(PreparedBatch batch) throws Exception {
        Consumer<Consumer<ProducerRecord<byte[], byte[]>>> records = batch::forEachRecord;
        if (reopen) {
            Optional<Cursor> committed = open();
            reopen = false;
            if (committed.isPresent() && committed.get().globalId() >= batch.cursor().globalId()) {
                return;
            }
            if (committed.isPresent()) {
                records = batch.recordsAfter(committed.get().globalId())::forEach;
            }
        }
        AtomicReference<OversizedRecord.Refusal> tooLarge = new AtomicReference<>();
        try {
            commit(batch, records, tooLarge);
        } catch (NotLeadingException e) {
            throw e;
        } catch (RuntimeException e) {
            Exception error = failed(batch, e);
            OversizedRecord.Refusal refusal = tooLarge.get();
            throw refusal == null ? error
                    : OversizedRecord.error(config.destination(), refusal.record(), batch.events(), refusal.error());
        }
    }

    private void commit(PreparedBatch batch, Consumer<Consumer<ProducerRecord<byte[], byte[]>>> records,
                        AtomicReference<OversizedRecord.Refusal> tooLarge) {
        Producer<byte[], byte[]> p = producer.get();
        p.beginTransaction();
        records.accept(r -> p.send(r, (metadata, error) -> {
            if (error != null && KafkaErrors.classify(error) == KafkaErrors.Kind.TOO_LARGE) {
                tooLarge.compareAndSet(null, new OversizedRecord.Refusal(r, error));
            }
        }));
        p.send(new ProducerRecord<>(config.server().positionsTopic(), key,
                CursorJson.write(config.destination(), batch.id(), clock.millis(), batch.cursor())));
        if (!leading.getAsBoolean()) {
            p.abortTransaction();
            throw new NotLeadingException("leadership lost: transaction of batch " + batch.id() + " aborted");
        }
        p.commitTransaction();
    }

    /**
     * Aborts (which also tells whether we were fenced) and marks the producer for replacement. Only a transient
     * error (Kafka's {@link RetriableException}: timeouts, unavailable brokers) leads to a new producer: any other
     * failure of a transaction (stale epoch, invalid transaction state, ...) is what a newer producer of the
     * destination causes, and a new producer here would fence it in turn, so it counts as fenced.
     */
    private Exception failed(PreparedBatch batch, RuntimeException error) {
        KafkaErrors.Kind kind = KafkaErrors.classify(error);
        if (kind == KafkaErrors.Kind.RETRIABLE && !isTransient(error)) {
            producer.discard();
            return KafkaErrors.translate(config.destination(), "cannot commit batch " + batch.id(),
                    new ProducerFencedException("the transaction failed with " + KafkaErrors.describe(error)
                            + ", which a newer producer of the destination causes"));
        }
        Exception translated = KafkaErrors.translate(config.destination(), "cannot commit batch " + batch.id(), error);
        if (KafkaErrors.classify(translated) == KafkaErrors.Kind.RETRIABLE) {
            try {
                producer.get().abortTransaction();
            } catch (RuntimeException abortError) {
                if (KafkaErrors.classify(abortError) == KafkaErrors.Kind.FENCED) {
                    return KafkaErrors.translate(config.destination(), "fenced while aborting batch " + batch.id(),
                            abortError);
                }
            }
        }
        reopen = true;
        producer.discard();
        return translated;
    }

    private static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        producer.close();
    }
}
