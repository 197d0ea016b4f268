package io.collector.server.publish.kafka;

import java.util.Locale;
import java.util.Optional;

/** The value of the records written ({@code collector.kafka.format}, Canal's {@code canal.mq.flatMessage}). */
public enum RecordFormat {
    /** Canal's FlatMessage JSON, one record per entry and partition (Canal's {@code canal.mq.flatMessage=true}). */
    JSON,
    /**
     * Canal's non-flat format: a serialized {@code Packet{type=MESSAGES, body=Messages{batch_id, messages}}}
     * whose messages are serialized entries, one record per batch, topic and partition
     * ({@code canal.mq.flatMessage=false}).
     */
    PROTOBUF;

    /** The format named {@code text} ({@code json} or {@code protobuf}, any case). */
    public static Optional<RecordFormat> parse(String text) {
        for (RecordFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
