package io.collector.server.publish.kafka;

import java.util.Map;

/** Topic settings of the positions topic: compacted, so it keeps the last position of each destination. */
final class PositionTopicConfig {

    static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    private PositionTopicConfig() {
    }
}
