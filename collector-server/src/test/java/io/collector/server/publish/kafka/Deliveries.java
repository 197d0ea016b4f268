package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a consumer of a {@link RowWriter} stream read from Kafka, and the checks of the guarantees on it: row events
 * per key, and the order of the records in each partition by their binlog global id.
 */
final class Deliveries {

    private Deliveries() {
    }

    /** Row events of table t ({@code I:id:v}, {@code U:id:v}) per id, in the order read. */
    static Map<Integer, List<String>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Map<String, Object> m = KafkaIts.json(r);
            if (!"t".equals(m.get("table"))) {
                continue;
            }
            String type = m.get("type").toString().substring(0, 1);
            for (Object row : (List<?>) m.get("data")) {
                Map<?, ?> values = (Map<?, ?>) row;
                int id = Integer.parseInt(values.get("id").toString());
                byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(type + ":" + id + ":" + values.get("v"));
            }
        }
        return byKey;
    }

    /** Exactly once in binlog order: in each partition, the records' global ids strictly increase. */
    static void assertBinlogOrderPerPartition(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Long> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            long id = globalId(r);
            Long before = last.put(r.partition(), id);
            assertThat(before == null || id > before)
                    .as("partition %d: record %d (offset %d) after %d", r.partition(), id, r.offset(), before)
                    .isTrue();
        }
    }

    /**
     * One key's events: the expected ones in order, where at any point the stream may go back to an event
     * already delivered and deliver again from there; every expected event is delivered.
     */
    static void assertReplayOf(List<String> expected, List<String> actual) {
        int highest = -1;
        for (String event : actual) {
            int i = expected.indexOf(event);
            assertThat(i).as("%s in %s (expected %s)", event, actual, expected).isBetween(0, highest + 1);
            highest = Math.max(highest, i);
        }
        assertThat(highest).as("last of %s delivered in %s", expected, actual).isEqualTo(expected.size() - 1);
    }

    /**
     * In each partition a record is either new (its global id above every one before) or redelivered; a
     * redelivery repeats records already read, in their order, up to the last one read, before anything new:
     * what resuming from an older cursor gives.
     */
    static void assertRedeliveriesAreTails(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, List<Long>> firstSeen = new HashMap<>();
        Map<Integer, Integer> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            long id = globalId(r);
            List<Long> seen = firstSeen.computeIfAbsent(r.partition(), k -> new ArrayList<>());
            if (seen.isEmpty() || id > seen.get(seen.size() - 1)) {
                assertThat(next.getOrDefault(r.partition(), 0))
                        .as("partition %d: new record %d before the redelivery reached the last one read",
                                r.partition(), id)
                        .isEqualTo(seen.size());
                seen.add(id);
                next.put(r.partition(), seen.size());
            } else {
                int i = Collections.binarySearch(seen, id);
                assertThat(i).as("partition %d: record %d out of order, never read before", r.partition(), id)
                        .isNotNegative();
                next.put(r.partition(), i + 1);
            }
        }
    }

    private static long globalId(ConsumerRecord<byte[], byte[]> r) {
        return Long.parseLong(KafkaIts.header(r, "globalId"));
    }
}
