package io.collector.server.publish.kafka;

import java.util.Objects;

/**
 * Everything one destination's Kafka publisher needs: the server-wide settings, where each change goes
 * (topic) and in which partition.
 *
 * @param destination the destination's name; also names its transactional producer
 *                    ({@code <collector.kafka.transactional.id.prefix><name>})
 * @param server      the server-wide Kafka settings
 * @param router      the topic of each entry
 * @param partitioner the partition of each entry or row
 */
public record KafkaPublisherConfig(String destination, KafkaServerConfig server, TopicRouter router,
                                   Partitioner partitioner) {

    public KafkaPublisherConfig {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(partitioner, "partitioner");
    }

    /**
     * The transactional id of an exactly-once publisher: the deployment's prefix and the destination, so a
     * successor on another server of the deployment fences it, and another deployment does not.
     */
    public String transactionalId() {
        return server.transactionalIdPrefix() + destination;
    }
}
