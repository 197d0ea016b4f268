package io.collector.server.publish.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A {@code read_committed} consumer following every partition of one existing topic from its beginning while
 * a stream runs, keeping what it read and when: a test waits on it to see progress in Kafka as a downstream
 * consumer would.
 */
final class TopicFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Read> read = new ArrayList<>();

    /** A record and System.nanoTime() when it was polled. */
    record Read(ConsumerRecord<byte[], byte[]> record, long atNanos) {
    }

    TopicFollower(KafkaTestCluster kafka, String topic) {
        // never create the topic (with the broker's default partition count) by asking for it
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "allow.auto.create.topics", false);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, KafkaIts.WAIT).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once; returns how many records came. */
    int poll() {
        var records = consumer.poll(POLL);
        long now = System.nanoTime();
        records.forEach(r -> read.add(new Read(r, now)));
        return records.count();
    }

    /** Everything read so far, in the order read. */
    List<Read> read() {
        return read;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
