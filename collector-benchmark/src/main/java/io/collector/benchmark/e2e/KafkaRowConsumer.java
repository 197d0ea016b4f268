package io.collector.benchmark.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic of FlatMessage JSON records from its beginning (every partition, {@code read_committed} when
 * asked) and adds the {@code id} of every row in each record's {@code data} to a {@link RowTally}, until all rows
 * arrived: a row missing or arriving twice fails the run.
 */
final class KafkaRowConsumer {

    private static final byte[] DATA = "\"data\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW_ID = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_END = "],\"database\":".getBytes(StandardCharsets.US_ASCII);

    private KafkaRowConsumer() {
    }

    /**
     * Waits for {@code topic} (the server creates it with the first change), then reads it until {@code tally}
     * is complete.
     *
     * @throws IllegalStateException if not all rows arrived by {@code deadline} ({@link System#nanoTime()})
     */
    static void consume(String bootstrap, String topic, boolean readCommitted, RowTally tally, long deadline) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(bootstrap, readCommitted))) {
            List<TopicPartition> partitions = awaitTopic(consumer, topic, tally, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!tally.complete()) {
                CatchUpConsumer.checkDeadline(topic, tally, deadline);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    addRows(r.value(), tally);
                }
            }
        }
    }

    private static Properties properties(String bootstrap, boolean readCommitted) {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 << 20),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        return p;
    }

    private static List<TopicPartition> awaitTopic(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                   RowTally tally, long deadline) {
        while (true) {
            CatchUpConsumer.checkDeadline(topic, tally, deadline);
            try {
                List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                }
            } catch (TimeoutException slowBroker) {
                // a busy broker did not answer in time: ask again until the deadline
            }
            ServerProcess.sleep(Duration.ofMillis(50));
        }
    }

    /**
     * The ids of a FlatMessage's {@code data} rows: each row object starts with the table's first column,
     * {@code id}, written as a string ({@code {"id":"17",...}}). A record without rows (DDL) adds nothing.
     */
    static void addRows(byte[] json, RowTally tally) {
        int from = indexOf(json, DATA, 0);
        if (from < 0) {
            return;
        }
        int end = indexOf(json, DATA_END, from);
        if (end < 0) {
            throw new IllegalStateException("a FlatMessage whose data array does not end before \"database\": "
                    + new String(json, StandardCharsets.UTF_8));
        }
        for (int at = indexOf(json, ROW_ID, from); at >= 0 && at < end; at = indexOf(json, ROW_ID, at)) {
            at += ROW_ID.length;
            long id = 0;
            for (; json[at] != '"'; at++) {
                id = id * 10 + (json[at] - '0');
            }
            tally.add(id);
        }
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
