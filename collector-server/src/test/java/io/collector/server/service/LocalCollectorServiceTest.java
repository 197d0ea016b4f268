package io.collector.server.service;

import static io.collector.server.entry.TestEvents.begin;
import static io.collector.server.entry.TestEvents.ddl;
import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscription, ack and rollback rules of {@link LocalCollectorService} over a real store and meta manager. */
class LocalCollectorServiceTest {

    static final ClientIdentity CLIENT = new ClientIdentity("example", "1001");

    record Handle(EventStore store, MetaManager meta) implements DestinationHandle {
    }

    final MemoryEventStore store = new MemoryEventStore("example", new StoreConfig(100, 1 << 20, false));
    final MemoryMetaManager meta = new MemoryMetaManager();
    final CollectorService service = new LocalCollectorService(
            name -> name.equals("example") ? Optional.of(new Handle(store, meta)) : Optional.empty());

    @BeforeEach
    void start() {
        store.start();
        meta.start();
    }

    @AfterEach
    void stop() {
        store.stop();
        meta.stop();
    }

    private long nextId = 1;

    /** Puts {@code count} transactions of begin, one insert into {@code db.t}, end; ids continue from 1. */
    void putTransactions(int count) throws InterruptedException {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(begin(nextId++));
            events.add(row(nextId++, "db", "t", EventType.INSERT));
            events.add(end(nextId++));
        }
        store.put(events);
    }

    static List<Long> ids(Message message) {
        return message.events().stream().map(ChangeEvent::globalId).toList();
    }

    Message getNow(int batchSize) {
        return service.getWithoutAck(CLIENT, batchSize, -1, TimeUnit.MILLISECONDS);
    }

    static void assertCode(ThrowingCallable call, int code, String... fragments) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CollectorServiceException.class,
                e -> assertThat(e.code()).isEqualTo(code)).message().contains(fragments);
    }

    @Test
    void anUnknownDestinationIs401() {
        ClientIdentity stranger = new ClientIdentity("nowhere", "1001");

        assertCode(() -> service.subscribe(stranger, ""), 401, "nowhere", "unknown destination");
        assertCode(() -> service.getWithoutAck(stranger, 10, -1, TimeUnit.SECONDS), 401, "nowhere");
        assertCode(() -> service.ack(stranger, 1), 401, "nowhere");
        assertCode(() -> service.unsubscribe(stranger), 401, "nowhere");
    }

    @Test
    void aDestinationThisServerNoLongerLeadsDeliversNothingAndTakesNoAck() throws InterruptedException {
        AtomicBoolean leading = new AtomicBoolean(true);
        DestinationHandle handle = new DestinationHandle() {
            @Override
            public EventStore store() {
                return store;
            }

            @Override
            public MetaManager meta() {
                return meta;
            }

            @Override
            public boolean delivering() {
                return leading.get();
            }
        };
        CollectorService led = new LocalCollectorService(name -> Optional.of(handle));
        led.subscribe(CLIENT, "");
        putTransactions(2);
        Message first = led.getWithoutAck(CLIENT, 3, -1, TimeUnit.MILLISECONDS);
        leading.set(false);

        assertCode(() -> led.ack(CLIENT, first.batchId()), 400, "is not ready on this server", "does not lead");
        assertCode(() -> led.getWithoutAck(CLIENT, 3, -1, TimeUnit.MILLISECONDS), 400, "does not lead");
        assertThat(meta.cursor("example", CLIENT.clientId())).isEmpty();
    }

    @Test
    void aClientMustSubscribeFirst() {
        assertCode(() -> getNow(10), 401, "example", "1001", "has not subscribed");
        assertCode(() -> service.ack(CLIENT, 1), 401, "1001");
        assertCode(() -> service.rollback(CLIENT), 401, "1001");
    }

    @Test
    void aSubscriptionIsRecordedWithItsFilter() {
        service.subscribe(CLIENT, "db\\..*");

        assertThat(meta.filter("example", "1001")).contains("db\\..*");
        assertThat(meta.subscriptions("example")).containsExactly("1001");
    }

    @Test
    void aNullFilterSubscribesToEverything() {
        service.subscribe(CLIENT, null);

        assertThat(meta.filter("example", "1001")).contains("");
    }

    @Test
    void anInvalidFilterIs400AndDoesNotSubscribe() {
        assertCode(() -> service.subscribe(CLIENT, "db\\.(t"), 400, "invalid filter", "1001");

        assertThat(meta.subscriptions("example")).isEmpty();
    }

    @Test
    void nothingAvailableGivesBatchIdMinusOne() {
        service.subscribe(CLIENT, "");

        Message message = getNow(10);

        assertThat(message.batchId()).isEqualTo(-1);
        assertThat(message.events()).isEmpty();
    }

    @Test
    void batchesContinueEachAfterThePrevious() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(2);

        Message first = getNow(4);
        Message second = getNow(4);

        assertThat(first.batchId()).isEqualTo(1);
        assertThat(ids(first)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(second.batchId()).isEqualTo(2);
        assertThat(ids(second)).containsExactly(5L, 6L);
    }

    @Test
    void anAckPersistsTheBatchCursorForTheClient() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(2);
        Message message = getNow(3);

        service.ack(CLIENT, message.batchId());

        assertThat(meta.cursor("example", "1001")).contains(message.events().get(2).cursor());
        assertThat(store.entryCount()).isEqualTo(3);
    }

    @Test
    void ackOfMinusOneIsIgnoredAndZeroIs402() {
        service.ack(CLIENT, -1);
        service.ack(new ClientIdentity("nowhere", "x"), -1);

        assertCode(() -> service.ack(CLIENT, 0), 402, "batch id 0");
    }

    @Test
    void anOutOfOrderOrUnknownAckIs400WithContext() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(2);
        getNow(3);
        Message second = getNow(3);

        assertCode(() -> service.ack(CLIENT, second.batchId()), 400, "example", "1001", "batch 2",
                "oldest outstanding batch is 1");
        assertCode(() -> service.ack(CLIENT, 99), 400, "batch 99", "unknown batch id");
        assertThat(meta.cursor("example", "1001")).isEmpty();
    }

    @Test
    void rollbackRedeliversEverythingUnacked() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(2);
        service.ack(CLIENT, getNow(2).batchId());
        getNow(2);
        getNow(2);

        service.rollback(CLIENT);

        assertThat(ids(getNow(10))).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void rollbackOfOneBatchAlsoRedeliversEverythingUnacked() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(2);
        getNow(2);
        Message second = getNow(2);

        service.rollback(CLIENT, second.batchId());

        Message again = getNow(10);
        assertThat(ids(again)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(again.batchId()).isEqualTo(3);
    }

    @Test
    void rollbackOfBatchZeroMeansAllAndMinusOneIsIgnored() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(1);
        getNow(2);

        service.rollback(CLIENT, -1);
        assertThat(store.subscription("1001", Optional.empty()).outstandingBatches()).containsExactly(1L);
        service.rollback(CLIENT, 0);

        assertThat(ids(getNow(10))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void rollbackOfABatchNotOutstandingIs400() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(1);
        service.ack(CLIENT, getNow(3).batchId());

        assertCode(() -> service.rollback(CLIENT, 1), 400, "batch 1", "not outstanding", "1001");
    }

    @Test
    void aClientFilterNarrowsWhatTheClientReceives() throws InterruptedException {
        service.subscribe(CLIENT, "shop\\..*");
        store.put(List.of(begin(1), row(2, "db", "t", EventType.INSERT), row(3, "shop", "orders", EventType.INSERT),
                end(4), ddl(5, "db", "t", EventType.ALTER, "alter table t add c int"),
                ddl(6, "shop", "orders", EventType.ALTER, "alter table orders add c int")));

        Message message = getNow(10);

        assertThat(ids(message)).containsExactly(1L, 3L, 4L, 6L);
        service.ack(CLIENT, message.batchId());
        assertThat(meta.cursor("example", "1001").orElseThrow().globalId()).isEqualTo(6);
    }

    @Test
    void aBatchTheFilterEmptiesStillHasAnIdToAck() throws InterruptedException {
        service.subscribe(CLIENT, "shop\\..*");
        store.put(List.of(row(1, "db", "t", EventType.INSERT)));

        Message message = getNow(10);

        assertThat(message.batchId()).isEqualTo(1);
        assertThat(message.events()).isEmpty();
        service.ack(CLIENT, message.batchId());
        assertThat(meta.cursor("example", "1001").orElseThrow().globalId()).isEqualTo(1);
    }

    @Test
    void subscribingAgainReplacesTheFilter() throws InterruptedException {
        service.subscribe(CLIENT, "shop\\..*");
        service.subscribe(CLIENT, "");
        store.put(List.of(row(1, "db", "t", EventType.INSERT)));

        assertThat(ids(getNow(10))).containsExactly(1L);
    }

    @Test
    void eachClientIdReceivesTheWholeStreamWithItsOwnBatchesAndCursor() throws InterruptedException {
        ClientIdentity other = new ClientIdentity("example", "2002");
        service.subscribe(CLIENT, "");
        service.subscribe(other, "");
        putTransactions(1);

        Message first = getNow(2);
        Message second = service.getWithoutAck(other, 3, -1, TimeUnit.MILLISECONDS);
        service.ack(CLIENT, first.batchId());
        service.ack(other, second.batchId());

        assertThat(first.batchId()).isEqualTo(1);
        assertThat(second.batchId()).isEqualTo(1);
        assertThat(ids(first)).containsExactly(1L, 2L);
        assertThat(ids(second)).containsExactly(1L, 2L, 3L);
        assertThat(meta.cursor("example", "1001").orElseThrow().globalId()).isEqualTo(2);
        assertThat(meta.cursor("example", "2002").orElseThrow().globalId()).isEqualTo(3);
    }

    @Test
    void aRollbackOrAckOfOneClientIdLeavesTheOtherAlone() throws InterruptedException {
        ClientIdentity other = new ClientIdentity("example", "2002");
        service.subscribe(CLIENT, "");
        service.subscribe(other, "");
        putTransactions(2);
        Message mine = getNow(3);
        Message theirs = service.getWithoutAck(other, 3, -1, TimeUnit.MILLISECONDS);

        service.rollback(other);
        service.ack(CLIENT, mine.batchId());

        assertThat(ids(service.getWithoutAck(other, 3, -1, TimeUnit.MILLISECONDS))).containsExactly(1L, 2L, 3L);
        assertThat(ids(getNow(3))).containsExactly(4L, 5L, 6L);
        assertCode(() -> service.ack(other, theirs.batchId() + 5), 400, "unknown batch id", "2002");
    }

    @Test
    void anEntryIsFreedOnceEveryClientIdAcknowledgedIt() throws InterruptedException {
        ClientIdentity other = new ClientIdentity("example", "2002");
        service.subscribe(CLIENT, "");
        service.subscribe(other, "");
        putTransactions(2);

        service.ack(CLIENT, getNow(6).batchId());
        assertThat(store.entryCount()).isEqualTo(6);
        service.ack(other, service.getWithoutAck(other, 4, -1, TimeUnit.MILLISECONDS).batchId());
        assertThat(store.entryCount()).isEqualTo(2);
        service.unsubscribe(other);
        assertThat(store.entryCount()).isZero();
    }

    @Test
    void aClientIdWithARecordedCursorPassesOverWhatItAcknowledged() throws InterruptedException {
        meta.subscribe("example", "2002", "");
        meta.updateCursor("example", "2002", row(4, "db", "t", EventType.INSERT).cursor());
        ClientIdentity other = new ClientIdentity("example", "2002");
        service.subscribe(CLIENT, "");
        putTransactions(3);

        assertThat(ids(service.getWithoutAck(other, 10, -1, TimeUnit.MILLISECONDS))).containsExactly(5L, 6L, 7L,
                8L, 9L);
        assertThat(ids(getNow(10))).hasSize(9);
    }

    @Test
    void unsubscribingRemovesTheSubscriptionAndItsCursor() throws InterruptedException {
        service.subscribe(CLIENT, "");
        putTransactions(1);
        service.ack(CLIENT, getNow(3).batchId());

        service.unsubscribe(CLIENT);

        assertThat(meta.cursor("example", "1001")).isEmpty();
        assertCode(() -> getNow(10), 401, "has not subscribed");
    }

    @Test
    void aBatchSizeBelowOneIs400() {
        service.subscribe(CLIENT, "");

        assertCode(() -> getNow(0), 400, "batch size");
    }

    @Test
    void aStoppedDestinationIs400() {
        service.subscribe(CLIENT, "");
        store.stop();

        assertCode(() -> getNow(10), 400, "not running", "example");
    }
}
