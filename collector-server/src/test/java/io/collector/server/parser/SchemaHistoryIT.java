package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.parser.schema.InformationSchema;
import io.collector.server.parser.schema.history.FileSchemaHistoryStore;
import io.collector.server.parser.schema.history.SchemaHistory;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.LogPosition;
import io.collector.server.service.Message;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that was down while a stream of DDL and rows ran reads it in catch-up. Without column metadata in
 * the binlog (MINIMAL) the column names, keys and types come from the schema history and the entries are the same
 * as those of the same stream written with FULL metadata, also when the destination restarts in the middle.
 */
class SchemaHistoryIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestMariaDb db;

    /** Renames, same-type reorders, add/drop, a type change, a table rename, a table dropped and created again. */
    static final List<String> SCRIPT = List.of(
            "CREATE TABLE s1 (id INT PRIMARY KEY, a INT, b INT, c VARCHAR(10))",
            "INSERT INTO s1 VALUES (1, 10, 20, 'x')",
            "ALTER TABLE s1 RENAME COLUMN a TO a1",
            "INSERT INTO s1 VALUES (2, 11, 21, 'y')",
            "ALTER TABLE s1 MODIFY b INT AFTER id",
            "INSERT INTO s1 VALUES (3, 22, 12, 'z')",
            "ALTER TABLE s1 MODIFY COLUMN c VARCHAR(10) FIRST",
            "INSERT INTO s1 VALUES ('w', 4, 23, 13)",
            "ALTER TABLE s1 ADD COLUMN d INT AFTER id",
            "INSERT INTO s1 VALUES ('v', 5, 50, 24, 14)",
            "ALTER TABLE s1 DROP COLUMN b",
            "INSERT INTO s1 VALUES ('u', 6, 60, 15)",
            "ALTER TABLE s1 CHANGE a1 a2 BIGINT UNSIGNED",
            "INSERT INTO s1 VALUES ('t', 7, 70, 16)",
            "RENAME TABLE s1 TO s2",
            "INSERT INTO s2 VALUES ('s', 8, 80, 17)",
            "UPDATE s2 SET d = 81 WHERE id = 8",
            "CREATE TABLE s3 (id INT PRIMARY KEY, v VARCHAR(5))",
            "INSERT INTO s3 VALUES (1, 'one')",
            "DROP TABLE s3",
            "CREATE TABLE s3 (k VARCHAR(5) PRIMARY KEY, n INT, m INT)",
            "INSERT INTO s3 VALUES ('two', 2, 3)",
            "DELETE FROM s2 WHERE id = 1");
    static final int ROWS = 12;

    @TempDir
    Path dir;

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

    @Test
    void minimalMetadataCatchUpGivesTheEntriesOfFull() throws IOException {
        List<String> full = catchUp("FULL", "sh_full", false);
        List<String> minimal = catchUp("MINIMAL", "sh_min", false);
        assertThat(full).hasSize(ROWS + 11);
        // the values land in the columns of their time: after the reorder, in the first s3
        assertThat(full).contains("INSERT s1 | 0 id 4 int(11) true true false 3 | 1 b 4 int(11) false true false 22"
                        + " | 2 a1 4 int(11) false true false 12 | 3 c 12 varchar(10) false true false z",
                "INSERT s3 | 0 id 4 int(11) true true false 1 | 1 v 12 varchar(5) false true false one");
        assertThat(minimal).isEqualTo(full);
        historyMatchesInformationSchema("sh_min", "s2", "s3");
        // MariaDB's default: no optional TABLE_MAP metadata at all
        assertThat(catchUp("NO_LOG", "sh_nolog", false)).isEqualTo(full);
    }

    @Test
    void aRestartInTheMiddleOfTheCatchUpKeepsTheEntries() throws IOException {
        List<String> full = catchUp("FULL", "sh_full2", false);
        List<String> minimal = catchUp("MINIMAL", "sh_min2", true);
        assertThat(minimal).isEqualTo(full);
    }

    @Test
    void aDdlFormTheHistoryCannotApplyStopsTheRowsOfThatTableWithTheStatementAndPosition() {
        String previous = db.setGlobal("binlog_row_metadata", "MINIMAL");
        try {
            db.execute("CREATE DATABASE sh_conv");
            db.executeIn("sh_conv", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10)) CHARACTER SET latin1");
            var status = db.masterStatus();
            try (Pipeline p = Pipeline.start(Pipeline.config(db, "sh_conv",
                    StartConfig.at(status.file(), status.position())))) {
                db.executeIn("sh_conv", "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", "INSERT INTO t VALUES (1, 'x')");
                String failure = parserFailure(p);
                assertThat(failure).contains("Table sh_conv.t at mysql-bin.").contains("CONVERT TO CHARACTER SET")
                        .contains("binlog_row_metadata=FULL");
            }
        } finally {
            db.setGlobal("binlog_row_metadata", previous);
        }
    }

    @Test
    void aHistoryThatDisagreesWithTheTableMapStopsWithTheTableTheLastDdlAndThePosition() {
        String previous = db.setGlobal("binlog_row_metadata", "MINIMAL");
        try {
            db.execute("CREATE DATABASE sh_late");
            db.executeIn("sh_late", "CREATE TABLE t (id INT PRIMARY KEY, a INT)");
            var before = db.masterStatus();
            db.executeIn("sh_late", "INSERT INTO t VALUES (1, 10)", "ALTER TABLE t ADD COLUMN b INT");
            // the first start is after the ALTER ran, so the history begins with three columns at an older position
            try (Pipeline p = Pipeline.start(Pipeline.config(db, "sh_late",
                    StartConfig.at(before.file(), before.position())))) {
                String failure = parserFailure(p);
                assertThat(failure).contains("Table sh_late.t at " + before.file() + ":")
                        .contains("has 2 columns").contains("the schema history has 3 columns")
                        .contains("last DDL applied to the history: none since information_schema at " + before.file());
            }
        } finally {
            db.setGlobal("binlog_row_metadata", previous);
        }
    }

    private static String parserFailure(Pipeline p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.destination().parser().failure() == null) {
            assertThat(System.nanoTime()).as("the parser stops within " + WAIT).isLessThan(deadline);
            p.service().getWithoutAck(p.client(), 100, 100, TimeUnit.MILLISECONDS);
        }
        return p.destination().parser().failure().getMessage();
    }

    /**
     * Starts a destination (its schema history begins), stops it, runs the script with {@code metadata}, then
     * reads everything in catch-up (restarting once after 4 rows when asked).
     */
    private List<String> catchUp(String metadata, String database, boolean restart) {
        String previous = db.setGlobal("binlog_row_metadata", metadata);
        try {
            db.execute("CREATE DATABASE " + database);
            db.executeIn(database, "CREATE TABLE marker (id INT PRIMARY KEY)");
            var status = db.masterStatus();
            InstanceConfig config = Pipeline.config(db, database, StartConfig.at(status.file(), status.position()));
            run(config, p -> {
                db.executeIn(database, "INSERT INTO marker VALUES (1)");
                p.takeRowsAndCommit(1, WAIT);
            });
            SCRIPT.forEach(sql -> db.executeIn(database, sql));
            db.executeIn(database, "INSERT INTO marker VALUES (2)");
            List<ChangeEvent> events = new ArrayList<>();
            if (restart) {
                run(config, p -> events.addAll(takeInSmallBatches(p, 4)));
            }
            run(config, p -> events.addAll(p.takeUntil(SchemaHistoryIT::hasEndMarker, WAIT)));
            return describe(events.stream().map(ChangeEvent::entry).toList());
        } finally {
            db.setGlobal("binlog_row_metadata", previous);
        }
    }

    private void run(InstanceConfig config, Consumer<Pipeline> body) {
        FileMetaManager meta = new FileMetaManager(new FileMetaConfig(dir, 0));
        meta.start();
        try (Pipeline p = Pipeline.start(config, meta)) {
            body.accept(p);
        } finally {
            meta.stop();
        }
    }

    /** Gets and acks batches of two entries until {@code rows} rows arrived, so the rest stays unread. */
    private static List<ChangeEvent> takeInSmallBatches(Pipeline p, int rows) {
        List<ChangeEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Pipeline.rowCount(received) < rows) {
            assertThat(System.nanoTime()).as("rows before the restart").isLessThan(deadline);
            Message m = p.service().getWithoutAck(p.client(), 2, 200, TimeUnit.MILLISECONDS);
            received.addAll(m.events());
            if (m.batchId() > 0) {
                p.service().ack(p.client(), m.batchId());
            }
        }
        assertThat(hasEndMarker(received)).as("the restart is in the middle").isFalse();
        return received;
    }

    private static boolean hasEndMarker(List<ChangeEvent> events) {
        return Pipeline.rowsEntries(events).stream()
                .anyMatch(e -> e.entry().getHeader().getTableName().equals("marker"));
    }

    /**
     * Rows (every column's index, name, types, flags, value) and DDL of tables other than {@code marker}, without
     * schema names or positions; an entry whose globalId came before (redelivered after a failover) counts once.
     */
    static List<String> describe(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Entry e : entries) {
            var header = e.getHeader();
            String globalId = header.getPropsList().stream().filter(p -> p.getKey().equals("globalId"))
                    .map(p -> p.getValue()).findFirst().orElse("");
            if (header.getTableName().equals("marker") || e.getEntryType() != EntryType.ROWDATA
                    || !seen.add(globalId)) {
                continue;
            }
            RowChange change = parse(e);
            if (change.getIsDdl()) {
                lines.add(header.getEventType() + " " + header.getTableName());
            }
            for (RowData row : change.getRowDatasList()) {
                lines.add(header.getEventType() + " " + header.getTableName() + columns(row.getBeforeColumnsList())
                        + columns(row.getAfterColumnsList()));
            }
        }
        return lines;
    }

    private static RowChange parse(Entry e) {
        try {
            return RowChange.parseFrom(e.getStoreValue());
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError("entry without a row change: " + e.getHeader(), ex);
        }
    }

    private static String columns(List<Column> columns) {
        StringBuilder s = new StringBuilder();
        for (Column c : columns) {
            s.append(" | ").append(c.getIndex()).append(' ').append(c.getName()).append(' ').append(c.getSqlType())
                    .append(' ').append(c.getMysqlType()).append(' ').append(c.getIsKey()).append(' ')
                    .append(c.getUpdated()).append(' ').append(c.getIsNull()).append(' ').append(c.getValue());
        }
        return s.toString();
    }

    /** The stored history, replayed to the end, spells the final tables exactly as information_schema does. */
    private void historyMatchesInformationSchema(String database, String... tables) throws IOException {
        Path copy = dir.resolve("history-copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir.resolve(database))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("schema-history")).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        var status = db.masterStatus();
        SchemaHistory history = SchemaHistory.open("check", new FileSchemaHistoryStore(copy),
                LogPosition.of(status.file(), status.position()), true, () -> {
                    throw new AssertionError("the stored history should be used");
                });
        try (SourceDatabase source = new SourceDatabase(db.host(), db.port(), db.replicationUser(),
                db.replicationPassword())) {
            InformationSchema current = new InformationSchema(source);
            for (String table : tables) {
                assertThat(history.table(database, table)).isEqualTo(current.table(database, table));
            }
        }
    }
}
