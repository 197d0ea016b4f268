package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.sink.filter.ColumnFilter;
import io.collector.server.sink.filter.EventTypeFilter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.sink.filter.TableFilter;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination with {@code snapshot.mode=initial} over tables that keep changing: the delivered entries, applied
 * in order to empty copies, reproduce the source tables exactly (CHECKSUM TABLE and row counts), also when the
 * destination is stopped in the middle of the snapshot and resumes it.
 */
class SnapshotIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int BIG_ROWS = 100_000;
    private static final int CHUNK_ROWS = 2048;
    private static TestMariaDb db;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static InstanceConfig config(String schema) {
        return config(schema, SnapshotLocking.AUTO);
    }

    private static InstanceConfig config(String schema, SnapshotLocking locking) {
        SinkFilters filters = new SinkFilters(TableFilter.of(schema + "\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        return new InstanceConfig("snap-" + schema, Pipeline.parserConfig(db, "snap-" + schema, StartConfig.CURRENT),
                filters, new StoreConfig(64, 1 << 20, false)).withSnapshot(new SnapshotConfig(SnapshotMode.INITIAL,
                CHUNK_ROWS, locking, BackfillConfig.NONE));
    }

    @Test
    void snapshotThenBinlogReproducesTheTablesWhileTheyChange() throws Exception {
        SourceLoad load = new SourceLoad(db, "s1", BIG_ROWS).create().start();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        List<ChangeEvent> received = new ArrayList<>();
        long opsAtStart = load.ops();
        try (Pipeline p = Pipeline.start(config("s1"), meta)) {
            received.addAll(p.takeUntil(SnapshotIT::streamReached, WAIT));
            long opsDuringSnapshot = load.ops() - opsAtStart;
            finish(p, load, received);
            assertThat(opsDuringSnapshot).as("writes while the snapshot ran").isGreaterThan(0);
        }
        checkEntries(received);
        assertThat(snapshotRows(received, "big")).isGreaterThan(BIG_ROWS * 9L / 10);
        applyAndCompare(load, received);
    }

    @Test
    void snapshotStoppedHalfwayResumesAfterTheLastAcknowledgedChunk() throws Exception {
        SourceLoad load = new SourceLoad(db, "s2", BIG_ROWS / 2).create().start();
        MetaManager meta = new FileMetaManager(new FileMetaConfig(dataDir, 0));
        meta.start();
        List<ChangeEvent> first;
        try (Pipeline p = Pipeline.start(config("s2"), meta)) {
            first = p.takeUntil(events -> snapshotRows(events, "big") >= BIG_ROWS / 6, WAIT);
        }
        long lastAcked = first.get(first.size() - 1).globalId();
        List<ChangeEvent> received = new ArrayList<>(first);
        try (Pipeline p = Pipeline.start(config("s2"), meta)) {
            List<ChangeEvent> second = p.takeUntil(SnapshotIT::streamReached, WAIT);
            assertThat(second.get(0).globalId()).as("ids after the resume").isGreaterThan(lastAcked);
            assertThat(snapshotRows(second, "big")).as("big rows read again after the resume")
                    .isLessThan(BIG_ROWS * 3L / 8);
            received.addAll(second);
            finish(p, load, received);
        } finally {
            meta.stop();
        }
        applyAndCompare(load, received);
    }

    /**
     * MySQL's way, run on MariaDB (which has FLUSH TABLES WITH READ LOCK and SHOW MASTER STATUS too): the lock is
     * taken, the position read under it is the view's (the copy is exact), and writes go on while the snapshot
     * is still reading.
     */
    @Test
    void globalReadLockIsHeldOnlyWhileTheViewOpens() throws Exception {
        SourceLoad load = new SourceLoad(db, "s4", BIG_ROWS / 2).create().start();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        List<ChangeEvent> received = new ArrayList<>();
        long flushes = statusCounter("Com_flush");
        try (Pipeline p = Pipeline.start(config("s4", SnapshotLocking.GLOBAL_READ_LOCK), meta)) {
            received.addAll(p.takeUntil(events -> snapshotRows(events, "big") > 0, WAIT));
            assertThat(statusCounter("Com_flush")).as("FLUSH TABLES WITH READ LOCK ran").isGreaterThan(flushes);
            // the snapshot is held by the full store with its view open: the lock must be gone
            long ops = load.ops();
            Await.until("writes while the snapshot's view is open", WAIT, () -> load.ops() > ops + 200);
            List<ChangeEvent> next = p.takeUntil(events -> !events.isEmpty(), WAIT);
            assertThat(snapshotRows(next, "big")).as("the snapshot was still reading").isGreaterThan(0);
            received.addAll(next);
            received.addAll(p.takeUntil(SnapshotIT::streamReached, WAIT));
            finish(p, load, received);
        } finally {
            meta.stop();
        }
        assertThat(load.slowestStatementMillis()).as("longest wait of a writer").isLessThan(10_000);
        checkEntries(received);
        applyAndCompare(load, received);
    }

    @Test
    void globalReadLockWithoutReloadStopsWithAnErrorNamingTheGrant() {
        db.execute("CREATE DATABASE s5", "CREATE TABLE s5.t (id INT PRIMARY KEY)",
                "CREATE USER 'noreload'@'%' IDENTIFIED BY 'pw'",
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT ON *.* TO 'noreload'@'%'");
        ParserConfig p = Pipeline.parserConfig(db, "snap-s5", StartConfig.CURRENT);
        ParserConfig noReload = p.toBuilder().user("noreload", "pw").build();
        InstanceConfig config = new InstanceConfig("snap-s5", noReload, SinkFilters.none(), StoreConfig.defaults())
                .withSnapshot(new SnapshotConfig(SnapshotMode.INITIAL, CHUNK_ROWS, SnapshotLocking.GLOBAL_READ_LOCK,
                BackfillConfig.NONE));
        try (Pipeline pipeline = Pipeline.start(config)) {
            assertThatThrownBy(() -> pipeline.takeUntil(events -> false, WAIT))
                    .hasMessageContaining("the source user needs the RELOAD privilege");
        }
    }

    private static long statusCounter(String name) {
        return Long.parseLong(db.query("SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get("Value").toString());
    }

    @Test
    void whenNeededTakesANewSnapshotWhenTheCursorsBinlogWasPurged() {
        db.execute("CREATE DATABASE s3");
        db.executeIn("s3", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(16))",
                "INSERT INTO t SELECT seq, 'a' FROM seq_1_to_3000");
        SinkFilters filters = new SinkFilters(TableFilter.of("s3\\..*", ""), ColumnFilter.none(),
                EventTypeFilter.none());
        InstanceConfig config = new InstanceConfig("snap-s3", Pipeline.parserConfig(db, "snap-s3",
                StartConfig.CURRENT), filters, StoreConfig.defaults())
                .withSnapshot(new SnapshotConfig(SnapshotMode.WHEN_NEEDED, 1000));
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        long acked;
        try (Pipeline p = Pipeline.start(config, meta)) {
            List<ChangeEvent> first = new ArrayList<>(p.takeUntil(e -> snapshotRows(e, "t") >= 3000, WAIT));
            db.execute("INSERT INTO s3.t VALUES (5000, 'stream')");
            first.addAll(p.takeUntil(SnapshotIT::streamReached, WAIT));
            assertThat(snapshotRows(first, "t")).isEqualTo(3000);
            acked = first.get(first.size() - 1).globalId();
        }
        String cursorFile = db.masterStatus().file();
        db.executeIn("s3", "INSERT INTO t SELECT seq, 'b' FROM seq_6000_to_6999", "FLUSH BINARY LOGS");
        // the server keeps a file while a dump thread of a closed connection still reads it
        Await.until(cursorFile + " purged", WAIT, () -> {
            db.execute("PURGE BINARY LOGS TO '" + db.masterStatus().file() + "'");
            return !db.binaryLogs().contains(cursorFile);
        });
        try (Pipeline p = Pipeline.start(config, meta)) {
            List<ChangeEvent> second = new ArrayList<>(p.takeUntil(e -> snapshotRows(e, "t") >= 4001, WAIT));
            db.execute("INSERT INTO s3.t VALUES (8000, 'after')");
            second.addAll(p.takeUntil(SnapshotIT::streamReached, WAIT));
            assertThat(snapshotRows(second, "t")).as("a new snapshot of every row").isEqualTo(4001);
            assertThat(second.get(0).globalId()).isGreaterThan(acked);
            checkEntries(second);
        } finally {
            meta.stop();
        }
    }

    /** Stops the load, writes a marker row and takes everything up to it. */
    private static void finish(Pipeline p, SourceLoad load, List<ChangeEvent> received) throws Exception {
        load.close();
        int marker = load.mark();
        received.addAll(p.takeUntil(events -> events.stream().anyMatch(e -> isMarker(e, marker)), WAIT));
    }

    private static boolean isMarker(ChangeEvent e, int marker) {
        return e.isRowData() && e.header().getTableName().equals("marker") && !isSnapshot(e)
                && e.rowChange().getRowDatas(0).getAfterColumns(0).getValue().equals(Integer.toString(marker));
    }

    private static boolean streamReached(List<ChangeEvent> events) {
        return !events.isEmpty() && events.stream().anyMatch(e -> e.isRowData() && !isSnapshot(e));
    }

    static boolean isSnapshot(ChangeEvent e) {
        return e.header().getPropsList().stream()
                .anyMatch(p -> p.getKey().equals(SnapshotEntries.SNAPSHOT_PROP) && p.getValue().equals("true"));
    }

    private static long snapshotRows(List<ChangeEvent> events, String table) {
        return events.stream().filter(e -> isSnapshot(e) && e.header().getTableName().equals(table))
                .mapToLong(e -> e.rowChange().getRowDatasCount()).sum();
    }

    /** Snapshot entries are inserts, all before the stream, ids increasing across both. */
    private static void checkEntries(List<ChangeEvent> received) {
        long previous = -1;
        boolean streaming = false;
        for (ChangeEvent e : received) {
            assertThat(e.globalId()).isGreaterThan(previous);
            previous = e.globalId();
            if (isSnapshot(e)) {
                assertThat(streaming).as("a snapshot entry after the stream began").isFalse();
                assertThat(e.rowChange().getEventType()).isEqualTo(EventType.INSERT);
            } else {
                streaming = true;
            }
        }
    }

    private static void applyAndCompare(SourceLoad load, List<ChangeEvent> received) throws Exception {
        String schema = received.get(0).header().getSchemaName();
        try (Connection c = db.openConnection()) {
            new CopyApplier(c, schema + "_copy", SourceLoad.keys()).apply(received.stream().map(ChangeEvent::entry).toList());
        }
        for (String table : SourceLoad.TABLES) {
            assertThat(load.copyChecksums(table)).isEqualTo(load.checksums(table));
        }
    }
}
