package io.collector.server.publish.kafka;

import io.collector.server.error.ConfigException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The partition count to hash over for each topic, looked up once per topic and publisher run (creating the
 * topic when it is missing): the count configured for the topic, else its real count. Adding partitions to a
 * topic while publishing therefore changes nothing until the destination restarts, and then moves keys.
 */
final class TopicPartitions {

    private final KafkaPublisherConfig config;
    private final KafkaClients clients;
    private final Map<String, Integer> counts = new HashMap<>();

    TopicPartitions(KafkaPublisherConfig config, KafkaClients clients) {
        this.config = config;
        this.clients = clients;
    }

    /**
     * @throws ConfigException if the configured count or the fixed partition exceeds the topic's partitions
     */
    int count(String topic) {
        Integer known = counts.get(topic);
        if (known != null) {
            return known;
        }
        OptionalInt configured = config.partitioner().configuredCount(topic);
        int real = clients.ensureTopic(topic, configured.orElse(config.server().createPartitions()), Map.of());
        int count = configured.orElse(real);
        check(topic, count, real);
        counts.put(topic, count);
        return count;
    }

    private void check(String topic, int count, int real) {
        if (count > real) {
            throw new ConfigException("[destination=" + config.destination() + "] topic " + topic + " has " + real
                    + " partitions, fewer than the " + count + " configured to hash over"
                    + " (collector.instance.kafka.partitions / canal.mq.partitionsNum or"
                    + " collector.instance.kafka.topic.partitions / canal.mq.dynamicTopicPartitionNum)");
        }
        int fixed = config.partitioner().fixedPartition();
        if (fixed >= count) {
            throw new ConfigException("[destination=" + config.destination() + "] fixed partition " + fixed
                    + " (collector.instance.kafka.partition / canal.mq.partition) does not exist in topic " + topic
                    + ", which has " + count + " partitions");
        }
    }
}
