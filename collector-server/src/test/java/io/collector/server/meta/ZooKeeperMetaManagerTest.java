package io.collector.server.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.ha.LeaderEpoch;
import io.collector.server.ha.ZkClients;
import io.collector.server.position.Cursor;
import io.collector.server.position.LogPosition;
import io.collector.server.testing.Await;
import io.collector.server.testing.ZkTesting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract for the ZooKeeper variant (write-through) against a real ZooKeeper, plus what only it does:
 * sharing cursors between servers, buffering, and surviving an unreachable ZooKeeper. Each test works in its own
 * namespace of one server.
 */
@Timeout(60)
class ZooKeeperMetaManagerTest extends MetaManagerContractTest {

    private static final long HOUR_MS = 3_600_000;
    private static final String CURSOR_PATH = "/otter/canal/destinations/example/1001/cursor";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final List<CuratorFramework> CLIENTS = new CopyOnWriteArrayList<>();
    private static TestingServer server;

    private String namespace;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = ZkTesting.server();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        CLIENTS.forEach(CuratorFramework::close);
        server.close();
    }

    @Override
    protected MetaManager create() {
        namespace = "meta-test-" + NAMESPACES.incrementAndGet();
        return new ZooKeeperMetaManager(client(server), ZkMetaConfig.withPeriod(0));
    }

    private CuratorFramework client(TestingServer zk) {
        CuratorFramework client = ZkTesting.clientOf(zk).namespace(namespace).start();
        CLIENTS.add(client);
        return client;
    }

    private ZooKeeperMetaManager started(TestingServer zk, long periodMs) {
        ZooKeeperMetaManager manager = new ZooKeeperMetaManager(client(zk), ZkMetaConfig.withPeriod(periodMs));
        manager.start();
        return manager;
    }

    private ZooKeeperMetaManager guarded(AtomicBoolean leading) {
        ZooKeeperMetaManager manager = new ZooKeeperMetaManager(client(server), ZkMetaConfig.withPeriod(0),
                destination -> leading.get());
        manager.start();
        return manager;
    }

    /** What a server starting now would read, through a client of its own. */
    private Optional<Cursor> cursorInZooKeeper(TestingServer zk) {
        try (CuratorFramework client = ZkTesting.clientOf(zk).namespace(namespace).start();
                ZooKeeperMetaManager reader = new ZooKeeperMetaManager(client, ZkMetaConfig.withPeriod(HOUR_MS))) {
            reader.start();
            return reader.cursor("example", "1001");
        }
    }

    private static Cursor cursorAt(long offset) {
        return new Cursor(LogPosition.of("mysql-bin.000007", offset), offset);
    }

    @Test
    void aSecondServerReadsTheSourceAndThePartialTransactionOfACursor() {
        try (ZooKeeperMetaManager writer = started(server, HOUR_MS);
                ZooKeeperMetaManager standby = started(server, HOUR_MS)) {
            writer.subscribe("example", "1001", "");
            writer.updateCursor("example", "1001", SOURCED);
            writer.flush();

            assertThat(standby.cursor("example", "1001")).contains(SOURCED);
        }
    }

    @Test
    void aSecondServerReadsWhatTheFirstFlushed() {
        try (ZooKeeperMetaManager writer = started(server, HOUR_MS);
                ZooKeeperMetaManager standby = started(server, HOUR_MS)) {
            writer.subscribe("example", "1001", "db\\..*");
            writer.updateCursor("example", "1001", CURSOR);
            writer.flush();

            assertThat(standby.subscriptions("example")).containsExactly("1001");
            assertThat(standby.filter("example", "1001")).contains("db\\..*");
            assertThat(standby.cursor("example", "1001")).contains(CURSOR);

            writer.updateCursor("example", "1001", cursorAt(900));
            writer.flush();
            assertThat(standby.cursor("example", "1001")).as("cached until reloaded").contains(CURSOR);
            standby.reload("example");
            assertThat(standby.cursor("example", "1001")).contains(cursorAt(900));
        }
    }

    @Test
    void periodZeroWritesEveryChangeAtOnce() throws Exception {
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", new Cursor(LogPosition.of("mysql-bin.000003", 1234), 99));

        String json = ZkTesting.text(client(server), CURSOR_PATH);

        assertThat(json).isEqualTo("{\"version\":1,\"position\":{\"journal\":\"mysql-bin.000003\",\"offset\":1234,"
                + "\"serverId\":0,\"timestamp\":0,\"gtidSet\":\"\"},\"globalId\":99}");
        assertThat(ZkTesting.text(client(server), "/otter/canal/destinations/example/1001/filter")).isEmpty();
    }

    @Test
    void aPositivePeriodBuffersUntilFlush() {
        try (ZooKeeperMetaManager buffered = started(server, HOUR_MS)) {
            buffered.subscribe("example", "1001", "");
            buffered.updateCursor("example", "1001", CURSOR);
            assertThat(ZkTesting.stat(client(server), CURSOR_PATH)).isNull();
            assertThat(cursorInZooKeeper(server)).isEmpty();

            buffered.flush();

            assertThat(cursorInZooKeeper(server)).contains(CURSOR);
        }
    }

    @Test
    void stopWritesWhatIsPending() {
        ZooKeeperMetaManager buffered = started(server, HOUR_MS);
        buffered.subscribe("example", "1001", "");
        buffered.updateCursor("example", "1001", CURSOR);

        buffered.stop();

        assertThat(cursorInZooKeeper(server)).contains(CURSOR);
    }

    @Test
    void theFlushThreadWritesChangesEveryPeriod() {
        try (ZooKeeperMetaManager periodic = started(server, 20)) {
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("collector-zk-meta-flush"));
            periodic.subscribe("example", "1001", "");
            periodic.updateCursor("example", "1001", CURSOR);

            Await.until("the cursor is in ZooKeeper", Duration.ofSeconds(20),
                    () -> cursorInZooKeeper(server).isPresent());
        }
    }

    @Test
    void onlyWhatChangedIsWritten() throws Exception {
        meta.subscribe("example", "1001", "");
        meta.subscribe("example", "1002", "");
        meta.updateCursor("example", "1001", cursorAt(10));
        int otherFilterVersion = ZkTesting.stat(client(server), "/otter/canal/destinations/example/1002/filter")
                .getVersion();

        meta.updateCursor("example", "1001", cursorAt(20));
        meta.updateCursor("example", "1001", cursorAt(30));

        assertThat(ZkTesting.stat(client(server), CURSOR_PATH).getVersion()).isEqualTo(2);
        assertThat(ZkTesting.stat(client(server), "/otter/canal/destinations/example/1002/filter").getVersion())
                .isEqualTo(otherFilterVersion);
    }

    @Test
    void unsubscribingDeletesTheClientsZnodesButNotOthers() throws Exception {
        CuratorFramework raw = client(server);
        raw.create().creatingParentsIfNeeded().forPath("/otter/canal/destinations/example/running", new byte[0]);
        meta.subscribe("example", "1001", "");
        meta.updateCursor("example", "1001", CURSOR);

        meta.unsubscribe("example", "1001");

        assertThat(ZkTesting.stat(raw, "/otter/canal/destinations/example/1001")).isNull();
        assertThat(ZkTesting.stat(raw, "/otter/canal/destinations/example/running")).isNotNull();
        assertThat(cursorInZooKeeper(server)).isEmpty();
    }

    @Test
    void canalsOwnZnodesAreNotClients() throws Exception {
        CuratorFramework raw = client(server);
        raw.create().creatingParentsIfNeeded().forPath("/otter/canal/destinations/example/cluster/10.0.0.1:11111");
        raw.create().creatingParentsIfNeeded().forPath("/otter/canal/destinations/example/1002/running");

        assertThat(meta.subscriptions("example")).isEmpty();
        assertThatThrownBy(() -> meta.subscribe("example", "cluster", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster");
        assertThatThrownBy(() -> meta.subscribe("exa/mple", "1001", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exa/mple");
    }

    @Test
    void aCursorChangedByAnotherServerFencesTheStaleOne() {
        try (ZooKeeperMetaManager stale = started(server, 0); ZooKeeperMetaManager leader = started(server, 0)) {
            stale.subscribe("example", "1001", "");
            stale.updateCursor("example", "1001", cursorAt(10));
            leader.reload("example");
            leader.updateCursor("example", "1001", cursorAt(20));

            assertThatThrownBy(() -> stale.updateCursor("example", "1001", cursorAt(15)))
                    .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.retriable()).isFalse())
                    .hasMessageContaining(CURSOR_PATH).hasMessageContaining("another server");
            assertThat(cursorInZooKeeper(server)).contains(cursorAt(20));
        }
    }

    @Test
    void aStaleLeaderCannotWriteOnceALaterLeaderStartedItsEpochEvenBeforeTheLaterOneWrote() {
        List<String> fencedDestinations = new CopyOnWriteArrayList<>();
        try (ZooKeeperMetaManager stale = new ZooKeeperMetaManager(client(server), ZkMetaConfig.withPeriod(0),
                destination -> true, fencedDestinations::add); ZooKeeperMetaManager leader = started(server, 0)) {
            stale.start();
            stale.fence("example", new LeaderEpoch(client(server), "example").advance("127.0.0.1:1"));
            stale.subscribe("example", "1001", "");
            stale.updateCursor("example", "1001", cursorAt(10));
            leader.fence("example", new LeaderEpoch(client(server), "example").advance("127.0.0.1:2"));
            leader.reload("example");

            assertThatThrownBy(() -> stale.updateCursor("example", "1001", cursorAt(15)))
                    .isInstanceOf(FencedException.class).hasMessageContaining("a later leader took over");
            assertThat(fencedDestinations).containsExactly("example");
            leader.updateCursor("example", "1001", cursorAt(20));
            assertThat(cursorInZooKeeper(server)).contains(cursorAt(20));
        }
    }

    @Test
    void aChangeOfADestinationThisServerMayNotWriteIsRefusedAndStaysPending() {
        AtomicBoolean leading = new AtomicBoolean(false);
        try (ZooKeeperMetaManager guarded = guarded(leading)) {
            assertThatThrownBy(() -> guarded.subscribe("example", "1001", ""))
                    .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.retriable()).isTrue())
                    .hasMessageContaining("does not lead");
            assertThatThrownBy(() -> guarded.updateCursor("example", "1001", CURSOR))
                    .hasMessageContaining("does not lead");
            guarded.flush();
            assertThat(ZkTesting.stat(client(server), "/otter/canal/destinations/example/1001")).isNull();

            leading.set(true);
            guarded.flush();

            assertThat(cursorInZooKeeper(server)).contains(CURSOR);
        }
    }

    @Test
    void reloadDropsWhatAnEarlierLeadershipLeftPending() {
        AtomicBoolean leading = new AtomicBoolean(true);
        try (ZooKeeperMetaManager guarded = guarded(leading)) {
            guarded.subscribe("example", "1001", "");
            guarded.updateCursor("example", "1001", cursorAt(10));
            leading.set(false);
            assertThatThrownBy(() -> guarded.updateCursor("example", "1001", cursorAt(20)))
                    .hasMessageContaining("does not lead");
            try (ZooKeeperMetaManager next = started(server, 0)) {
                next.updateCursor("example", "1001", cursorAt(30));
            }

            leading.set(true);
            guarded.reload("example");
            guarded.flush();

            assertThat(guarded.cursor("example", "1001")).contains(cursorAt(30));
            assertThat(cursorInZooKeeper(server)).contains(cursorAt(30));
        }
    }

    @Test
    void aCorruptCursorIsAnErrorNamingIt() throws Exception {
        client(server).create().creatingParentsIfNeeded().forPath(CURSOR_PATH, "{\"postion\":".getBytes(StandardCharsets.UTF_8));
        client(server).create().forPath("/otter/canal/destinations/example/1001/filter", new byte[0]);

        assertThatThrownBy(() -> meta.cursor("example", "1001")).isInstanceOf(CollectorException.class)
                .hasMessageContaining("Corrupt cursor znode").hasMessageContaining(CURSOR_PATH);
    }

    @Test
    void aFlushWhileZooKeeperIsDownFailsRetriablyAndIsRetried() throws Exception {
        try (TestingServer zk = ZkTesting.server(); ZooKeeperMetaManager buffered = started(zk, HOUR_MS)) {
            buffered.subscribe("example", "1001", "");
            buffered.flush();
            buffered.updateCursor("example", "1001", CURSOR);
            zk.stop();

            assertThatThrownBy(buffered::flush).isInstanceOfSatisfying(CollectorException.class,
                    e -> assertThat(e.retriable()).isTrue()).hasMessageContaining(CURSOR_PATH);
            zk.restart();
            buffered.flush();

            assertThat(cursorInZooKeeper(zk)).contains(CURSOR);
        }
    }

    @Test
    void aWriteThroughWhileZooKeeperIsDownIsWrittenByTheNextFlush() throws Exception {
        try (TestingServer zk = ZkTesting.server(); ZooKeeperMetaManager direct = started(zk, 0)) {
            direct.subscribe("example", "1001", "");
            zk.stop();

            assertThatThrownBy(() -> direct.updateCursor("example", "1001", CURSOR))
                    .isInstanceOfSatisfying(CollectorException.class, e -> assertThat(e.retriable()).isTrue());
            assertThat(direct.cursor("example", "1001")).contains(CURSOR);
            zk.restart();
            direct.flush();

            assertThat(cursorInZooKeeper(zk)).contains(CURSOR);
        }
    }

    @Test
    void aWriteThroughStuckWhileZooKeeperIsDownIsAnsweredAsSoonAsThisServerNoLongerLeads() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(true);
        try (TestingServer zk = ZkTesting.server();
             CuratorFramework patient = ZkClients.builder(zk.getConnectString()).namespace(namespace)
                     .sessionTimeout(ZkTesting.SESSION_TIMEOUT).start();
             ZooKeeperMetaManager direct = new ZooKeeperMetaManager(patient, ZkMetaConfig.withPeriod(0),
                     destination -> leading.get())) {
            direct.start();
            direct.subscribe("example", "1001", "");
            zk.stop();
            java.util.concurrent.CompletableFuture<Void> ack = java.util.concurrent.CompletableFuture.runAsync(
                    () -> direct.updateCursor("example", "1001", CURSOR));
            Await.until("the write is under way", Duration.ofSeconds(10), () -> direct.cursor("example", "1001")
                    .isPresent());
            assertThat(ack).as("still waiting for ZooKeeper (its retries take several seconds)").isNotDone();

            long lostAt = System.nanoTime();
            leading.set(false);
            assertThatThrownBy(ack::join).hasCauseInstanceOf(CollectorException.class)
                    .hasMessageContaining("does not lead");
            assertThat(Duration.ofNanos(System.nanoTime() - lostAt)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void theFlushThreadRetriesUntilZooKeeperIsBack() throws Exception {
        try (TestingServer zk = ZkTesting.server(); ZooKeeperMetaManager periodic = started(zk, 50)) {
            periodic.subscribe("example", "1001", "");
            zk.stop();
            periodic.updateCursor("example", "1001", CURSOR);
            Await.until("a background flush failed", Duration.ofSeconds(20), () -> periodic.failedFlushes() > 0);
            zk.restart();

            Await.until("the cursor is in ZooKeeper", Duration.ofSeconds(30),
                    () -> cursorInZooKeeper(zk).isPresent());
            assertThat(cursorInZooKeeper(zk)).contains(CURSOR);
        }
    }

    @Test
    void readingAnUnloadedDestinationWhileZooKeeperIsDownFails() throws Exception {
        try (TestingServer zk = ZkTesting.server(); ZooKeeperMetaManager manager = started(zk, 0)) {
            zk.stop();

            assertThatThrownBy(() -> manager.cursor("example", "1001")).isInstanceOfSatisfying(
                    CollectorException.class, e -> assertThat(e.retriable()).isTrue());
        }
    }
}
