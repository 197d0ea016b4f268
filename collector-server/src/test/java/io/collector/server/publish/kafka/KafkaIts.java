package io.collector.server.publish.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.publish.Publisher;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Shared pieces of the Kafka ITs: destination configurations, reading topics back, FlatMessage parsing. */
final class KafkaIts {

    static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaIts() {
    }

    /** Server settings for tests: quick retries, short client timeouts so broker outages surface fast. */
    static KafkaServerConfig server(KafkaTestCluster kafka, Guarantee guarantee, int createPartitions) {
        Map<String, String> client = new HashMap<>();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        client.put("delivery.timeout.ms", "6000");
        client.put("request.timeout.ms", "2000");
        client.put("max.block.ms", "5000");
        client.put("transaction.timeout.ms", "20000");
        client.put("reconnect.backoff.max.ms", "200");
        return KafkaServerConfig.builder().clientProperties(client).guarantee(guarantee).batchSize(50)
                .getTimeout(Duration.ofMillis(20)).createPartitions(createPartitions)
                .retry(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
    }

    static InstanceConfig config(TestMariaDb db, String destination, StartConfig start, KafkaPublisherConfig kafka) {
        return new InstanceConfig(destination, Pipeline.parserConfig(db, destination, start), SinkFilters.none(),
                StoreConfig.defaults(), kafka);
    }

    static Destination start(InstanceConfig config, MetaManager meta) {
        Destination d = new Destination(config, meta);
        d.start();
        return d;
    }

    static Publisher publisher(Destination d) {
        return d.publisher().orElseThrow();
    }

    /** Waits until the destination's publisher acknowledged everything up to {@code globalId}. */
    static void awaitPublished(Destination d, long globalId) {
        LongSupplier at = () -> {
            var cursor = publisher(d).status().cursor();
            return cursor == null ? -1 : cursor.globalId();
        };
        Await.until("destination " + d.name() + " published up to " + globalId, WAIT, () -> {
            if (d.failure() != null) {
                throw new AssertionError("destination failed: " + d.failure().getMessage(), d.failure());
            }
            return at.getAsLong() >= globalId;
        });
    }

    /** Every record of {@code topics}, read from the beginning up to their end (last stable offset). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaTestCluster kafka, Collection<String> topics,
                                                        boolean readCommitted) {
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> c.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics + " to the end");
                }
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    static Map<String, Object> json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readValue(record.value(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
