package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.meta.ZkMetaConfig;
import io.collector.server.meta.ZooKeeperMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.sink.filter.ColumnFilter;
import io.collector.server.sink.filter.EventTypeFilter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.sink.filter.TableFilter;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testing.ZkTesting;
import io.collector.server.testkit.TestMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills of a table under a steady insert/update/delete load, one asked for by a row in the signal table and one
 * (with a condition) by a request as the admin API writes it, while the destination streams from the current
 * position (so the rows nobody touched reach the consumer only through the backfills); a backfill stopped with the
 * destination that runs again when it starts (file cursors; ZooKeeper cursors read by another server); and a signal
 * row read again after a restart that does not run its backfill twice. Applying everything delivered, in order, to
 * an empty copy reproduces the table exactly, no key's version ever goes down, and globalIds only grow.
 */
class BackfillIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int KEYS = 20_000;
    private static final int CHUNK_ROWS = 1000;
    private static final int RESTART_KEYS = 6000;
    private static final String SIGNAL = "bf_ops.collector_signal";
    private static final String SLOW_CONDITION = "grp = 3 AND SLEEP(0.002) = 0";
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE bf_ops");
        db.executeIn("bf_ops", "CREATE TABLE collector_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                + " data VARCHAR(2048) NULL) ENGINE=InnoDB");
        for (String host : List.of("%", "localhost")) {
            db.execute("GRANT INSERT ON bf_ops.collector_signal TO '" + db.replicationUser() + "'@'" + host + "'");
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void backfillsUnderLoadKeepTheCopyExactAndNoKeyGoesBack() throws Exception {
        VersionedLoad load = new VersionedLoad(db, "bf", KEYS).create();
        BackfillConfig backfill = new BackfillConfig(SIGNAL, CHUNK_ROWS);
        InstanceConfig config = config(backfill);
        DestinationStats stats = new DestinationStats();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        List<ChangeEvent> received = new ArrayList<>();
        try (Pipeline p = Pipeline.start(config, meta, stats)) {
            load.start();
            received.addAll(p.takeUntil(events -> Pipeline.rowCount(events) >= 200, WAIT));
            db.execute("INSERT INTO " + SIGNAL + " VALUES ('sig-1', 'execute-backfill', '{\"table\":\"bf.items\"}')");
            received.addAll(p.takeUntil(events -> finished(stats, "sig-1"), WAIT));
            long opsDuringFirst = load.ops();

            BackfillRequest asked;
            try (BackfillSignals signals = new BackfillSignals(config.parser(), backfill)) {
                // SLEEP per matching row keeps each chunk's query, and so its window, open for about 2 s
                asked = signals.request("bf.items", SLOW_CONDITION);
            }
            received.addAll(p.takeUntil(events -> finished(stats, asked.id()), WAIT));
            load.close();
            int marker = load.mark(424242);
            received.addAll(p.takeUntil(events -> events.stream().anyMatch(e -> isMarker(e, marker)), WAIT));

            assertThat(opsDuringFirst).as("writes while the first backfill ran").isGreaterThan(100);
            Map<String, Object> view = stats.snapshot().backfill().view();
            assertThat(view).containsEntry("state", "DONE").containsEntry("table", "bf.items")
                    .containsEntry("where", SLOW_CONDITION);
            assertThat((Long) view.get("rowsSuperseded")).as("chunk rows the binlog changed inside their window")
                    .isGreaterThan(0);
            checkBackfillRows(received, "sig-1", asked.id());
        } finally {
            meta.stop();
        }
        checkIdsGrow(received);
        checkVersionsNeverGoBack(received);
        try (Connection c = db.openConnection()) {
            new CopyApplier(c, "bf_copy", Map.of("items", List.of("id")))
                    .apply(received.stream().map(ChangeEvent::entry).toList());
        }
        assertThat(load.checksum("bf_copy")).isEqualTo(load.checksum("bf"));
    }

    /**
     * A backfill asked for by a signal row, its chunks held open by a slow condition, is stopped with the
     * destination after two chunks; the consumer's cursor is past the signal row. The destination started again
     * (file cursors) runs the backfill again from its first chunk to its end: the copy is exact and no version goes
     * back.
     */
    @Test
    void aBackfillStoppedWithTheDestinationRunsAgainAfterTheRestart(@TempDir Path dataDir) throws Exception {
        MetaManager meta = new FileMetaManager(new FileMetaConfig(dataDir, 0));
        meta.start();
        try {
            stopAndRunAgain("bfr", meta, () -> meta, () -> assertThat(dataDir.resolve("backfill-bfr")
                    .resolve("backfill.json")).content().contains("sig-bfr"));
        } finally {
            meta.stop();
        }
    }

    /**
     * The same under high availability: the unfinished backfill is kept in ZooKeeper, and another server's meta
     * manager (its own ZooKeeper session) runs it again, as the next leader does.
     */
    @Test
    void aBackfillStoppedOnOneServerRunsAgainOnTheNextThroughZooKeeper() throws Exception {
        try (TestingServer zk = ZkTesting.server();
             CuratorFramework one = ZkTesting.client(zk);
             CuratorFramework two = ZkTesting.client(zk)) {
            ZooKeeperMetaManager first = new ZooKeeperMetaManager(one, ZkMetaConfig.withPeriod(0));
            first.start();
            ZooKeeperMetaManager[] next = new ZooKeeperMetaManager[1];
            try {
                stopAndRunAgain("bfz", first, () -> {
                    first.stop();
                    next[0] = new ZooKeeperMetaManager(two, ZkMetaConfig.withPeriod(0));
                    next[0].start();
                    return next[0];
                }, () -> assertThat(new String(two.getData().forPath("/collector/backfill/backfill-bfz"),
                        StandardCharsets.UTF_8)).contains("sig-bfz"));
            } finally {
                first.stop();
                if (next[0] != null) {
                    next[0].stop();
                }
            }
        }
    }

    /** An assertion that may throw checked exceptions (ZooKeeper reads). */
    private interface Check {
        void run() throws Exception;
    }

    private void stopAndRunAgain(String schema, MetaManager meta, Supplier<MetaManager> nextMeta, Check stored)
            throws Exception {
        VersionedLoad load = new VersionedLoad(db, schema, RESTART_KEYS).create();
        InstanceConfig config = config("backfill-" + schema, schema, new BackfillConfig(SIGNAL, CHUNK_ROWS));
        String id = "sig-" + schema;
        DestinationStats first = new DestinationStats();
        List<ChangeEvent> received = new ArrayList<>();
        try (Pipeline p = Pipeline.start(config, meta, first)) {
            load.start();
            received.addAll(p.takeUntil(events -> Pipeline.rowCount(events) >= 200, WAIT));
            // SLEEP per row keeps each chunk's query, and so its window, open for about a second
            db.execute("INSERT INTO " + SIGNAL + " VALUES ('" + id + "', 'execute-backfill', '{\"table\":\""
                    + schema + ".items\",\"where\":\"SLEEP(0.001) = 0\"}')");
            received.addAll(p.takeUntil(events -> chunks(first) >= 2
                    && events.stream().anyMatch(e -> id.equals(backfillId(e))), WAIT));
        }
        assertThat(first.snapshot().backfill().view()).containsEntry("state", "STOPPED").containsEntry("id", id);
        stored.run();
        int firstRun = received.size();
        DestinationStats second = new DestinationStats();
        try (Pipeline p = Pipeline.start(config, nextMeta.get(), second)) {
            received.addAll(p.takeUntil(events -> finished(second, id), WAIT));
            load.close();
            int marker = load.mark(434343);
            received.addAll(p.takeUntil(events -> events.stream().anyMatch(e -> isMarker(e, marker)), WAIT));
            assertThat(second.snapshot().backfill().view()).containsEntry("resumed", 1)
                    .containsEntry("table", schema + ".items");
        }
        checkRunAgainFromTheFirstChunk(received.subList(firstRun, received.size()), id);
        checkIdsGrow(received);
        checkVersionsNeverGoBack(received);
        try (Connection c = db.openConnection()) {
            new CopyApplier(c, schema + "_copy", Map.of("items", List.of("id")))
                    .apply(received.stream().map(ChangeEvent::entry).toList());
        }
        assertThat(load.checksum(schema + "_copy")).isEqualTo(load.checksum(schema));
    }

    /**
     * The destination stops while the consumer's cursor is still before the signal row that asked for a backfill.
     * Started again, it reads that row again but runs the backfill once, as resumed: every key at most once.
     */
    @Test
    void aSignalRowReadAgainAfterARestartDoesNotRunItsBackfillTwice(@TempDir Path dataDir) throws Exception {
        VersionedLoad load = new VersionedLoad(db, "bfd", RESTART_KEYS).create();
        InstanceConfig config = config("backfill-dedup", "bfd", new BackfillConfig(SIGNAL, CHUNK_ROWS));
        MetaManager meta = new FileMetaManager(new FileMetaConfig(dataDir, 0));
        meta.start();
        DestinationStats first = new DestinationStats();
        List<ChangeEvent> received = new ArrayList<>();
        try (Pipeline p = Pipeline.start(config, meta, first)) {
            load.start();
            received.addAll(p.takeUntil(events -> Pipeline.rowCount(events) >= 200, WAIT));
            db.execute("INSERT INTO " + SIGNAL + " VALUES ('sig-d', 'execute-backfill',"
                    + " '{\"table\":\"bfd.items\",\"where\":\"SLEEP(0.001) = 0\"}')");
            // nothing more is taken, so the consumer's cursor stays before the signal row
            Await.until("backfill sig-d running", WAIT,
                    () -> "sig-d".equals(first.snapshot().backfill().view().get("id")));
        }
        DestinationStats second = new DestinationStats();
        try (Pipeline p = Pipeline.start(config, meta, second)) {
            received.addAll(p.takeUntil(events -> finished(second, "sig-d"), WAIT));
            load.close();
            int marker = load.mark(454545);
            received.addAll(p.takeUntil(events -> events.stream().anyMatch(e -> isMarker(e, marker)), WAIT));
            assertThat(second.snapshot().backfill().view()).as("no second run queued or started")
                    .containsEntry("id", "sig-d").containsEntry("state", "DONE").containsEntry("resumed", 1)
                    .containsEntry("queued", 0);
        } finally {
            meta.stop();
        }
        List<Long> keys = backfillKeys(received, "sig-d");
        assertThat(keys).as("keys the backfill delivered").doesNotHaveDuplicates().hasSizeGreaterThan(RESTART_KEYS / 2);
        checkIdsGrow(received);
        checkVersionsNeverGoBack(received);
        try (Connection c = db.openConnection()) {
            new CopyApplier(c, "bfd_copy", Map.of("items", List.of("id")))
                    .apply(received.stream().map(ChangeEvent::entry).toList());
        }
        assertThat(load.checksum("bfd_copy")).isEqualTo(load.checksum("bfd"));
    }

    /** The second run's backfill rows start in the first chunk's keys and cover most of the table. */
    private static void checkRunAgainFromTheFirstChunk(List<ChangeEvent> secondRun, String id) {
        List<Long> keys = backfillKeys(secondRun, id);
        assertThat(keys).as("backfill rows after the restart").hasSizeGreaterThan(RESTART_KEYS / 2);
        assertThat(keys.stream().mapToLong(Long::longValue).min().orElseThrow()).as("lowest key after the restart")
                .isLessThanOrEqualTo(CHUNK_ROWS);
        System.out.printf("backfill %s: rows delivered after the restart: %d%n", id, keys.size());
    }

    private static List<Long> backfillKeys(List<ChangeEvent> events, String backfill) {
        List<Long> keys = new ArrayList<>();
        for (ChangeEvent e : events) {
            if (backfill.equals(backfillId(e))) {
                e.rowChange().getRowDatasList().forEach(r -> keys.add(Long.parseLong(value(r.getAfterColumnsList(),
                        "id"))));
            }
        }
        return keys;
    }

    private static InstanceConfig config(BackfillConfig backfill) {
        return config("backfill", "bf", backfill);
    }

    private static InstanceConfig config(String destination, String schema, BackfillConfig backfill) {
        SinkFilters filters = new SinkFilters(TableFilter.of(schema + "\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        return new InstanceConfig(destination, Pipeline.parserConfig(db, destination, StartConfig.CURRENT), filters,
                new StoreConfig(256, 4 << 20, false)).withSnapshot(SnapshotConfig.NEVER.withBackfill(backfill));
    }

    private static boolean finished(DestinationStats stats, String id) {
        Map<String, Object> view = stats.snapshot().backfill().view();
        if (id.equals(view.get("id")) && "FAILED".equals(view.get("state"))) {
            throw new AssertionError("backfill " + id + " failed: " + view.get("error"));
        }
        return id.equals(view.get("id")) && "DONE".equals(view.get("state"));
    }

    private static long chunks(DestinationStats stats) {
        Object chunks = stats.snapshot().backfill().view().get("chunks");
        return chunks == null ? 0 : (Long) chunks;
    }

    private static boolean isMarker(ChangeEvent e, int marker) {
        return e.isRowData() && e.header().getTableName().equals("marker")
                && e.rowChange().getRowDatas(0).getAfterColumns(0).getValue().equals(Integer.toString(marker));
    }

    private static String backfillId(ChangeEvent e) {
        return e.header().getPropsList().stream().filter(p -> p.getKey().equals(SnapshotEntries.BACKFILL_PROP))
                .map(p -> p.getValue()).findFirst().orElse(null);
    }

    /** Both backfills delivered INSERT rows; the second only rows of its condition; no signal row was delivered. */
    private static void checkBackfillRows(List<ChangeEvent> received, String first, String second) {
        long firstRows = 0;
        long secondRows = 0;
        for (ChangeEvent e : received) {
            assertThat(e.header().getSchemaName()).isNotEqualTo("bf_ops");
            String id = backfillId(e);
            if (id == null) {
                continue;
            }
            assertThat(e.rowChange().getEventType()).isEqualTo(EventType.INSERT);
            if (id.equals(first)) {
                firstRows += e.rowChange().getRowDatasCount();
            } else {
                assertThat(id).isEqualTo(second);
                for (RowData row : e.rowChange().getRowDatasList()) {
                    assertThat(value(row.getAfterColumnsList(), "grp")).isEqualTo("3");
                    secondRows++;
                }
            }
        }
        assertThat(firstRows).as("rows of the whole-table backfill").isGreaterThan(KEYS / 2);
        assertThat(secondRows).as("rows of the grp = 3 backfill").isGreaterThan(KEYS / 20);
        System.out.printf("backfill rows delivered: %d (whole table), %d (grp = 3)%n", firstRows, secondRows);
    }

    private static void checkIdsGrow(List<ChangeEvent> received) {
        long last = -1;
        for (ChangeEvent e : received) {
            assertThat(e.globalId()).as("globalId of %s", e).isGreaterThan(last);
            last = e.globalId() + Math.max(0, e.rowCount() - 1);
        }
    }

    /** Per key the versions delivered never go down, and a deleted row never comes back with its old version. */
    private static void checkVersionsNeverGoBack(List<ChangeEvent> received) {
        Map<String, Long> last = new HashMap<>();
        Map<String, Boolean> deleted = new HashMap<>();
        for (ChangeEvent e : received) {
            if (!e.isRowData() || !e.header().getTableName().equals("items")) {
                continue;
            }
            RowChange change = e.rowChange();
            for (RowData row : change.getRowDatasList()) {
                boolean delete = change.getEventType() == EventType.DELETE;
                List<Column> image = delete ? row.getBeforeColumnsList() : row.getAfterColumnsList();
                String key = value(image, "id");
                long version = Long.parseLong(value(image, "version"));
                Long before = last.get(key);
                if (before != null) {
                    boolean gone = deleted.getOrDefault(key, false);
                    assertThat(version).as("version of key %s in %s (after %s%s)", key, e, before,
                            gone ? ", deleted" : "").isGreaterThanOrEqualTo(gone && !delete ? before + 1 : before);
                }
                last.put(key, version);
                deleted.put(key, delete);
            }
        }
    }

    private static String value(List<Column> image, String name) {
        return image.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
