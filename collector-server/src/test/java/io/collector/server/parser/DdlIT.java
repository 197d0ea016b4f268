package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDL in the middle of the stream: later rows carry the new column and table names, DDL entries carry their
 * type and target. With FULL row metadata this holds even when reading old events after the DDL ran; with
 * MINIMAL metadata the schema history gives the same entries (catch-up and restarts: {@link SchemaHistoryIT}).
 */
class DdlIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TestMariaDb db;

    /** Statements; a leading '+' marks a DML statement whose row must arrive before the next one runs. */
    private static final List<String> SCRIPT = List.of(
            "CREATE TABLE d1 (id INT PRIMARY KEY, a VARCHAR(10), b INT)",
            "+INSERT INTO d1 VALUES (1, 'x', 10)",
            "ALTER TABLE d1 ADD COLUMN c INT",
            "+INSERT INTO d1 VALUES (2, 'y', 20, 30)",
            "ALTER TABLE d1 DROP COLUMN b",
            "+INSERT INTO d1 VALUES (3, 'z', 33)",
            "ALTER TABLE d1 CHANGE a a2 VARCHAR(10)",
            "+INSERT INTO d1 VALUES (4, 'w', 44)",
            "RENAME TABLE d1 TO d1r",
            "+INSERT INTO d1r VALUES (5, 'v', 55)",
            "CREATE TABLE d2 (id INT PRIMARY KEY)",
            "+INSERT INTO d2 VALUES (1)",
            "ALTER TABLE d2 ADD INDEX idx_id (id)",
            "DROP TABLE d2",
            "TRUNCATE TABLE d1r");

    private static final List<String> EXPECTED_ROWS = List.of(
            "d1 {id=1, a=x, b=10}", "d1 {id=2, a=y, b=20, c=30}", "d1 {id=3, a=z, c=33}", "d1 {id=4, a2=w, c=44}",
            "d1r {id=5, a2=v, c=55}", "d2 {id=1}");

    private static final List<String> EXPECTED_DDL = List.of("CREATE d1", "ALTER d1", "ALTER d1", "ALTER d1",
            "RENAME d1r", "CREATE d2", "CINDEX d2", "ERASE d2", "TRUNCATE d1r");

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
    void fullMetadataLiveAndCatchUpGiveTheNamesOfTheirTime() {
        db.execute("CREATE DATABASE ddl_full");
        var before = db.masterStatus();
        List<ChangeEvent> live;
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "ddl-full", here()))) {
            live = runScript(p, "ddl_full");
        }
        assertThat(rows(live)).isEqualTo(EXPECTED_ROWS);
        assertThat(ddl(live)).isEqualTo(EXPECTED_DDL);
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "ddl-catchup",
                StartConfig.at(before.file(), before.position())))) {
            List<ChangeEvent> replay = p.takeUntil(events -> ddl(events).size() == EXPECTED_DDL.size(), WAIT);
            assertThat(rows(replay)).isEqualTo(EXPECTED_ROWS);
            // the table no longer exists under its old name, so old rows get mysqlType spelled from the binlog
            assertThat(columns(replay, false)).isEqualTo(columns(live, false));
        }
    }

    @Test
    void minimalMetadataLiveGivesTheSameEntriesAsFull() {
        db.execute("CREATE DATABASE ddl_ref");
        List<ChangeEvent> full;
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "ddl-ref", here()))) {
            full = runScript(p, "ddl_ref");
        }
        String previous = db.setGlobal("binlog_row_metadata", "MINIMAL");
        try {
            db.execute("CREATE DATABASE ddl_min");
            try (Pipeline p = Pipeline.start(Pipeline.config(db, "ddl-min", here()))) {
                List<ChangeEvent> minimal = runScript(p, "ddl_min");
                assertThat(rows(minimal)).isEqualTo(EXPECTED_ROWS);
                assertThat(ddl(minimal)).isEqualTo(EXPECTED_DDL);
                assertThat(columns(minimal, true)).isEqualTo(columns(full, true));
            }
        } finally {
            db.setGlobal("binlog_row_metadata", previous);
        }
    }

    private static StartConfig here() {
        var status = db.masterStatus();
        return StartConfig.at(status.file(), status.position());
    }

    /** Runs the script in {@code database}, waiting for each DML row before the next statement. */
    private static List<ChangeEvent> runScript(Pipeline p, String database) {
        db.executeIn(database, "CREATE TABLE marker (id INT PRIMARY KEY)");
        List<ChangeEvent> received = new ArrayList<>(p.takeUntil(events -> !events.isEmpty(), WAIT));
        received.clear();
        int rowsSoFar = 0;
        for (String statement : SCRIPT) {
            boolean dml = statement.startsWith("+");
            db.executeIn(database, dml ? statement.substring(1) : statement);
            if (dml) {
                int want = ++rowsSoFar;
                received.addAll(p.takeUntil(events -> Pipeline.rowCount(events) >= 1, WAIT));
                assertThat(Pipeline.rowCount(received)).isEqualTo(want);
            }
        }
        received.addAll(p.takeUntil(events -> ddl(events).size() >= 3, WAIT));
        return received;
    }

    private static List<String> rows(List<ChangeEvent> events) {
        List<String> rows = new ArrayList<>();
        for (ChangeEvent e : Pipeline.rowsEntries(events)) {
            for (var row : e.rowChange().getRowDatasList()) {
                rows.add(e.entry().getHeader().getTableName() + " " + Pipeline.image(row.getAfterColumnsList()));
            }
        }
        return rows;
    }

    private static List<String> ddl(List<ChangeEvent> events) {
        return events.stream().filter(ChangeEvent::ddl)
                .filter(e -> !e.entry().getHeader().getTableName().equals("marker"))
                .map(e -> e.entry().getHeader().getEventType() + " " + e.entry().getHeader().getTableName())
                .toList();
    }

    /** Every column's flags and types, without the schema name. */
    private static List<String> columns(List<ChangeEvent> events, boolean withMysqlType) {
        List<String> columns = new ArrayList<>();
        for (ChangeEvent e : Pipeline.rowsEntries(events)) {
            for (var row : e.rowChange().getRowDatasList()) {
                for (Column c : row.getAfterColumnsList()) {
                    columns.add(c.getIndex() + " " + c.getName() + " " + c.getSqlType() + " "
                            + (withMysqlType ? c.getMysqlType() : "") + " "
                            + c.getIsKey() + " " + c.getUpdated() + " " + c.getIsNull() + " " + c.getValue());
                }
            }
        }
        return columns;
    }
}
