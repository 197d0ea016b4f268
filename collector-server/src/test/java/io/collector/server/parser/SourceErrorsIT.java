package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.error.PositionNotFoundException;
import io.collector.server.error.SourceException;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.PurgedPolicy;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A source the collector cannot read as configured says so clearly and loses nothing silently. */
class SourceErrorsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE err_db");
        db.executeIn("err_db", "CREATE TABLE t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static Throwable failureOf(Pipeline p) {
        Await.until("the parser fails", WAIT, () -> p.destination().parser().failure() != null);
        return p.destination().parser().failure();
    }

    @Test
    void statementFormatIsRefusedWithTheFix() {
        String previous = db.setGlobal("binlog_format", "STATEMENT");
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "stmt", StartConfig.CURRENT))) {
            Throwable failure = failureOf(p);
            assertThat(failure).isInstanceOf(SourceException.class);
            assertThat(failure.getMessage())
                    .contains("[destination=stmt] binlog_format is STATEMENT on 127.0.0.1:" + db.port())
                    .contains("the collector needs ROW")
                    .contains("SET GLOBAL binlog_format='ROW'");
        } finally {
            db.setGlobal("binlog_format", previous);
        }
    }

    @Test
    void purgedBinlogFailsNamingWantedAndOldestPosition() {
        String purged = purgeOneFile();
        String oldest = db.binaryLogs().get(0);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "purged", StartConfig.at(purged, 4)))) {
            Throwable failure = failureOf(p);
            assertThat(failure).isInstanceOf(PositionNotFoundException.class);
            assertThat(failure.getMessage())
                    .contains("[destination=purged] binlog position " + purged + ":4 is no longer on the source")
                    .contains("the oldest binlog available is " + oldest)
                    .contains("'earliest' or 'latest'");
        }
    }

    @Test
    void purgedBinlogWithPolicyEarliestRestartsFromTheOldestFile() {
        String purged = purgeOneFile();
        db.executeIn("err_db", "INSERT INTO t VALUES (77)");
        ParserConfig base = Pipeline.parserConfig(db, "earliest", StartConfig.at(purged, 4));
        ParserConfig earliest = base.toBuilder().gtidMode(false).purgedPolicy(PurgedPolicy.EARLIEST).build();
        InstanceConfig config = new InstanceConfig("earliest", earliest, Pipeline.config(db, "x", StartConfig.CURRENT)
                .filters(), io.collector.server.store.StoreConfig.defaults());
        try (Pipeline p = Pipeline.start(config)) {
            List<String> ids = Pipeline.rowImages(p.takeUntil(
                    events -> Pipeline.rowImages(events).stream().anyMatch(r -> "77".equals(r.get("id"))), WAIT))
                    .stream().map(r -> r.get("id")).toList();
            assertThat(ids).contains("77");
            assertThat(p.destination().parser().failure()).isNull();
        }
    }

    /** MariaDB 11.4+: without binlog_legacy_event_pos the events of a transaction have end_log_pos 0. */
    @Test
    void eventsWithoutTheirPositionAreRefusedAtStartAndMidStream() {
        Assumptions.assumeTrue(!db.query("SHOW GLOBAL VARIABLES LIKE 'binlog_legacy_event_pos'").isEmpty(),
                "only MariaDB 11.4+ has binlog_legacy_event_pos");
        String previous = db.setGlobal("binlog_legacy_event_pos", "OFF");
        try {
            try (Pipeline p = Pipeline.start(Pipeline.config(db, "legacy-off", StartConfig.CURRENT))) {
                assertThat(failureOf(p)).isInstanceOf(SourceException.class).hasMessageContaining(
                        "binlog_legacy_event_pos is OFF").hasMessageContaining("SET GLOBAL binlog_legacy_event_pos=ON");
            }
            db.setGlobal("binlog_legacy_event_pos", "ON");
            var from = db.masterStatus();
            try (Pipeline p = Pipeline.start(Pipeline.config(db, "legacy-switched",
                    StartConfig.at(from.file(), from.position())))) {
                db.executeIn("err_db", "INSERT INTO t VALUES (9001)");
                p.takeRows(1, WAIT);
                db.setGlobal("binlog_legacy_event_pos", "OFF");
                db.executeIn("err_db", "BEGIN", "INSERT INTO t VALUES (9002)", "INSERT INTO t VALUES (9003)", "COMMIT");
                assertThat(failureOf(p)).isInstanceOf(SourceException.class).hasMessageContaining("end_log_pos 0");
            }
        } finally {
            db.setGlobal("binlog_legacy_event_pos", previous);
        }
    }

    /** Rotates twice and purges the older file; returns the purged file's name. */
    private static String purgeOneFile() {
        String first = db.masterStatus().file();
        db.executeIn("err_db", "INSERT INTO t SELECT COALESCE(MAX(id), 0) + 1 FROM t");
        db.flushLogs();
        db.flushLogs();
        String current = db.masterStatus().file();
        db.purgeBinaryLogsTo(current);
        assertThat(db.binaryLogs()).doesNotContain(first);
        return first;
    }
}
