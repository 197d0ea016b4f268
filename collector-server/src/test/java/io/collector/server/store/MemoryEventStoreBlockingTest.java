package io.collector.server.store;

import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.ofSize;
import static io.collector.server.store.MemoryEventStoreTest.ids;
import static io.collector.server.store.MemoryEventStoreTest.transactions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.TestEvents;
import io.collector.server.testing.Async;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Back-pressure, waiting gets and stop of {@link MemoryEventStore}. */
@Timeout(30)
class MemoryEventStoreBlockingTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private MemoryEventStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
    }

    private MemoryEventStore started(int entries, long bytes) {
        store = new MemoryEventStore("test", new StoreConfig(entries, bytes, false));
        store.start();
        return store;
    }

    @Test
    void putBlocksAtTheEntryBoundUntilAnAckFreesSpace() throws Throwable {
        started(3, 1 << 20).put(transactions(1, 3));
        Async<Void> put = Async.start("producer", () -> putAll(transactions(4, 2))).awaitBlocked();

        Batch batch = store.get(1, 0);
        assertThat(put.isDone()).isFalse();
        store.ack(batch.id());
        store.ack(store.get(1, 0).id());
        put.join(LIMIT);

        assertThat(store.entryCount()).isEqualTo(3);
        assertThat(ids(store.get(10, 0))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void theSlowestSubscriptionHoldsTheProducerBackAndAWaitingGetOfTheFastOneTakesWhatThereIs() throws Throwable {
        started(3, 1 << 20);
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        Async<Void> put = Async.start("producer", () -> putAll(transactions(1, 5))).awaitBlocked();

        Batch fastBatch = fast.get(10, Long.MAX_VALUE);
        fast.ack(fastBatch.id());
        assertThat(ids(fastBatch)).containsExactly(1L, 2L, 3L);
        assertThat(put.isDone()).isFalse();
        slow.ack(slow.get(2, 0).id());
        put.join(LIMIT);

        assertThat(ids(fast.get(10, 0))).containsExactly(4L, 5L);
        assertThat(ids(slow.get(10, 0))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void removingTheSlowestSubscriptionFreesWhatItHeld() throws Throwable {
        started(2, 1 << 20);
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        store.subscription("slow", Optional.empty());
        Async<Void> put = Async.start("producer", () -> putAll(transactions(1, 4))).awaitBlocked();
        fast.ack(fast.get(2, 0).id());

        store.unsubscribe("slow");
        put.join(LIMIT);

        assertThat(ids(fast.get(10, 0))).containsExactly(3L, 4L);
    }

    @Test
    void putBlocksAtTheByteBoundUntilAnAckFreesSpace() throws Throwable {
        started(100, 300).put(List.of(ofSize(1, 100), ofSize(2, 100)));
        Async<Void> put = Async.start("producer", () -> putAll(List.of(ofSize(3, 101)))).awaitBlocked();

        assertThat(store.byteCount()).isEqualTo(200);
        store.ack(store.get(1, 0).id());
        put.join(LIMIT);

        assertThat(store.byteCount()).isEqualTo(201);
    }

    @Test
    void anEventLargerThanTheByteCapacityEntersAnEmptyStore() throws Throwable {
        started(100, 100).put(List.of(ofSize(1, 80)));
        Async<Void> put = Async.start("producer", () -> putAll(List.of(ofSize(2, 500)))).awaitBlocked();

        store.ack(store.get(1, 0).id());
        put.join(LIMIT);

        assertThat(store.byteCount()).isEqualTo(500);
        assertThat(ids(store.get(5, 0))).containsExactly(2L);
    }

    @Test
    void aBlockedPutHandsOverWhatItAlreadyAppended() throws Throwable {
        started(2, 1 << 20);
        Async<Void> put = Async.start("producer", () -> putAll(transactions(1, 4))).awaitBlocked();
        Async<Batch> get = Async.start("consumer", () -> store.get(2, Long.MAX_VALUE));

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L);
        assertThat(put.isDone()).isFalse();
        store.ack(1);
        put.join(LIMIT);
    }

    @Test
    void zeroTimeoutReturnsAtOnceWithWhatThereIs() throws Exception {
        started(10, 1 << 20).put(transactions(1, 2));

        assertThat(ids(store.get(5, 0))).containsExactly(1L, 2L);
        assertThat(store.get(5, 0)).isSameAs(Batch.EMPTY);
    }

    @Test
    void aTimeoutReturnsAPartialBatchOnceItExpires() throws Exception {
        started(10, 1 << 20).put(transactions(1, 2));
        long timeout = TimeUnit.MILLISECONDS.toNanos(50);

        long begin = System.nanoTime();
        Batch batch = store.get(5, timeout);

        assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(timeout);
        assertThat(ids(batch)).containsExactly(1L, 2L);
    }

    @Test
    void aTimeoutOnAnEmptyStoreGivesTheEmptyBatch() throws Exception {
        started(10, 1 << 20);

        assertThat(store.get(5, TimeUnit.MILLISECONDS.toNanos(20))).isSameAs(Batch.EMPTY);
    }

    @Test
    void aTimedGetReturnsAsSoonAsTheBatchIsFull() throws Throwable {
        started(10, 1 << 20).put(transactions(1, 1));
        Async<Batch> get = Async.start("consumer", () -> store.get(3, TimeUnit.MINUTES.toNanos(10))).awaitBlocked();

        store.put(transactions(2, 2));

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anUnboundedGetWaitsUntilTheBatchIsFull() throws Throwable {
        started(10, 1 << 20);
        Async<Batch> get = Async.start("consumer", () -> store.get(2, Long.MAX_VALUE)).awaitBlocked();

        store.put(transactions(1, 1));
        get.awaitBlocked();
        assertThat(get.isDone()).isFalse();
        store.put(transactions(2, 3));

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L);
    }

    @Test
    void aGetForMoreThanTheCapacityReturnsOnceTheStoreIsFull() throws Throwable {
        started(3, 1 << 20);
        Async<Batch> get = Async.start("consumer", () -> store.get(10, Long.MAX_VALUE)).awaitBlocked();
        Async<Void> put = Async.start("producer", () -> putAll(transactions(1, 4)));

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L, 3L);
        store.ack(1);
        put.join(LIMIT);
    }

    @Test
    void anUnboundedGetEndsAtADdlWithIsolation() throws Throwable {
        store = new MemoryEventStore("test", new StoreConfig(10, 1 << 20, true));
        store.start();
        Async<Batch> get = Async.start("consumer", () -> store.get(5, Long.MAX_VALUE)).awaitBlocked();

        store.put(List.of(end(1), TestEvents.ddl(2, "db", "t", EventType.ALTER, "alter table t add c int")));

        assertThat(ids(get.join(LIMIT))).containsExactly(1L);
        assertThat(ids(store.get(5, Long.MAX_VALUE))).containsExactly(2L);
    }

    @Test
    void rollbackWakesAWaitingGet() throws Throwable {
        started(10, 1 << 20).put(transactions(1, 2));
        store.get(2, 0);
        Async<Batch> get = Async.start("consumer", () -> store.get(2, Long.MAX_VALUE)).awaitBlocked();

        store.rollback();

        assertThat(ids(get.join(LIMIT))).containsExactly(1L, 2L);
    }

    @Test
    void stopWakesABlockedPutAndABlockedGet() throws Throwable {
        started(1, 1 << 20).put(transactions(1, 1));
        Async<Void> put = Async.start("producer", () -> putAll(transactions(2, 1))).awaitBlocked();
        store.get(1, 0);
        Async<Batch> get = Async.start("consumer", () -> store.get(1, Long.MAX_VALUE)).awaitBlocked();

        store.stop();

        assertThatThrownBy(() -> put.join(LIMIT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> get.join(LIMIT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedPutKeepsWhatItAppended() throws Throwable {
        started(2, 1 << 20);
        Async<Void> put = Async.start("producer", () -> putAll(transactions(1, 3))).awaitBlocked();

        put.thread().interrupt();

        assertThatThrownBy(() -> put.join(LIMIT)).isInstanceOf(InterruptedException.class);
        assertThat(ids(store.get(5, 0))).containsExactly(1L, 2L);
    }

    private Void putAll(List<io.collector.server.entry.ChangeEvent> events) throws InterruptedException {
        store.put(events);
        return null;
    }
}
