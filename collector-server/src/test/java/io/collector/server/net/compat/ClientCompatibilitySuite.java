package io.collector.server.net.compat;

import static io.collector.server.net.compat.Entries.entries;
import static io.collector.server.net.compat.Entries.eventTypes;
import static io.collector.server.net.compat.Entries.ids;
import static io.collector.server.net.compat.Entries.rowCount;
import static io.collector.server.net.compat.Entries.rowsThenEnd;
import static io.collector.server.net.compat.Entries.size;
import static io.collector.server.net.compat.Entries.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.Scramble411;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.net.CollectorTcpServer;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.Message;
import io.collector.server.testing.Await;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a Canal-style client library must see from our TCP server: authentication, subscriptions with and
 * without filter, get / ack / rollback, timeouts, redelivery after a lost session, one session per client
 * identity, and entries equal to what the in-process service returns for the same binlog range.
 *
 * <p>Each implementation adapts one client library through {@link #newClient}. One MariaDB serves the class;
 * each test starts its own destinations (at the current binlog position) and servers.
 */
public abstract class ClientCompatibilitySuite {

    protected static final String USER = "canal";
    protected static final String PASSWORD = "canal-pw";
    protected static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static TestMariaDb db;

    private TcpHarness harness;
    private final List<CompatClient> clients = new ArrayList<>();

    /** A client of {@code server} for {@code destination}, not connected yet. */
    protected abstract CompatClient newClient(InetSocketAddress server, String destination, String user,
                                              String password);

    @BeforeAll
    static void startDatabase() {
        db = TestMariaDb.builder().build().start();
    }

    @AfterAll
    static void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void startHarness() {
        harness = new TcpHarness();
    }

    @AfterEach
    void stopHarness() {
        for (CompatClient client : clients) {
            try {
                client.disconnect();
            } catch (RuntimeException e) {
                // already disconnected or never connected
            }
        }
        harness.close();
    }

    // ---------------------------------------------------------------- authentication

    @Test
    void connectsWithTheRightPassword() {
        CollectorTcpServer server = securedServer();
        String schema = schema();
        String destination = destination();
        CompatClient client = client(server, destination, USER, PASSWORD);
        client.connect();
        client.subscribe("");
        insert(schema, "t1", 1, 2);
        assertThat(ids(take(client, rowsThenEnd(2)))).containsExactly("1", "2");
    }

    @Test
    void aWrongPasswordIsRejected() {
        CollectorTcpServer server = securedServer();
        String destination = destination();
        assertThatThrownBy(() -> client(server, destination, USER, "not-the-password").connect())
                .isInstanceOf(RuntimeException.class).hasMessageContaining("auth failed");
        assertThatThrownBy(() -> client(server, destination, "intruder", PASSWORD).connect())
                .hasMessageContaining("auth failed");
        CompatClient rightful = client(server, destination, USER, PASSWORD);
        rightful.connect();
        rightful.subscribe("");
    }

    @Test
    void withoutAConfiguredUserAnyCredentialsConnect() {
        CollectorTcpServer server = openServer();
        String destination = destination();
        CompatClient anonymous = client(server, destination, "", "");
        anonymous.connect();
        anonymous.subscribe("");
        anonymous.disconnect();
        awaitReleased(server, destination);
        CompatClient anyone = client(server, destination, "someone", "whatever");
        anyone.connect();
        anyone.subscribe("");
    }

    // ---------------------------------------------------------------- subscriptions

    @Test
    void aClientFilterNarrowsWhatTheClientReceives() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        MasterStatus start = db.masterStatus();
        String all = destination(start);
        String narrow = destination(start);
        CompatClient everything = connected(server, all, "");
        CompatClient onlyT1 = connected(server, narrow, schema + "\\.t1");
        insert(schema, "t1", 1, 2);
        insert(schema, "t2", 3, 3);
        insert(schema, "t1", 4, 4);
        List<Entry> allEntries = take(everything, rowsThenEnd(4));
        List<Entry> narrowEntries = take(onlyT1, rowsThenEnd(3));
        assertThat(tables(allEntries)).containsExactly("t1", "t1", "t2", "t1");
        assertThat(ids(allEntries)).containsExactly("1", "2", "3", "4");
        assertThat(tables(narrowEntries)).containsOnly("t1");
        assertThat(ids(narrowEntries)).containsExactly("1", "2", "4");
    }

    @Test
    void afterUnsubscribingAGetIsRefused() {
        CollectorTcpServer server = openServer();
        CompatClient client = connected(server, destination(), "");
        client.unsubscribe();
        assertThatThrownBy(() -> client.getWithoutAck(10)).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("has not subscribed");
    }

    // ---------------------------------------------------------------- get, ack, rollback

    @Test
    void getWithoutAckThenAckConsumesEverythingOnce() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient client = connected(server, destination, "");
        insertEach(schema, "t1", 1, 5);
        List<Long> batchIds = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        while (!rowsThenEnd(5).test(entries)) {
            CompatBatch batch = client.getWithoutAck(4, 500, TimeUnit.MILLISECONDS);
            if (batch.id() > 0) {
                batchIds.add(batch.id());
                entries.addAll(batch.entries());
                client.ack(batch.id());
            }
        }
        assertThat(ids(entries)).containsExactly("1", "2", "3", "4", "5");
        assertThat(batchIds).isSorted().doesNotHaveDuplicates();
        client.disconnect();
        awaitReleased(server, destination);
        CompatClient again = connected(server, destination, "");
        CompatBatch nothing = again.getWithoutAck(100, 500, TimeUnit.MILLISECONDS);
        assertThat(nothing.id()).isEqualTo(-1);
        assertThat(nothing.entries()).isEmpty();
    }

    @Test
    void getAcknowledgesAsItGoes() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient client = connected(server, destination, "");
        insertEach(schema, "t2", 1, 3);
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!rowsThenEnd(3).test(entries) && System.nanoTime() < deadline) {
            entries.addAll(client.get(2, 300, TimeUnit.MILLISECONDS).entries());
        }
        assertThat(ids(entries)).containsExactly("1", "2", "3");
        // an ack has no reply: wait until the server processed the last one
        Await.until("every batch acknowledged", WAIT,
                () -> outstandingBatches(destination).isEmpty());
    }

    @Test
    void unacknowledgedBatchesComeAgainInOrderAfterARollback() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient client = connected(server, destination, "");
        insertEach(schema, "t1", 1, 3);
        List<CompatBatch> first = takeBatches(client, rowsThenEnd(3));
        client.rollback();
        List<CompatBatch> second = takeBatches(client, size(entries(first).size()));
        assertThat(EntryFields.of(entries(second))).isEqualTo(EntryFields.of(entries(first)));
        client.rollback(second.get(0).id());
        List<CompatBatch> third = takeBatches(client, size(entries(first).size()));
        assertThat(EntryFields.of(entries(third))).isEqualTo(EntryFields.of(entries(first)));
        third.forEach(batch -> client.ack(batch.id()));
        assertThat(client.getWithoutAck(100, 300, TimeUnit.MILLISECONDS).id()).isEqualTo(-1);
        assertThat(ids(entries(first))).containsExactly("1", "2", "3");
    }

    @Test
    void aGetWithATimeoutOnAnIdleDestinationReturnsEmptyAfterTheTimeout() {
        CollectorTcpServer server = openServer();
        CompatClient client = connected(server, destination(), "");
        long begin = System.nanoTime();
        CompatBatch batch = client.getWithoutAck(10, 700, TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertThat(batch.id()).isEqualTo(-1);
        assertThat(batch.entries()).isEmpty();
        assertThat(took).isBetween(Duration.ofMillis(650), Duration.ofSeconds(5));
        long immediate = System.nanoTime();
        assertThat(client.getWithoutAck(10).id()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - immediate)).isLessThan(Duration.ofMillis(500));
    }

    // ---------------------------------------------------------------- values

    @Test
    void aMixedWorkloadArrivesAsTheInProcessServiceReturnsIt() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        MasterStatus start = db.masterStatus();
        String overTcp = destination(start);
        String inProcess = destination(start);
        ClientIdentity reference = new ClientIdentity(inProcess, "reference");
        harness.service().subscribe(reference, "");
        CompatClient client = connected(server, overTcp, "");
        mixedWorkload(schema);
        List<Entry> received = take(client, rowsThenEnd(9));
        List<Entry> expected = takeInProcess(reference, received.size());
        assertThat(received).hasSize(expected.size());
        assertThat(EntryFields.of(received)).isEqualTo(EntryFields.of(expected));
        assertThat(eventTypes(received)).contains(EventType.INSERT, EventType.UPDATE, EventType.DELETE, EventType.ALTER);
        assertThat(tables(received)).contains("t1", "t2");
    }

    private static void mixedWorkload(String schema) {
        db.executeIn(schema,
                "INSERT INTO t1 VALUES (1, 'a', 1.50), (2, 'b', 2.25), (3, 'c', NULL)",
                "BEGIN",
                "INSERT INTO t2 (id, note, created) VALUES (10, 'x', '2024-01-02 03:04:05')",
                "UPDATE t1 SET amount = 9.99, name = 'bb' WHERE id = 2",
                "COMMIT",
                "UPDATE t2 SET note = NULL WHERE id = 10",
                "DELETE FROM t1 WHERE id = 3",
                "ALTER TABLE t2 ADD COLUMN extra INT",
                "INSERT INTO t2 VALUES (11, 'after ddl', NULL, 7)",
                "DELETE FROM t2 WHERE id = 10");
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void batchesLeftUnacknowledgedByALostSessionComeToTheNextOne() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient first = connected(server, destination, "");
        insertEach(schema, "t1", 1, 3);
        List<Entry> acked = new ArrayList<>();
        CompatBatch firstBatch = nextBatch(first, 2);
        acked.addAll(firstBatch.entries());
        first.ack(firstBatch.id());
        CompatBatch unacked = nextBatch(first, 2);
        first.disconnect();
        awaitReleased(server, destination);
        assertThat(outstandingBatches(destination)).isEmpty();
        CompatClient second = connected(server, destination, "");
        List<Entry> rest = take(second, rowsThenEnd(3 - rowCount(acked)));
        assertThat(EntryFields.of(rest.subList(0, unacked.entries().size())))
                .isEqualTo(EntryFields.of(unacked.entries()));
        List<Entry> all = new ArrayList<>(acked);
        all.addAll(rest);
        assertThat(ids(all)).containsExactly("1", "2", "3");
    }

    @Test
    void aSecondSessionForTheSameClientIsRejectedWhileTheFirstLives() {
        CollectorTcpServer server = openServer();
        String schema = schema();
        String destination = destination();
        CompatClient first = connected(server, destination, "");
        insert(schema, "t1", 1, 1);
        List<CompatBatch> batches = takeBatches(first, rowsThenEnd(1));
        CompatClient second = client(server, destination, "", "");
        second.connect();
        assertThatThrownBy(() -> second.subscribe("")).isInstanceOf(RuntimeException.class)
                .hasMessageContaining("in use");
        assertThat(outstandingBatches(destination))
                .containsExactlyElementsOf(batches.stream().map(CompatBatch::id).toList());
        batches.forEach(batch -> first.ack(batch.id()));
        assertThat(first.getWithoutAck(10, 200, TimeUnit.MILLISECONDS).id()).isEqualTo(-1);
        first.disconnect();
        awaitReleased(server, destination);
        second.subscribe("");
        insert(schema, "t1", 2, 2);
        assertThat(ids(take(second, rowsThenEnd(1)))).containsExactly("2");
    }

    // ---------------------------------------------------------------- helpers

    protected CollectorTcpServer openServer() {
        return harness.startServer(TcpHarness.netConfig("", ""));
    }

    private CollectorTcpServer securedServer() {
        return harness.startServer(TcpHarness.netConfig(USER, Scramble411.passwordHash(PASSWORD)));
    }

    private CompatClient client(CollectorTcpServer server, String destination, String user, String password) {
        CompatClient client = newClient(server.address(), destination, user, password);
        clients.add(client);
        return client;
    }

    /** A client connected without credentials and subscribed with {@code filter}. */
    protected CompatClient connected(CollectorTcpServer server, String destination, String filter) {
        CompatClient client = client(server, destination, "", "");
        client.connect();
        client.subscribe(filter);
        return client;
    }

    /** A new schema with tables t1 (id, name, amount) and t2 (id, note, created). */
    protected static String schema() {
        String schema = "compat_" + NAMES.incrementAndGet();
        db.execute("CREATE DATABASE " + schema);
        db.executeIn(schema, "CREATE TABLE t1 (id INT PRIMARY KEY, name VARCHAR(20), amount DECIMAL(10,2))",
                "CREATE TABLE t2 (id INT PRIMARY KEY, note TEXT, created DATETIME)");
        return schema;
    }

    /** A destination reading from the current end of the binlog. */
    protected String destination() {
        return destination(db.masterStatus());
    }

    private String destination(MasterStatus start) {
        String name = "dest_" + NAMES.incrementAndGet();
        harness.startDestination(Pipeline.config(db, name, StartConfig.at(start.file(), start.position())));
        return name;
    }

    /** Rows {@code from..to} into {@code table} in one statement. */
    private static void insert(String schema, String table, int from, int to) {
        List<String> values = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            values.add("(" + id + ", 'v" + id + "', NULL)");
        }
        db.executeIn(schema, "INSERT INTO " + table + " VALUES " + String.join(", ", values));
    }

    /** Rows {@code from..to}, each in its own transaction. */
    protected static void insertEach(String schema, String table, int from, int to) {
        for (int id = from; id <= to; id++) {
            insert(schema, table, id, id);
        }
    }

    private void awaitReleased(CollectorTcpServer server, String destination) {
        ClientIdentity client = new ClientIdentity(destination, "1001");
        Await.until(destination + " released by the closed session", WAIT,
                () -> server.clients().holder(client).isEmpty());
    }

    /** Gets (and acks) until {@code done} holds for everything received. */
    protected static List<Entry> take(CompatClient client, Predicate<List<Entry>> done) {
        List<Entry> entries = new ArrayList<>();
        for (CompatBatch batch : takeBatches(client, done)) {
            entries.addAll(batch.entries());
            client.ack(batch.id());
        }
        return entries;
    }

    /** Gets without ack, batches of 2 entries, until {@code done} holds for everything received. */
    private static List<CompatBatch> takeBatches(CompatClient client, Predicate<List<Entry>> done) {
        List<CompatBatch> batches = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(entries(batches))) {
            assertThat(System.nanoTime()).as("all entries within %s, got %s", WAIT, entries(batches).size())
                    .isLessThan(deadline);
            CompatBatch batch = client.getWithoutAck(2, 300, TimeUnit.MILLISECONDS);
            if (batch.id() > 0) {
                batches.add(batch);
            }
        }
        return batches;
    }

    protected static CompatBatch nextBatch(CompatClient client, int size) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            CompatBatch batch = client.getWithoutAck(size, 300, TimeUnit.MILLISECONDS);
            if (batch.id() > 0) {
                return batch;
            }
        }
        throw new AssertionError("no batch within " + WAIT);
    }

    private List<Entry> takeInProcess(ClientIdentity client, int count) {
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (entries.size() < count && System.nanoTime() < deadline) {
            Message message = harness.service().getWithoutAck(client, count - entries.size(), 300,
                    TimeUnit.MILLISECONDS);
            message.events().stream().map(ChangeEvent::entry).forEach(entries::add);
            harness.service().ack(client, message.batchId());
        }
        return entries;
    }

    /** The batches client 1001 holds on {@code destination}. */
    protected List<Long> outstandingBatches(String destination) {
        return harness.destination(destination).store().subscription("1001", Optional.empty()).outstandingBatches();
    }
}
