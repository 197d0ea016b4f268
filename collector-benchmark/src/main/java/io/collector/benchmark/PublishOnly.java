package io.collector.benchmark;

import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.BinlogEventParser;
import io.collector.server.publish.kafka.KafkaPublisher;
import io.collector.server.sink.filter.FilteringEventSink;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** The publisher alone: the whole binlog range parsed into a store first, then published and timed. */
final class PublishOnly {

    private PublishOnly() {
    }

    static double run(InstanceConfig config, int rows) {
        MemoryEventStore store = new MemoryEventStore(config.destination(),
                new StoreConfig(StoreConfig.MAX_CAPACITY_ENTRIES, 4L << 30, false));
        store.start();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        KafkaPublisher publisher = new KafkaPublisher(config.kafka().orElseThrow(), store, meta, Clock.systemUTC());
        BinlogEventParser parser = new BinlogEventParser(config.parser(),
                new FilteringEventSink(config.filters(), store), Optional::empty, publisher.entryForm());
        parser.start();
        long stable = 0;
        for (int last = -1; stable < 50; LockSupport.parkNanos(Duration.ofMillis(20).toNanos())) {
            int now = store.entryCount();
            stable = now == last && now > 0 ? stable + 1 : 0;
            last = now;
        }
        parser.stop();
        long began = System.nanoTime();
        publisher.start();
        try {
            while (publisher.status().rows() < rows) {
                if (publisher.failure() != null) {
                    throw new IllegalStateException("publisher failed", publisher.failure());
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            publisher.stop();
            store.stop();
            meta.stop();
        }
    }
}
