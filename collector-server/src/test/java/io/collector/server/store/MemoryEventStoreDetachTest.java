package io.collector.server.store;

import static io.collector.server.store.MemoryEventStoreTest.ids;
import static io.collector.server.store.MemoryEventStoreTest.transactions;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import io.collector.server.store.SubscriptionLimits.LagPolicy;
import io.collector.server.store.SubscriptionState.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The detach policy of {@link MemoryEventStore}: a lagging subscription leaves the ring so the producer and the
 * other subscriptions go on, reads through its own catch-up reader after its cursor, and rejoins the ring once the
 * entry after its cursor is there; it receives every entry once, in order, with batch ids that keep counting.
 * The catch-up reader here replays the same stream the producer puts, as a binlog reader from a cursor does.
 */
@Timeout(30)
class MemoryEventStoreDetachTest {

    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);

    private final AtomicLong clock = new AtomicLong();
    private final ReplayingCatchUps catchUps = new ReplayingCatchUps();
    private MemoryEventStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
    }

    private MemoryEventStore started(int capacity, SubscriptionLimits limits) {
        store = new MemoryEventStore("test", new StoreConfig(capacity, 1 << 20, false, limits), catchUps, clock::get);
        store.start();
        return store;
    }

    private static SubscriptionLimits detach() {
        return new SubscriptionLimits(LagPolicy.DETACH, 0, 0, Duration.ZERO, Duration.ZERO);
    }

    private void put(List<ChangeEvent> events) throws InterruptedException {
        catchUps.stream.addAll(events);
        store.put(events);
    }

    private Mode mode(String id) {
        return store.subscriptionStates().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().mode();
    }

    /** Takes and acknowledges batches of {@code size} until {@code last} was received. */
    private static List<Long> drain(StoreSubscription s, int size, long last, List<Long> batchIds)
            throws InterruptedException {
        List<Long> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT;
        while ((received.isEmpty() || received.get(received.size() - 1) < last) && System.nanoTime() < deadline) {
            Batch b = s.get(size, TimeUnit.MILLISECONDS.toNanos(20));
            if (!b.isEmpty()) {
                received.addAll(ids(b));
                batchIds.add(b.id());
                s.ack(b.id());
            }
        }
        return received;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aSubscriptionHoldingAFullStoreDetachesCatchesUpAndRejoinsWithEveryEntryOnceInOrder() throws Exception {
        started(10, detach());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        put(transactions(1, 6));
        Batch first = slow.get(3, 0);
        slow.ack(first.id());
        assertThat(drain(fast, 6, 6, new ArrayList<>())).isEqualTo(range(1, 6));

        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> putQuietly(transactions(7, 30)));
        List<Long> fastIds = drain(fast, 5, 36, new ArrayList<>());
        producer.get(5, TimeUnit.SECONDS);

        assertThat(fastIds).as("the fast subscription goes on at once").isEqualTo(range(7, 36));
        assertThat(mode("slow")).isEqualTo(Mode.DETACHED);
        Batch fromReader = slow.get(4, WAIT);
        assertThat(mode("slow")).isEqualTo(Mode.CATCHING_UP);
        assertThat(catchUps.opened).containsExactly(first.cursor());
        slow.ack(fromReader.id());
        List<Long> batchIds = new ArrayList<>(List.of(fromReader.id()));
        List<Long> caughtUp = new ArrayList<>(ids(fromReader));
        caughtUp.addAll(drain(slow, 4, 36, batchIds));
        assertThat(mode("slow")).as("level with the ring: rejoined on its last ack").isEqualTo(Mode.ATTACHED);

        put(transactions(37, 4));
        List<Long> rejoined = drain(slow, 4, 40, batchIds);
        assertThat(mode("slow")).isEqualTo(Mode.ATTACHED);
        List<Long> all = new ArrayList<>(ids(first));
        all.addAll(caughtUp);
        all.addAll(rejoined);
        assertThat(all).isEqualTo(range(1, 40));
        assertThat(batchIds).as("batch ids go on from the ring's").startsWith(2L).isSorted().doesNotHaveDuplicates();
    }

    private void putQuietly(List<ChangeEvent> events) {
        try {
            put(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Slow takes 1-3 and acknowledges them, takes 4-7 and keeps them; fast takes everything; then 8-9 come. */
    private Batch slowBehindWithALeftover(StoreSubscription slow, StoreSubscription fast) throws Exception {
        put(transactions(1, 3));
        slow.ack(slow.get(3, 0).id());
        put(transactions(4, 4));
        Batch leftover = slow.get(4, 0);
        drain(fast, 10, 7, new ArrayList<>());
        put(transactions(8, 2));
        return leftover;
    }

    @Test
    void batchesHandedOutBeforeDetachingAreAcknowledgedInOrderAndNotDeliveredAgain() throws Exception {
        started(10, new SubscriptionLimits(LagPolicy.DETACH, 4, 0, Duration.ZERO, Duration.ZERO));
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        Batch leftover = slowBehindWithALeftover(slow, fast);

        assertThat(mode("slow")).isEqualTo(Mode.DETACHED);
        assertThat(store.entryCount()).as("under detach acknowledged entries stay until space is needed")
                .isEqualTo(9);
        assertThat(slow.outstandingBatches()).containsExactly(leftover.id());
        Batch next = slow.get(2, WAIT);
        assertThat(ids(next)).as("the reader passes over what the ring handed out").startsWith(8L);
        assertThat(next.id()).isEqualTo(leftover.id() + 1);
        assertThat(slow.outstandingBatches()).containsExactly(leftover.id(), next.id());
        assertThat(slow.ack(leftover.id())).isEqualTo(leftover.cursor());
        assertThat(slow.ack(next.id())).isEqualTo(next.cursor());
        assertThat(catchUps.opened).containsExactly(new Cursor(transactions(3, 1).get(0).restart(), 3));
    }

    @Test
    void aRollbackWithLeftoverBatchesReadsAgainFromTheAcknowledgedCursor() throws Exception {
        started(10, new SubscriptionLimits(LagPolicy.DETACH, 4, 0, Duration.ZERO, Duration.ZERO));
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        slowBehindWithALeftover(slow, fast);
        assertThat(ids(slow.get(2, WAIT))).startsWith(8L);

        slow.rollback();

        assertThat(slow.outstandingBatches()).isEmpty();
        assertThat(drain(slow, 5, 9, new ArrayList<>())).isEqualTo(range(4, 9));
        assertThat(catchUps.opened).hasSize(2).containsOnly(new Cursor(transactions(3, 1).get(0).restart(), 3));
    }

    @Test
    void anEntryWaitingLongerThanTheTimeLimitDetachesItsSubscriptionAtTheNextPut() throws Exception {
        started(100, new SubscriptionLimits(LagPolicy.DETACH, 0, 0, Duration.ofSeconds(10), Duration.ZERO));
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        put(transactions(1, 3));
        slow.ack(slow.get(3, 0).id());
        put(transactions(4, 3));
        fast.ack(fast.get(6, 0).id());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(9));
        put(transactions(7, 3));
        assertThat(mode("slow")).isEqualTo(Mode.ATTACHED);

        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        put(transactions(10, 3));

        assertThat(mode("slow")).isEqualTo(Mode.DETACHED);
        assertThat(mode("fast")).isEqualTo(Mode.ATTACHED);
        assertThat(store.subscriptionStates()).filteredOn(s -> s.id().equals("fast"))
                .allMatch(s -> s.unusedNanos() == TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void underBlockNothingDetachesAndAcknowledgedEntriesLeaveAtOnce() throws Exception {
        started(10, SubscriptionLimits.DEFAULT);
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        put(transactions(1, 10));
        slow.ack(slow.get(4, 0).id());
        drain(fast, 10, 10, new ArrayList<>());

        assertThat(store.entryCount()).isEqualTo(6);
        assertThat(mode("slow")).isEqualTo(Mode.ATTACHED);
        assertThat(catchUps.opened).isEmpty();
    }

    @Test
    void aSubscriptionWithoutAKnownPositionHoldsTheStoreAsUnderBlock() throws Exception {
        started(4, detach());
        StoreSubscription slow = store.subscription("slow", Optional.empty());
        StoreSubscription fast = store.subscription("fast", Optional.empty());
        put(transactions(1, 3));
        drain(fast, 4, 3, new ArrayList<>());
        put(transactions(4, 1));
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> putQuietly(transactions(5, 1)));

        Thread.sleep(200);
        assertThat(producer).as("nothing acknowledged nor evicted yet: no cursor to catch up from").isNotDone();
        assertThat(mode("slow")).isEqualTo(Mode.ATTACHED);
        slow.ack(slow.get(2, 0).id());
        producer.get(5, TimeUnit.SECONDS);
    }

    /** Catch-up readers that replay the stream put so far (and what comes later) after a cursor. */
    private static final class ReplayingCatchUps implements CatchUpSource {

        final List<ChangeEvent> stream = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Cursor> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public boolean canStartAfter(Cursor from) {
            return true;
        }

        @Override
        public CatchUpReader open(String subscription, Cursor from) {
            opened.add(from);
            MemoryEventStore own = new MemoryEventStore("catch-up-" + count.incrementAndGet(),
                    new StoreConfig(4, 1 << 20, false));
            own.start();
            Thread reader = new Thread(() -> replay(own, from.lastEntryId()), "test-catch-up");
            reader.setDaemon(true);
            reader.start();
            return new CatchUpReader() {
                @Override
                public EventStore store() {
                    return own;
                }

                @Override
                public Throwable failure() {
                    return null;
                }

                @Override
                public void close() {
                    reader.interrupt();
                    own.stop();
                }
            };
        }

        private void replay(MemoryEventStore own, long after) {
            int next = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (next >= stream.size()) {
                        Thread.sleep(1);
                        continue;
                    }
                    ChangeEvent e = stream.get(next++);
                    if (e.globalId() > after) {
                        own.put(List.of(e));
                    }
                }
            } catch (InterruptedException | IllegalStateException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
