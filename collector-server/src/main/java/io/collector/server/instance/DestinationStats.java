package io.collector.server.instance;

import io.collector.server.parser.ParserStats;
import io.collector.server.sink.SinkStats;
import io.collector.server.snapshot.SnapshotStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The counters of one destination, kept by the server across restarts of the destination so that they only grow.
 *
 * @param parser   what the binlog reader read
 * @param sink     what reached the store and what the filters dropped
 * @param registry where components with meters of their own (the Kafka producer) publish them
 * @param snapshot the progress of the destination's snapshot
 */
public record DestinationStats(ParserStats parser, SinkStats sink, MeterRegistry registry, SnapshotStats snapshot) {

    public DestinationStats(ParserStats parser, SinkStats sink, MeterRegistry registry) {
        this(parser, sink, registry, new SnapshotStats());
    }

    /** Counters whose component meters go nowhere. */
    public DestinationStats() {
        this(new CompositeMeterRegistry());
    }

    public DestinationStats(MeterRegistry registry) {
        this(new ParserStats(), new SinkStats(), registry);
    }
}
