package io.collector.server.publish.kafka;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.server.publish.EntryRows;
import io.collector.server.publish.kafka.PartitionHashRules.Hash;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The partition of each published row or entry, with Canal's hash functions so that a topic written by Canal
 * and by us assigns the same partitions:
 * <ul>
 *   <li>a table matched by a {@link PartitionHashRules rule} {@code pattern:$pk$} or {@code pattern:c1^c2}: each
 *       row by {@code schema.hashCode()} XOR the {@code hashCode()} of each key (or named) column's text value
 *       ("" for NULL) in the row's {@code data} image (after-image; before-image for a DELETE);</li>
 *   <li>a table matched by a rule {@code pattern} alone, or matched by no rule when no fixed partition is set
 *       (our default): the whole entry by {@code table.hashCode()};</li>
 *   <li>a table matched by no rule when {@code canal.mq.partition} is set: that partition.</li>
 * </ul>
 * A DDL or a statement without rows goes where its table's rows would go when hashed by table (or the fixed
 * partition). The partition is {@code |(|hash| mod n)|}, {@code n} the configured count for the topic, else the
 * topic's partition count. Immutable.
 */
public final class Partitioner {

    private final PartitionHashRules rules;
    private final int partitions;
    private final TopicPartitionCounts topicCounts;
    private final int fixedPartition;

    /**
     * @param partitionHash   Canal's {@code canal.mq.partitionHash} text; empty = every table by table name
     * @param partitions      partitions to hash over ({@code canal.mq.partitionsNum}); 0 = the topic's count
     * @param topicPartitions per-topic counts ({@code canal.mq.dynamicTopicPartitionNum}); may be empty
     * @param fixedPartition  the partition of tables no rule matches ({@code canal.mq.partition}); -1 = none
     * @throws IllegalArgumentException if a rule is not valid
     */
    public Partitioner(String partitionHash, int partitions, String topicPartitions, int fixedPartition) {
        this.rules = partitionHash.isBlank() ? PartitionHashRules.NONE : PartitionHashRules.parse(partitionHash);
        this.partitions = partitions;
        this.topicCounts = topicPartitions.isBlank() ? TopicPartitionCounts.NONE
                : TopicPartitionCounts.parse(topicPartitions);
        this.fixedPartition = fixedPartition;
    }

    /** Every table by table name over the topic's partitions: the default. */
    public static Partitioner byTable() {
        return new Partitioner("", 0, "", -1);
    }

    /** The partition count configured for {@code topic}, if any. */
    public OptionalInt configuredCount(String topic) {
        OptionalInt own = topicCounts.countFor(topic);
        return own.isPresent() || partitions <= 0 ? own : OptionalInt.of(partitions);
    }

    /** The fixed partition, or -1. */
    public int fixedPartition() {
        return fixedPartition;
    }

    /**
     * The partition of each row of {@code entry} (one element for an entry without rows).
     *
     * @param count the partitions to hash over, at least 1
     */
    public int[] partitions(EntryRows entry, int count) {
        int rows = entry.ddl() ? 0 : entry.rowCount();
        Optional<Hash> hash = rules.match(entry.schema(), entry.table());
        if (rows == 0 || hash.isEmpty() || hash.get().mode() == PartitionHashRules.Mode.TABLE) {
            int p = hash.isEmpty() && fixedPartition >= 0 ? fixedPartition : of(entry.table().hashCode(), count);
            int[] all = new int[Math.max(1, rows)];
            java.util.Arrays.fill(all, p);
            return all;
        }
        int[] result = new int[rows];
        for (int i = 0; i < rows; i++) {
            result[i] = of(rowHash(entry.schema(), entry.image(i), hash.get()), count);
        }
        return result;
    }

    private static int rowHash(String schema, List<Column> image, Hash hash) {
        int h = schema.hashCode();
        boolean byKey = hash.mode() == PartitionHashRules.Mode.PRIMARY_KEY;
        for (Column c : image) {
            if (byKey ? c.getIsKey() : contains(hash.columns(), c.getName())) {
                h ^= c.getValue().hashCode();
            }
        }
        return h;
    }

    private static boolean contains(List<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Canal's {@code |(|hash| mod n)|}. */
    static int of(int hash, int count) {
        return Math.abs(Math.abs(hash) % count);
    }
}
