package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients one publisher uses, created on demand and all used from the publisher's thread. Tests
 * substitute fakes. Every method may block up to the clients' own timeouts and throws Kafka's exceptions.
 */
interface KafkaClients extends AutoCloseable {

    /** A new producer: idempotent, and for exactly-once transactional with the destination's id. */
    Producer<byte[], byte[]> newProducer();

    /**
     * The partition count of {@code topic}, creating it first with {@code partitions} partitions and
     * {@code configs} when it is missing and creation is allowed.
     *
     * @throws org.apache.kafka.common.errors.UnknownTopicOrPartitionException if it is missing and may not be
     *                                                                         created
     */
    int ensureTopic(String topic, int partitions, Map<String, String> configs);

    /** The last position committed for the destination in the positions topic, read with read_committed. */
    Optional<Cursor> readPosition();

    @Override
    void close();
}
