package io.collector.server.store;

import static io.collector.server.entry.TestEvents.begin;
import static io.collector.server.entry.TestEvents.ddl;
import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch, ack and rollback semantics of {@link MemoryEventStore}, without blocking. */
class MemoryEventStoreTest {

    private MemoryEventStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.stop();
        }
    }

    private MemoryEventStore started(StoreConfig config) {
        store = new MemoryEventStore("test", config);
        store.start();
        return store;
    }

    private MemoryEventStore started() {
        return started(new StoreConfig(100, 1 << 20, false));
    }

    static List<ChangeEvent> transactions(long firstId, int count) {
        List<ChangeEvent> events = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            events.add(id % 3 == 0 ? end(id) : id % 3 == 1 ? begin(id) : row(id, "db", "t", EventType.INSERT));
        }
        return events;
    }

    static List<Long> ids(Batch batch) {
        return batch.events().stream().map(ChangeEvent::globalId).toList();
    }

    @Test
    void batchIdsStartAtOneAndEachBatchContinuesAfterThePrevious() throws Exception {
        started().put(transactions(1, 5));

        Batch first = store.get(2, 0);
        Batch second = store.get(2, 0);
        Batch third = store.get(2, 0);

        assertThat(List.of(first.id(), second.id(), third.id())).containsExactly(1L, 2L, 3L);
        assertThat(ids(first)).containsExactly(1L, 2L);
        assertThat(ids(second)).containsExactly(3L, 4L);
        assertThat(ids(third)).containsExactly(5L);
        assertThat(store.outstandingBatches()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void everySubscriptionReadsTheWholeStreamWithItsOwnBatchIds() throws Exception {
        started().put(transactions(1, 4));
        StoreSubscription a = store.subscription("a", Optional.empty());
        StoreSubscription b = store.subscription("b", Optional.empty());

        Batch first = a.get(3, 0);
        a.ack(first.id());
        Batch other = b.get(4, 0);

        assertThat(first.id()).isEqualTo(1);
        assertThat(other.id()).isEqualTo(1);
        assertThat(ids(first)).containsExactly(1L, 2L, 3L);
        assertThat(ids(other)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ids(a.get(4, 0))).containsExactly(4L);
    }

    @Test
    void anEntryIsFreedOnceEverySubscriptionAcknowledgedIt() throws Exception {
        started().put(transactions(1, 4));
        StoreSubscription a = store.subscription("a", Optional.empty());
        StoreSubscription b = store.subscription("b", Optional.empty());

        a.ack(a.get(4, 0).id());
        assertThat(store.entryCount()).isEqualTo(4);
        b.ack(b.get(1, 0).id());

        assertThat(store.entryCount()).isEqualTo(3);
        assertThat(store.byteCount()).isEqualTo(transactions(2, 3).stream().mapToLong(ChangeEvent::size).sum());
    }

    @Test
    void aRollbackRedeliversOnlyToItsOwnSubscription() throws Exception {
        started().put(transactions(1, 4));
        StoreSubscription a = store.subscription("a", Optional.empty());
        StoreSubscription b = store.subscription("b", Optional.empty());
        a.get(2, 0);
        b.get(2, 0);

        a.rollback();

        assertThat(b.outstandingBatches()).containsExactly(1L);
        assertThat(ids(a.get(4, 0))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(ids(b.get(4, 0))).containsExactly(3L, 4L);
    }

    @Test
    void aSubscriptionWithACursorPassesOverWhatItAcknowledgedBefore() throws Exception {
        started().put(transactions(1, 6));
        StoreSubscription behind = store.subscription("behind", Optional.empty());
        StoreSubscription ahead = store.subscription("ahead", Optional.of(transactions(4, 1).get(0).cursor()));

        assertThat(ids(ahead.get(10, 0))).containsExactly(5L, 6L);
        assertThat(ids(behind.get(10, 0))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aNewSubscriptionJoinsAtTheOldestEntryHeld() throws Exception {
        started().put(transactions(1, 4));
        StoreSubscription a = store.subscription("a", Optional.empty());
        a.ack(a.get(2, 0).id());

        StoreSubscription late = store.subscription("late", Optional.empty());

        assertThat(ids(late.get(10, 0))).containsExactly(3L, 4L);
        assertThat(store.subscription("a", Optional.empty())).isSameAs(a);
    }

    @Test
    void queriesOfTheStoreCreateNoSubscriptionThatWouldHoldEntries() throws Exception {
        started().put(transactions(1, 3));
        StoreSubscription a = store.subscription("a", Optional.empty());
        a.get(2, 0);

        assertThat(store.outstandingBatches()).isEmpty();
        assertThat(store.ackedCursor()).isEmpty();
        assertThat(store.outstandingBatchCount()).isEqualTo(1);
        a.ack(1);

        assertThat(store.entryCount()).isEqualTo(1);
        assertThat(store.outstandingBatchCount()).isZero();
    }

    @Test
    void aRemovedSubscriptionCannotGet() throws Exception {
        started().put(transactions(1, 2));
        StoreSubscription a = store.subscription("a", Optional.empty());

        assertThat(store.unsubscribe("a")).isTrue();
        assertThat(store.unsubscribe("a")).isFalse();

        assertThatThrownBy(() -> a.get(1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("subscription a of destination test was removed");
    }

    @Test
    void nothingAvailableGivesTheEmptyBatch() throws Exception {
        started();

        assertThat(store.get(10, 0)).isSameAs(Batch.EMPTY);
        assertThat(store.outstandingBatches()).isEmpty();
    }

    @Test
    void ackReturnsTheCursorOfTheBatchsLastEventAndFreesItsSpace() throws Exception {
        started().put(transactions(1, 4));
        Batch batch = store.get(3, 0);

        Cursor cursor = store.ack(batch.id());

        assertThat(cursor).isEqualTo(batch.events().get(2).cursor()).isEqualTo(batch.cursor());
        assertThat(store.ackedCursor()).contains(cursor);
        assertThat(store.entryCount()).isEqualTo(1);
        assertThat(store.byteCount()).isEqualTo(transactions(4, 1).get(0).size());
        assertThat(store.outstandingBatches()).isEmpty();
    }

    @Test
    void ackedCursorIsEmptyBeforeTheFirstAck() throws Exception {
        started().put(transactions(1, 2));
        store.get(2, 0);

        assertThat(store.ackedCursor()).isEmpty();
    }

    @Test
    void acksMustComeInDeliveryOrder() throws Exception {
        started().put(transactions(1, 4));
        store.get(2, 0);
        Batch second = store.get(2, 0);

        assertThatThrownBy(() -> store.ack(second.id()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot ack batch 2")
                .hasMessageContaining("acks must follow delivery order")
                .hasMessageContaining("oldest outstanding batch is 1");
        assertThat(store.outstandingBatches()).containsExactly(1L, 2L);
        assertThat(store.entryCount()).isEqualTo(4);
    }

    @Test
    void unknownBatchIdsAreRejected() throws Exception {
        started().put(transactions(1, 2));

        assertThatThrownBy(() -> store.ack(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no batch is outstanding");
        store.get(1, 0);
        assertThatThrownBy(() -> store.ack(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown batch id");
    }

    @Test
    void rollbackRedeliversEverythingUnackedInOrder() throws Exception {
        started().put(transactions(1, 6));
        store.ack(store.get(2, 0).id());
        store.get(2, 0);
        store.get(2, 0);

        store.rollback();
        Batch again = store.get(10, 0);

        assertThat(ids(again)).containsExactly(3L, 4L, 5L, 6L);
        assertThat(again.id()).isEqualTo(4);
        assertThat(store.outstandingBatches()).containsExactly(4L);
        assertThat(store.ack(again.id()).globalId()).isEqualTo(6);
    }

    @Test
    void rollbackWithNothingOutstandingChangesNothing() throws Exception {
        started().put(transactions(1, 2));

        store.rollback();

        assertThat(ids(store.get(5, 0))).containsExactly(1L, 2L);
    }

    @Test
    void ddlIsolationPutsEachDdlAloneInItsBatch() throws Exception {
        started(new StoreConfig(100, 1 << 20, true)).put(List.of(begin(1), row(2, "db", "t", EventType.INSERT),
                end(3), ddl(4, "db", "t", EventType.ALTER, "alter table t add c int"),
                ddl(5, "db", "u", EventType.CREATE, "create table u (id int)"), begin(6), end(7)));

        assertThat(ids(store.get(10, 0))).containsExactly(1L, 2L, 3L);
        assertThat(ids(store.get(10, 0))).containsExactly(4L);
        assertThat(ids(store.get(10, 0))).containsExactly(5L);
        assertThat(ids(store.get(10, 0))).containsExactly(6L, 7L);
    }

    @Test
    void withoutDdlIsolationDdlSharesTheBatch() throws Exception {
        started().put(List.of(end(1), ddl(2, "db", "t", EventType.ALTER, "alter table t add c int"), begin(3)));

        assertThat(ids(store.get(10, 0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void ddlIsolationHoldsAfterRollback() throws Exception {
        started(new StoreConfig(100, 1 << 20, true))
                .put(List.of(end(1), ddl(2, "db", "t", EventType.ERASE, "drop table t"), begin(3)));
        store.get(10, 0);
        store.get(10, 0);

        store.rollback();

        assertThat(ids(store.get(10, 0))).containsExactly(1L);
        assertThat(ids(store.get(10, 0))).containsExactly(2L);
        assertThat(ids(store.get(10, 0))).containsExactly(3L);
    }

    @Test
    void putAndGetNeedARunningStore() {
        store = new MemoryEventStore("test", StoreConfig.defaults());

        assertThatThrownBy(() -> store.put(transactions(1, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test");
        assertThatThrownBy(() -> store.get(1, 0)).isInstanceOf(IllegalStateException.class);
        store.start();
        store.stop();
        assertThatThrownBy(() -> store.get(1, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidGetArgumentsAreRejected() {
        started();

        assertThatThrownBy(() -> store.get(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
