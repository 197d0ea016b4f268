package io.collector.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Smoke test of {@link TestMariaDb}: one server for the class, checked the way the collector ITs will use it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestMariaDbIT {

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
    @Order(1)
    void serverHasRowBasedBinlogWithFullMetadata() {
        assertThat(db.port()).isPositive();
        assertThat(db.jdbcUrl("x")).isEqualTo("jdbc:mariadb://127.0.0.1:" + db.port() + "/x");
        assertThat(db.globalVariable("log_bin")).isEqualTo("1");
        assertThat(db.globalVariable("binlog_format")).isEqualTo("ROW");
        assertThat(db.globalVariable("binlog_row_image")).isEqualTo("FULL");
        assertThat(db.globalVariable("binlog_row_metadata")).isEqualTo("FULL");
        assertThat(db.globalVariable("server_id")).isEqualTo("1");
        assertThat(db.globalVariable("character_set_server")).isEqualTo("utf8mb4");
        assertThat(db.globalVariable("collation_server")).isEqualTo("utf8mb4_general_ci");
        assertThat(db.queryString("SELECT VERSION()")).contains("MariaDB");
    }

    @Test
    @Order(2)
    void replicationUserSeesBinlogCoordinates() throws Exception {
        try (Connection repl = db.openConnection(db.replicationUser(), db.replicationPassword(), null);
             Statement statement = repl.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT CURRENT_USER()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(db.replicationUser() + "@%");
            }
            try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("File")).startsWith("mysql-bin.");
                assertThat(rs.getLong("Position")).isPositive();
            }
            try (ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Log_name")).startsWith("mysql-bin.");
            }
            try (ResultSet rs = statement.executeQuery("SHOW BINLOG EVENTS LIMIT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    @Order(3)
    void writeMovesTheMasterPositionAndGtid() {
        MasterStatus before = db.masterStatus();
        db.execute("CREATE DATABASE kit_smoke");
        db.executeIn("kit_smoke",
                "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), d DATE, ts DATETIME)",
                "SET SESSION sql_mode = ''",
                "INSERT INTO t VALUES (1, 'héllo ✓', '0000-00-00', '0000-00-00 00:00:00')");
        MasterStatus after = db.masterStatus();

        assertThat(after.file()).isEqualTo(before.file());
        assertThat(after.position()).isGreaterThan(before.position());
        assertThat(db.gtidCurrentPos()).matches("0-1-\\d+");
        List<Map<String, Object>> rows = db.queryIn("kit_smoke",
                "SELECT id, name, CAST(d AS CHAR) AS d, CAST(ts AS CHAR) AS ts FROM t");
        assertThat(rows).containsExactly(Map.of("id", 1, "name", "héllo ✓", "d", "0000-00-00", "ts", "0000-00-00 00:00:00"));
    }

    @Test
    @Order(4)
    void replicationUserCanStreamRowEventsWithColumnNames() throws Exception {
        MasterStatus start = db.masterStatus();
        BinaryLogClient client = new BinaryLogClient(db.host(), db.port(), db.replicationUser(), db.replicationPassword());
        client.setServerId(4242);
        client.setBinlogFilename(start.file());
        client.setBinlogPosition(start.position());
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        client.registerEventListener(events::add);
        client.connect(10_000);
        try {
            db.execute("INSERT INTO kit_smoke.t (id, name) VALUES (10, 'streamed')");

            TableMapEventData tableMap = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(event).as("a WRITE_ROWS event within 30 s").isNotNull();
                if (event.getData() instanceof TableMapEventData data) {
                    tableMap = data;
                } else if (event.getData() instanceof WriteRowsEventData data) {
                    assertThat(data.getRows()).hasSize(1);
                    break;
                }
            }
            assertThat(tableMap).isNotNull();
            assertThat(tableMap.getTable()).isEqualTo("t");
            assertThat(tableMap.getEventMetadata().getColumnNames()).containsExactly("id", "name", "d", "ts");
        } finally {
            client.disconnect();
        }
    }

    @Test
    @Order(5)
    void multiStatementTransactionOnOwnConnection() throws Exception {
        MasterStatus before = db.masterStatus();
        try (Connection connection = db.openConnection("kit_smoke")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO t (id, name) VALUES (2, 'two')");
                statement.executeUpdate("UPDATE t SET name = 'TWO' WHERE id = 2");
            }
            assertThat(db.masterStatus()).isEqualTo(before);
            connection.commit();
        }
        assertThat(db.masterStatus().position()).isGreaterThan(before.position());
        assertThat(db.queryString("SELECT name FROM kit_smoke.t WHERE id = 2")).isEqualTo("TWO");
    }

    @Test
    @Order(6)
    void flushRotatesAndPurgeDeletesOldLogs() {
        String first = db.masterStatus().file();
        MasterStatus rotated = db.flushLogs();

        assertThat(rotated.file()).isNotEqualTo(first);
        assertThat(db.binaryLogs()).contains(first, rotated.file());

        db.purgeBinaryLogsTo(rotated.file());
        assertThat(db.binaryLogs()).doesNotContain(first).contains(rotated.file());
    }

    @Test
    @Order(7)
    void binlogFormatCanBeSwitchedForNegativeTests() {
        String previous = db.setGlobal("binlog_format", "STATEMENT");
        try {
            assertThat(previous).isEqualTo("ROW");
            assertThat(db.globalVariable("binlog_format")).isEqualTo("STATEMENT");
        } finally {
            db.setGlobal("binlog_format", previous);
        }
        assertThat(db.globalVariable("binlog_format")).isEqualTo("ROW");
    }

    @Test
    @Order(8)
    void helpersNameTheFailingStatement() {
        assertThatThrownBy(() -> db.execute("SELECT 1", "SELEKT 2"))
                .isInstanceOf(TestMariaDbException.class)
                .hasMessageContaining("SELEKT 2");
    }
}
