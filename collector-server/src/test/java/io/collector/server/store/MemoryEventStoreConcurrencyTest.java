package io.collector.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.testing.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One producer and one consumer move many events through a small store; order and count must hold. */
class MemoryEventStoreConcurrencyTest {

    private static final int EVENTS = 200_000;

    @Test
    @Timeout(60)
    void twoHundredThousandEventsPassThroughAHundredEntryStoreInOrder() throws Throwable {
        List<ChangeEvent> events = MemoryEventStoreTest.transactions(1, EVENTS);
        MemoryEventStore store = new MemoryEventStore("test", new StoreConfig(100, 1 << 20, false));
        store.start();
        try {
            Async<Void> producer = Async.start("producer", () -> produce(store, events));
            Async<Long> consumer = Async.start("consumer", () -> consume(store));

            producer.join(Duration.ofSeconds(50));
            assertThat(consumer.join(Duration.ofSeconds(50))).isEqualTo(EVENTS);
            assertThat(store.entryCount()).isZero();
            assertThat(store.ackedCursor().orElseThrow().globalId()).isEqualTo(EVENTS);
        } finally {
            store.stop();
        }
    }

    private static Void produce(MemoryEventStore store, List<ChangeEvent> events) throws InterruptedException {
        int from = 0;
        for (int chunk = 1; from < events.size(); chunk = chunk % 7 + 1) {
            int to = Math.min(events.size(), from + chunk);
            store.put(new ArrayList<>(events.subList(from, to)));
            from = to;
        }
        return null;
    }

    /** Takes batches of varying size, with and without timeouts, sometimes rolling back; returns the count. */
    private static long consume(MemoryEventStore store) throws InterruptedException {
        long expected = 1;
        for (int round = 0; expected <= EVENTS; round++) {
            Batch batch = store.get(1 + round % 37, round % 2 == 0 ? TimeUnit.MILLISECONDS.toNanos(5) : 0);
            if (batch.isEmpty()) {
                continue;
            }
            if (round % 101 == 0) {
                store.rollback();
                continue;
            }
            for (ChangeEvent event : batch.events()) {
                if (event.globalId() != expected) {
                    throw new AssertionError("expected id " + expected + " but got " + event.globalId());
                }
                expected++;
            }
            store.ack(batch.id());
        }
        return expected - 1;
    }
}
