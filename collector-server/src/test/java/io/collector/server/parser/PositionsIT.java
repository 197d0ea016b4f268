package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.Message;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart from a stored cursor, and start by file:pos, GTID and timestamp. */
class PositionsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE pos_db");
        db.executeIn("pos_db", "CREATE TABLE t (id INT PRIMARY KEY, tag VARCHAR(20))");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    /** Inserts rows {@code from..to} with {@code tag}, each id in its own statement, in one transaction. */
    private static void transaction(String tag, int from, int to) {
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN");
        for (int id = from; id <= to; id++) {
            statements.add("INSERT INTO t VALUES (" + id + ", '" + tag + "')");
        }
        statements.add("COMMIT");
        db.executeIn("pos_db", statements.toArray(String[]::new));
    }

    private static List<String> ids(List<ChangeEvent> events) {
        return Pipeline.rowImages(events).stream().map(r -> r.get("id")).toList();
    }

    private static List<String> range(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    @Test
    void restartResumesAfterTheLastAckedEntryEvenInsideATransaction(@TempDir Path dir) {
        var status = db.masterStatus();
        StartConfig start = StartConfig.at(status.file(), status.position());
        transaction("r", 101, 103);
        transaction("r", 104, 106);
        transaction("r", 107, 109);
        List<ChangeEvent> firstRun;
        FileMetaManager meta = fileMeta(dir);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "restart", start), meta)) {
            firstRun = p.takeRowsAndCommit(9, WAIT);
        }
        meta.stop();
        // second run from the same position, acking only up to the middle of the second transaction
        Path dir2 = dir.resolve("second");
        FileMetaManager meta2 = fileMeta(dir2);
        List<ChangeEvent> acked = new ArrayList<>();
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "restart", start), meta2)) {
            while (Pipeline.rowCount(acked) < 5) {
                Message m = p.service().getWithoutAck(p.client(), 1, 5, TimeUnit.SECONDS);
                assertThat(m.batchId()).isPositive();
                acked.addAll(m.events());
                p.service().ack(p.client(), m.batchId());
            }
            Message unacked = p.service().getWithoutAck(p.client(), 3, 5, TimeUnit.SECONDS);
            assertThat(unacked.events()).isNotEmpty();
        }
        meta2.stop();
        transaction("r", 110, 111);
        FileMetaManager meta3 = fileMeta(dir2);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "restart", start), meta3)) {
            List<ChangeEvent> resumed = p.takeRowsAndCommit(6, WAIT);
            assertThat(ids(acked)).isEqualTo(range(101, 105));
            assertThat(ids(resumed)).isEqualTo(range(106, 111));
            assertSameIdsAsFirstRun(firstRun, resumed);
        } finally {
            meta3.stop();
        }
    }

    private static void assertSameIdsAsFirstRun(List<ChangeEvent> firstRun, List<ChangeEvent> resumed) {
        Map<Long, String> first = new java.util.HashMap<>();
        for (ChangeEvent e : firstRun) {
            first.put(e.globalId(), e.entry().getEntryType() + "@" + e.position());
        }
        List<ChangeEvent> replayed = resumed.stream()
                .filter(e -> e.position().compareTo(firstRun.get(firstRun.size() - 1).position()) <= 0).toList();
        assertThat(replayed).isNotEmpty();
        for (ChangeEvent e : replayed) {
            assertThat(first.get(e.globalId())).isEqualTo(e.entry().getEntryType() + "@" + e.position());
        }
    }

    private static FileMetaManager fileMeta(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FileMetaManager meta = new FileMetaManager(new FileMetaConfig(dir, 0));
        meta.start();
        return meta;
    }

    @Test
    void startByFilePositionBeginsAtThatTransaction() {
        transaction("f", 201, 202);
        var status = db.masterStatus();
        transaction("f", 203, 204);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "bypos", StartConfig.at(status.file(), status.position())))) {
            assertThat(ids(p.takeRowsAndCommit(2, WAIT))).isEqualTo(range(203, 204));
        }
    }

    @Test
    void startByGtidBeginsAfterThatGtid() {
        transaction("g", 301, 302);
        String executed = db.gtidCurrentPos();
        transaction("g", 303, 304);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "bygtid", StartConfig.atGtid(executed)))) {
            List<ChangeEvent> events = p.takeRowsAndCommit(2, WAIT);
            assertThat(ids(events)).isEqualTo(range(303, 304));
            String[] executedParts = executed.split("-");
            long seq = Long.parseLong(executedParts[2]);
            assertThat(events.get(0).entry().getHeader().getGtid())
                    .isEqualTo(executedParts[0] + "-" + executedParts[1] + "-" + (seq + 1));
        }
    }

    @Test
    void startByTimestampBeginsAtTheFirstTransactionAtOrAfterIt() {
        long now = Long.parseLong(db.queryString("SELECT UNIX_TIMESTAMP()"));
        db.flushLogs();
        db.executeIn("pos_db", "SET TIMESTAMP = " + (now + 1000), "INSERT INTO t VALUES (401, 'ts')");
        db.executeIn("pos_db", "SET TIMESTAMP = " + (now + 2000), "INSERT INTO t VALUES (402, 'ts')",
                "INSERT INTO t VALUES (403, 'ts')");
        long startMs = (now + 1500) * 1000;
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "byts", StartConfig.atTimestamp(startMs)))) {
            List<ChangeEvent> events = p.takeRowsAndCommit(2, WAIT);
            assertThat(ids(events)).isEqualTo(range(402, 403));
            assertThat(events.get(0).entry().getHeader().getExecuteTime()).isEqualTo((now + 2000) * 1000);
        }
    }
}
