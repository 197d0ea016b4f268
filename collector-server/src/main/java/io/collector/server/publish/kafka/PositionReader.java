package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the positions topic from the beginning up to its last stable offset with {@code read_committed}, and
 * returns the last position committed for one destination (a record with a null value forgets it). The topic
 * is compacted, so this reads little.
 */
final class PositionReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final byte[] key;
    private final Map<String, Object> properties;
    private final Duration timeout;

    PositionReader(String topic, String destination, Map<String, Object> properties, Duration timeout) {
        this.topic = topic;
        this.key = destination.getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.timeout = timeout;
    }

    Optional<Cursor> read() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return readToEnd(consumer, consumer.endOffsets(partitions, timeout));
        }
    }

    private Optional<Cursor> readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Cursor last = null;
        while (!atEnd(consumer, ends)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("cannot read positions topic " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (Arrays.equals(key, r.key())) {
                    last = r.value() == null ? null : CursorJson.read(r.value(), topic);
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
