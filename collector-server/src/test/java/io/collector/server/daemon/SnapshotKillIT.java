package io.collector.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.server.snapshot.CopyApplier;
import io.collector.server.snapshot.SourceLoad;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon started with {@code snapshot.mode=initial} and killed with SIGKILL in the middle of the snapshot
 * while the source keeps changing: started again, it resumes the snapshot instead of starting over, and the entries
 * a Canal client received and acknowledged across both runs, applied in order, reproduce the source tables.
 */
class SnapshotKillIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int BIG_ROWS = 50_000;
    private static TestMariaDb db;

    @BeforeAll
    static void startDb() {
        db = TestMariaDb.builder().build().start();
    }

    @AfterAll
    static void stopDb() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void killedMidSnapshotResumesAndTheCopyIsExact(@TempDir Path home) throws Exception {
        SourceLoad load = new SourceLoad(db, "k1", BIG_ROWS).create().start();
        int port = Daemon.freePort();
        int adminPort = Daemon.freePort();
        int metricsPort = Daemon.freePort();
        Daemon daemon = daemon(home, port, adminPort, metricsPort);
        List<Entry> received = new ArrayList<>();
        Daemon.Result started = daemon.start();
        assertThat(started.status()).as(started.output()).isZero();
        try {
            CanalConnector c = CanalRows.connect(port, "d1", WAIT);
            received.addAll(take(c, entries -> snapshotRows(entries) >= BIG_ROWS / 4));
            // Canal's client sends an ack without waiting for its answer: kill once an acknowledged cursor is
            // stored, or the restart has nothing to resume from and takes a new snapshot
            Await.until("an acknowledged cursor is stored", WAIT, () -> storedCursor(adminPort));
            kill(daemon);
            c.disconnect();
            assertThat(daemon.start().status()).as("started again after kill -9").isZero();
            CanalConnector again = CanalRows.connect(port, "d1", WAIT);
            received.addAll(take(again, SnapshotKillIT::streamReached));
            assertThat(get(adminPort, "/api/destinations")).contains("\"snapshot\":{\"state\":\"DONE\"")
                    .contains("\"tablesDone\":5,\"tables\":5");
            assertThat(get(metricsPort, "/metrics"))
                    .containsPattern("collector_snapshot_rows\\{destination=\"d1\"} [1-9]")
                    .contains("collector_snapshot_progress_percent{destination=\"d1\"} 100.0");
            load.close();
            int marker = load.mark();
            received.addAll(take(again, entries -> entries.stream().anyMatch(e -> isMarker(e, marker))));
            again.disconnect();
        } finally {
            load.close();
            daemon.stop();
        }
        assertThat(daemon.log()).contains("[destination=d1] snapshot taken at").contains("resumes at table 1 of 5 after key");
        assertThat(snapshotRows(received)).as("snapshot rows over both runs, fewer than twice the table")
                .isLessThan(2L * BIG_ROWS);
        try (Connection copy = db.openConnection()) {
            new CopyApplier(copy, "k1_copy", SourceLoad.keys()).apply(received);
        }
        for (String table : SourceLoad.TABLES) {
            assertThat(load.copyChecksums(table)).isEqualTo(load.checksums(table));
        }
    }

    private static Daemon daemon(Path home, int port, int adminPort, int metricsPort) {
        Path conf = home.resolve("conf");
        Daemon.write(conf.resolve("collector.properties"), "collector.port = " + port,
                "collector.metrics.port = " + metricsPort, "collector.admin.port = " + adminPort,
                "collector.meta.mode = file", "collector.meta.flush.period = 0",
                "collector.supervise.policy = fixed", "collector.supervise.delay = 200ms",
                "collector.supervise.max.attempts = 1000");
        Daemon.write(conf.resolve("jvm.options"), "-Xms64m", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
        Daemon.write(conf.resolve("d1/instance.properties"),
                "collector.instance.source.address = 127.0.0.1:" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.filter.include = k1\\\\..*",
                "collector.instance.store.capacity.entries = 64",
                "collector.instance.snapshot.mode = initial",
                "collector.instance.snapshot.chunk.rows = 1024");
        return new Daemon(conf);
    }

    private static String get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean storedCursor(int adminPort) {
        try {
            return get(adminPort, "/api/destinations").contains("\"resumePosition\":{");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void kill(Daemon daemon) throws Exception {
        long pid = Long.parseLong(Files.readString(daemon.conf().resolve("collector.pid")).trim());
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).start();
        assertThat(kill.waitFor()).isZero();
        Await.until("pid " + pid + " is gone", WAIT,
                () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Gets and acks batches until {@code done} holds for what this call received. */
    private static List<Entry> take(CanalConnector c, Predicate<List<Entry>> done) throws Exception {
        List<Entry> entries = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(entries)) {
            assertThat(System.nanoTime()).as("condition within %s; %d entries", WAIT, entries.size())
                    .isLessThan(deadline);
            Message m = c.getWithoutAck(200, 200L, TimeUnit.MILLISECONDS);
            for (CanalEntry.Entry e : m.getEntries()) {
                entries.add(Entry.parseFrom(e.toByteArray()));
            }
            if (m.getId() > 0) {
                c.ack(m.getId());
            }
        }
        return entries;
    }

    private static boolean isSnapshot(Entry e) {
        return e.getHeader().getPropsList().stream().anyMatch(p -> p.getKey().equals("snapshot"));
    }

    private static long snapshotRows(List<Entry> entries) {
        return entries.stream().filter(SnapshotKillIT::isSnapshot).mapToLong(e -> rows(e).getRowDatasCount()).sum();
    }

    private static boolean streamReached(List<Entry> entries) {
        return entries.stream().anyMatch(e -> e.getEntryType() == EntryType.ROWDATA && !isSnapshot(e));
    }

    private static boolean isMarker(Entry e, int marker) {
        return e.getEntryType() == EntryType.ROWDATA && e.getHeader().getTableName().equals("marker")
                && !isSnapshot(e) && rows(e).getRowDatasCount() > 0
                && rows(e).getRowDatas(0).getAfterColumns(0).getValue().equals(Integer.toString(marker));
    }

    private static RowChange rows(Entry e) {
        try {
            return RowChange.parseFrom(e.getStoreValue());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }
}
