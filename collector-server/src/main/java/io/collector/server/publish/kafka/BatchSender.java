package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.util.Optional;

/** Delivers prepared batches with one guarantee. Used by the publisher's thread only. */
interface BatchSender extends AutoCloseable {

    /**
     * Connects. For exactly-once, fences every older producer of the destination and returns the position
     * committed last; for at-least-once returns empty.
     *
     * @throws Exception as {@link KafkaErrors#translate} says
     */
    Optional<Cursor> open() throws Exception;

    /**
     * Delivers one batch: returns once Kafka acknowledged all of its records (for exactly-once: committed them
     * with the batch's cursor). After a failure, calling it again with the same batch resumes that batch without
     * reordering its records.
     *
     * @throws Exception as {@link KafkaErrors#translate} says
     */
    void deliver(PreparedBatch batch) throws Exception;

    @Override
    void close();
}
