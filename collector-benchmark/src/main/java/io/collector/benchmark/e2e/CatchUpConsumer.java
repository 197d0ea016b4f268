package io.collector.benchmark.e2e;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A client that takes every row of a destination, batch by batch, acknowledging each batch. */
interface CatchUpConsumer {

    /** Takes batches of this many entries, as the measurement did. */
    int BATCH_SIZE = 1000;

    /** How long the first subscription may be refused while the server starts the new destination. */
    Duration SUBSCRIBE_WAIT = Duration.ofSeconds(60);

    /** The name printed with the figures. */
    String name();

    /**
     * Connects to {@code destination} (retrying while the server does not serve it yet), then takes, parses and
     * acknowledges batches until every row of {@code tally} arrived.
     *
     * @throws IllegalStateException if not all rows arrived by {@code deadline} ({@link System#nanoTime()})
     */
    void consume(InetSocketAddress server, String destination, RowTally tally, long deadline);

    static CatchUpConsumer named(String name) {
        return switch (name) {
            case "canal" -> new CanalClientConsumer();
            case "sdk" -> new SdkConsumer();
            default -> throw new IllegalArgumentException("unknown consumer '" + name + "': canal or sdk");
        };
    }

    static void checkDeadline(String destination, RowTally tally, long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("[destination=" + destination + "] only " + tally.count()
                    + " rows arrived in time");
        }
    }
}
