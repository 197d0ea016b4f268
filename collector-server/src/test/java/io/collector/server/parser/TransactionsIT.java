package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.Message;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.TestMariaDb;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transaction boundaries and order, large transactions and back-pressure through small stores. */
class TransactionsIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE tx_db");
        db.executeIn("tx_db", "CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(32))",
                "CREATE TABLE b (id BIGINT PRIMARY KEY, n INT)");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static StartConfig here() {
        var status = db.masterStatus();
        return StartConfig.at(status.file(), status.position());
    }

    @Test
    void multiStatementTransactionsKeepOrderAndBoundaries() throws Exception {
        StartConfig start = here();
        try (Connection c = db.openConnection("tx_db"); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int t = 0; t < 3; t++) {
                st.execute("INSERT INTO a VALUES (" + (t * 10 + 1) + ", 'x')");
                st.execute("INSERT INTO b VALUES (" + t + ", 1)");
                st.execute("UPDATE a SET v = 'y' WHERE id = " + (t * 10 + 1));
                st.execute("DELETE FROM b WHERE id = " + t);
                c.commit();
            }
        }
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "tx", start))) {
            List<ChangeEvent> events = p.takeRowsAndCommit(12, WAIT);
            List<String> shape = events.stream().map(TransactionsIT::shape).toList();
            List<String> one = List.of("BEGIN", "INSERT a", "INSERT b", "UPDATE a", "DELETE b", "END");
            List<String> expected = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                expected.addAll(one);
            }
            assertThat(shape).isEqualTo(expected);
            assertIncreasingIds(events);
            for (int t = 0; t < 3; t++) {
                List<ChangeEvent> tx = events.subList(t * 6, t * 6 + 6);
                ChangeEvent begin = tx.get(0);
                ChangeEvent end = tx.get(5);
                // inside the transaction: its start, with the index of the entry in it (BEGIN is 0)
                for (int i = 0; i < 5; i++) {
                    assertThat(tx.get(i).restart().withDelivered("", -1)).isEqualTo(begin.restart().withDelivered("", -1));
                    assertThat(tx.get(i).restart().txIndex()).isEqualTo(i);
                }
                assertThat(end.restart().offset()).isGreaterThan(end.position().offset());
                assertThat(end.restart().journal()).isEqualTo(end.position().journal());
                if (t < 2) {
                    assertThat(events.get(t * 6 + 6).position().offset()).isEqualTo(end.restart().offset());
                }
            }
        }
    }

    private static String shape(ChangeEvent e) {
        EntryType type = e.entry().getEntryType();
        if (type == EntryType.TRANSACTIONBEGIN) {
            return "BEGIN";
        }
        if (type == EntryType.TRANSACTIONEND) {
            return "END";
        }
        return e.entry().getHeader().getEventType() + " " + e.entry().getHeader().getTableName();
    }

    private static void assertIncreasingIds(List<ChangeEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).globalId()).isGreaterThan(events.get(i - 1).globalId());
        }
    }

    @Test
    void hundredThousandRowTransactionPassesAStoreSmallerThanIt() {
        db.executeIn("tx_db", "CREATE TABLE big (id INT PRIMARY KEY, pad CHAR(20))");
        StartConfig start = here();
        db.executeIn("tx_db", "INSERT INTO big SELECT seq, 'padding' FROM seq_1_to_100000");
        InstanceConfig config = withStore(Pipeline.config(db, "big", start), new StoreConfig(64, 256 * 1024, false));
        try (Pipeline p = Pipeline.start(config)) {
            List<ChangeEvent> events = p.takeRowsAndCommit(100_000, WAIT);
            List<ChangeEvent> rows = Pipeline.rowsEntries(events);
            assertThat(rows.size()).isGreaterThan(64);
            assertThat(Pipeline.rowCount(events)).isEqualTo(100_000);
            assertThat(events.stream().filter(e -> e.entry().getEntryType() == EntryType.TRANSACTIONBEGIN)).hasSize(1);
            assertThat(events.get(events.size() - 1).entry().getEntryType()).isEqualTo(EntryType.TRANSACTIONEND);
            assertIdsInOrder(events, 1);
            assertIncreasingIds(events);
        }
    }

    private static void assertIdsInOrder(List<ChangeEvent> events, int first) {
        int expected = first;
        for (var row : Pipeline.rowImages(events)) {
            assertThat(row.get("id")).isEqualTo(Integer.toString(expected++));
        }
    }

    private static InstanceConfig withStore(InstanceConfig c, StoreConfig store) {
        return new InstanceConfig(c.destination(), c.parser(), c.filters(), store);
    }

    @Test
    void halfAMillionRowsThroughATinyStoreArriveCompleteAndInOrderWithBoundedHeap() throws Exception {
        db.executeIn("tx_db", "CREATE TABLE stream (id INT PRIMARY KEY, v VARCHAR(40))");
        StartConfig start = here();
        StoreConfig tiny = new StoreConfig(32, 128 * 1024, false);
        try (Pipeline p = Pipeline.start(withStore(Pipeline.config(db, "stream", start), tiny))) {
            for (int t = 0; t < 50; t++) {
                int from = t * 10_000 + 1;
                db.executeIn("tx_db", "INSERT INTO stream SELECT seq, CONCAT('row-', seq) FROM seq_" + from + "_to_"
                        + (from + 9_999));
            }
            StoreWatch watch = new StoreWatch((MemoryEventStore) p.destination().store());
            int next = 1;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (next <= 500_000) {
                assertThat(System.nanoTime()).as("500k rows within " + WAIT).isLessThan(deadline);
                Message m = p.service().getWithoutAck(p.client(), 10, 100, TimeUnit.MILLISECONDS);
                watch.sample();
                for (var row : Pipeline.rowImages(m.events())) {
                    assertThat(row.get("id")).isEqualTo(Integer.toString(next));
                    assertThat(row.get("v")).isEqualTo("row-" + next);
                    next++;
                }
                if (m.batchId() > 0) {
                    p.service().ack(p.client(), m.batchId());
                }
            }
            assertThat(watch.maxEntries).isLessThanOrEqualTo(32);
            assertThat(watch.maxBytes).isLessThanOrEqualTo(128 * 1024 + 16 * 1024);
            assertThat(watch.maxHeapAfterGc()).isLessThan(512L * 1024 * 1024);
        }
    }

    /** Samples the store's fill while the consumer runs. */
    private static final class StoreWatch {
        private final MemoryEventStore store;
        private int maxEntries;
        private long maxBytes;
        private long samples;

        StoreWatch(MemoryEventStore store) {
            this.store = store;
        }

        void sample() {
            maxEntries = Math.max(maxEntries, store.entryCount());
            maxBytes = Math.max(maxBytes, store.byteCount());
            samples++;
        }

        long maxHeapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
