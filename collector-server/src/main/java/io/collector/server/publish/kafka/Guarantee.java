package io.collector.server.publish.kafka;

import java.util.Locale;
import java.util.Optional;

/** What the Kafka publisher promises about each change ({@code collector.kafka.guarantee}). */
public enum Guarantee {
    /**
     * Every change is written at least once, in order per partition: an idempotent producer with
     * {@code acks=all}; a batch is acknowledged in the store only when Kafka acknowledged all of its records.
     * A crash or a failed send can write some records again.
     */
    AT_LEAST_ONCE("at-least-once"),
    /**
     * Every change is visible exactly once to {@code read_committed} consumers: each batch and the position after
     * it are committed in one Kafka transaction, and a restart resumes from that position.
     */
    EXACTLY_ONCE("exactly-once");

    private final String spelling;

    Guarantee(String spelling) {
        this.spelling = spelling;
    }

    /** As written in the configuration: {@code at-least-once} or {@code exactly-once}. */
    public String spelling() {
        return spelling;
    }

    /** The guarantee spelled {@code text} (case-insensitive, '_' accepted for '-'). */
    public static Optional<Guarantee> parse(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Guarantee g : values()) {
            if (g.spelling.equals(normalized)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
