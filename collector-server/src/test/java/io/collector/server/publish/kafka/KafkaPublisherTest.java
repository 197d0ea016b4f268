package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.error.FencedException;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.position.Cursor;
import io.collector.server.publish.PublisherStatus.Phase;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher loop against a mock producer: acknowledge after delivery, retry the same records, fencing. */
class KafkaPublisherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MemoryEventStore store = new MemoryEventStore("d", StoreConfig.defaults());
    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final FakeClients clients = new FakeClients();
    private final java.util.concurrent.atomic.AtomicBoolean leading = new java.util.concurrent.atomic.AtomicBoolean(true);
    private KafkaPublisher publisher;

    private KafkaPublisher start(Guarantee guarantee) {
        return start(guarantee, leading::get);
    }

    private KafkaPublisher start(Guarantee guarantee, java.util.function.BooleanSupplier leads) {
        store.start();
        meta.start();
        KafkaServerConfig server = KafkaServerConfig.defaults().withGuarantee(guarantee)
                .withRetry(Duration.ofMillis(5), Duration.ofMillis(20)).withBatchSize(3);
        publisher = new KafkaPublisher(new KafkaPublisherConfig("d", server, TopicRouter.perDatabase("", "d"),
                Partitioner.byTable()), store, meta, Clock.systemUTC(), clients, leads);
        publisher.start();
        return publisher;
    }

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
        store.stop();
    }

    /** A transaction of {@code rows} single-row inserts: begin, rows, end. */
    private static List<ChangeEvent> transaction(long first, int rows) {
        List<ChangeEvent> events = new ArrayList<>();
        events.add(TestEvents.begin(first));
        for (int i = 1; i <= rows; i++) {
            events.add(TestEvents.row(first + i, "shop", "orders", EventType.INSERT));
        }
        events.add(TestEvents.end(first + rows + 1));
        return events;
    }

    private static long globalId(ProducerRecord<byte[], byte[]> r) {
        return Long.parseLong(new String(r.headers().lastHeader("globalId").value()));
    }

    @Test
    void eachBatchIsAcknowledgedOnlyOnceKafkaHasAllItsRecordsAndItsCursorIsKept() throws Exception {
        start(Guarantee.AT_LEAST_ONCE);
        store.put(transaction(10, 4));

        Await.until("all rows published", WAIT, () -> publisher.status().rows() == 4);

        assertThat(clients.sent()).extracting(KafkaPublisherTest::globalId).containsExactly(11L, 12L, 13L, 14L);
        assertThat(clients.sent()).extracting(ProducerRecord::topic).containsOnly("shop");
        Cursor last = publisher.status().cursor();
        assertThat(last.globalId()).isEqualTo(15);
        assertThat(meta.cursor("d", KafkaPublisher.CLIENT_ID)).hasValue(last);
        assertThat(publisher.resumeCursor()).hasValue(last);
        assertThat(store.outstandingBatches()).isEmpty();
    }

    @Test
    void failedRecordsAreSentAgainInOrderAndNothingLaterGoesFirst() throws Exception {
        clients.failing.set(2);
        start(Guarantee.AT_LEAST_ONCE);
        store.put(transaction(10, 6));

        Await.until("all rows published", WAIT, () -> publisher.status().rows() == 6);

        List<Long> ids = clients.sent().stream().map(KafkaPublisherTest::globalId).toList();
        assertThat(ids).containsExactly(11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(clients.attempts.get()).isGreaterThan(6);
        assertThat(publisher.failure()).isNull();
    }

    @Test
    void aRecordRefusedAtSendStopsTheAttemptSoThatNoLaterRecordGoesFirst() throws Exception {
        clients.failAt.set(3);
        start(Guarantee.AT_LEAST_ONCE);
        store.put(transaction(10, 6));

        Await.until("all rows published", WAIT, () -> publisher.status().rows() == 6);

        List<Long> ids = clients.sent().stream().map(KafkaPublisherTest::globalId).toList();
        assertThat(ids).containsExactly(11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(clients.attempts.get()).isEqualTo(7);
    }

    @Test
    void theErrorShowsInTheStatusWhileRetrying() throws Exception {
        clients.failing.set(Integer.MAX_VALUE);
        start(Guarantee.AT_LEAST_ONCE);
        store.put(transaction(10, 1));

        Await.until("retrying", WAIT, () -> publisher.status().phase() == Phase.RETRYING);
        assertThat(publisher.status().lastError()).contains("TimeoutException");
        assertThat(store.outstandingBatches()).hasSize(1);
        clients.failing.set(0);
        Await.until("published", WAIT, () -> publisher.status().rows() == 1);
        assertThat(publisher.status().phase()).isEqualTo(Phase.PUBLISHING);
        assertThat(publisher.status().lastError()).isNull();
    }

    @Test
    void exactlyOnceResumesFromTheCommittedPositionAndStopsWhenFenced() throws Exception {
        Cursor committed = new Cursor(TestEvents.position(5), 5);
        clients.position = Optional.of(committed);
        start(Guarantee.EXACTLY_ONCE);
        assertThat(publisher.resumeCursor()).hasValue(committed);
        store.put(transaction(10, 2));
        Await.until("committed", WAIT, () -> publisher.status().rows() == 2);
        assertThat(clients.producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("shop", "shop", KafkaServerConfig.DEFAULT_POSITIONS_TOPIC);

        clients.producer.fenceProducer();
        store.put(transaction(20, 1));

        Await.until("fenced", WAIT, () -> publisher.failure() != null);
        assertThat(publisher.failure()).isInstanceOf(FencedException.class);
        assertThat(publisher.status().phase()).isEqualTo(Phase.FENCED);
    }

    @Test
    void nothingIsSentWhileThisServerDoesNotLeadAndTheBatchGoesOnceItLeadsAgain() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        leading.set(false);
        start(Guarantee.AT_LEAST_ONCE, () -> {
            checks.incrementAndGet();
            return leading.get();
        });
        store.put(transaction(10, 2));
        Await.until("the batch taken and leadership checked again", WAIT,
                () -> store.outstandingBatches().size() == 1 && checks.get() >= 3);

        assertThat(clients.attempts.get()).isZero();
        leading.set(true);
        Await.until("published", WAIT, () -> publisher.status().rows() == 2);
        assertThat(clients.sent()).extracting(KafkaPublisherTest::globalId).containsExactly(11L, 12L);
    }

    @Test
    void aTransactionBegunBeforeLeadershipWasLostIsAbortedNotCommitted() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        start(Guarantee.EXACTLY_ONCE, () -> checks.incrementAndGet() != 2);
        store.put(transaction(10, 1));

        Await.until("committed after the abort", WAIT, () -> publisher.status().rows() == 1);
        assertThat(checks.get()).isGreaterThan(2);
        assertThat(clients.sent()).as("sent twice: in the aborted and in the committed transaction")
                .extracting(ProducerRecord::topic).containsExactly("shop", KafkaServerConfig.DEFAULT_POSITIONS_TOPIC,
                        "shop", KafkaServerConfig.DEFAULT_POSITIONS_TOPIC);
        assertThat(clients.producer.history()).as("committed once").extracting(ProducerRecord::topic)
                .containsExactly("shop", KafkaServerConfig.DEFAULT_POSITIONS_TOPIC);
    }

    /**
     * Clients whose producers fail a record while {@code failing} is positive (counting down per failure), and the
     * send numbered {@code failAt} (from 1), reporting the failure to the callback before {@code send} returns, as
     * Kafka's producer does when a topic's metadata does not come in time; later sends succeed.
     */
    private static final class FakeClients implements KafkaClients {
        final AtomicInteger failing = new AtomicInteger();
        final AtomicInteger failAt = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final List<ProducerRecord<byte[], byte[]>> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Optional<Cursor> position = Optional.empty();
        volatile MockProducer<byte[], byte[]> producer;

        List<ProducerRecord<byte[], byte[]>> sent() {
            return delivered;
        }

        @Override
        public Producer<byte[], byte[]> newProducer() {
            producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> r, Callback cb) {
                    int attempt = attempts.incrementAndGet();
                    if (attempt == failAt.get() || failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        TimeoutException e = new TimeoutException("expired");
                        cb.onCompletion(null, e);
                        return CompletableFuture.failedFuture(e);
                    }
                    delivered.add(r);
                    return super.send(r, cb);
                }
            };
            return producer;
        }

        @Override
        public int ensureTopic(String topic, int partitions, Map<String, String> configs) {
            return 1;
        }

        @Override
        public Optional<Cursor> readPosition() {
            return position;
        }

        @Override
        public void close() {
        }
    }
}
