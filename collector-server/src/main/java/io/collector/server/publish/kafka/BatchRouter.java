package io.collector.server.publish.kafka;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.publish.EntryRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch into {@link RecordPart}s: each published entry goes to its topic, and its rows to their
 * partitions; an entry whose rows hash to several partitions becomes one part per partition, each with its
 * rows in their order. Transaction begin/end entries are dropped.
 */
final class BatchRouter {

    private final KafkaPublisherConfig config;
    private final TopicPartitions partitions;

    BatchRouter(KafkaPublisherConfig config, TopicPartitions partitions) {
        this.config = config;
        this.partitions = partitions;
    }

    /** The parts of {@code events} in order, skipping entries whose id is not above {@code afterGlobalId}. */
    List<RecordPart> route(List<ChangeEvent> events, long afterGlobalId) {
        List<RecordPart> parts = new ArrayList<>(events.size());
        for (ChangeEvent event : events) {
            if (EntryRows.isPublished(event) && event.globalId() > afterGlobalId) {
                route(EntryRows.of(event), parts);
            }
        }
        return parts;
    }

    private void route(EntryRows entry, List<RecordPart> parts) {
        String topic = config.router().topicFor(entry.schema(), entry.table());
        int[] byRow = config.partitioner().partitions(entry, partitions.count(topic));
        if (allEqual(byRow)) {
            parts.add(new RecordPart(topic, byRow[0], entry, null));
            return;
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int row = 0; row < byRow.length; row++) {
            groups.computeIfAbsent(byRow[row], p -> new ArrayList<>()).add(row);
        }
        groups.forEach((partition, rows) -> parts.add(new RecordPart(topic, partition, entry,
                rows.stream().mapToInt(Integer::intValue).toArray())));
    }

    private static boolean allEqual(int[] values) {
        for (int v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }
}
