package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's {@code log_bin_compress}: one mixed workload (every kind of column, DDL, rows above the 256-byte
 * compression threshold, a 300 KB BLOB, small rows that stay uncompressed) written once with compression off
 * and once on gives the same entries, and the second run really wrote compressed events.
 */
class CompressedBinlogIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int ROWS = 10;
    private static final String PADDING = "p".repeat(300);
    private static final byte[] BLOB = blob(300_000);

    private static TestMariaDb db;

    @BeforeAll
    static void start() {
        db = TestMariaDb.builder().withArgs("--log-bin-compress-min-len=256").build().start();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void compressedAndPlainBinlogsGiveIdenticalEntries() throws Exception {
        db.setGlobal("log_bin_compress", "OFF");
        List<String> plain = run("cmp_off");
        db.setGlobal("log_bin_compress", "ON");
        MasterStatus compressedFrom = db.masterStatus();
        List<String> compressed = run("cmp_on");
        db.setGlobal("log_bin_compress", "OFF");

        assertThat(eventTypesSince(compressedFrom)).contains("Query_compressed", "Write_rows_compressed_v1",
                "Update_rows_compressed_v1", "Delete_rows_compressed_v1", "Write_rows_v1");
        assertThat(compressed).isEqualTo(plain);
        String all = String.join("\n", plain);
        assertThat(all.split("\n  before ", -1)).hasSize(ROWS + 1);
        assertThat(all).contains("c_blob=" + BLOB.length + " bytes|2004", "ddl=true sql=CREATE TABLE w",
                "ddl=true sql=ALTER TABLE w ADD extra").doesNotContain("(differs)");
    }

    /** Runs the workload in a new database and returns its entries with the database name left out. */
    private static List<String> run(String database) throws Exception {
        db.execute("CREATE DATABASE " + database);
        MasterStatus status = db.masterStatus();
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "compressed-" + database,
                StartConfig.at(status.file(), status.position())))) {
            workload(database);
            List<ChangeEvent> events = p.takeUntil(e -> Pipeline.rowCount(e) >= ROWS && !e.isEmpty()
                    && e.get(e.size() - 1).boundary(), WAIT);
            List<String> described = new ArrayList<>();
            for (ChangeEvent e : events) {
                described.add(describe(e).replace(database, "DB"));
            }
            return described;
        }
    }

    private static void workload(String database) throws Exception {
        db.executeIn(database, "CREATE TABLE w (id INT PRIMARY KEY, c_tiny TINYINT, c_big BIGINT UNSIGNED,"
                + " c_dec DECIMAL(12,3), c_float FLOAT, c_double DOUBLE, c_date DATE, c_time TIME(3),"
                + " c_dt DATETIME(6), c_ts TIMESTAMP(3) NULL DEFAULT NULL, c_year YEAR, c_bit BIT(10),"
                + " c_enum ENUM('a','b'), c_set SET('x','y','z'), c_char CHAR(8), c_text TEXT, c_vc VARCHAR(2000),"
                + " c_bin VARBINARY(300), c_blob LONGBLOB, c_json JSON, c_geo GEOMETRY, c_latin1 VARCHAR(40)"
                + " CHARACTER SET latin1) COMMENT='" + PADDING + "'");
        try (Connection c = db.openConnection(database)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO w VALUES (?, -5, 18446744073709551615,"
                    + " 1234.567, 1.5, -2.25e100, '2024-02-29', '-12:34:56.789', '2024-01-02 03:04:05.000123',"
                    + " '2024-01-02 03:04:05.120', 2024, b'1010101010', 'b', 'x,z', 'chr', ?, ?, x'00FF80',"
                    + " ?, '{\"k\": [1, 2.5, \"x\"]}', ST_GeomFromText('POINT(1 2)'), 'café')")) {
                for (int id = 1; id <= 3; id++) {
                    ps.setInt(1, id);
                    ps.setString(2, "text ✓ " + id);
                    ps.setString(3, "v".repeat(600) + id);
                    ps.setBytes(4, id == 3 ? BLOB : new byte[] {1, 2, (byte) id});
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.createStatement().execute("INSERT INTO w (id) VALUES (4)");
            c.commit();
        }
        db.executeIn(database, "UPDATE w SET c_vc = CONCAT(c_vc, '!'), c_tiny = 7 WHERE id <= 2",
                "ALTER TABLE w ADD extra VARCHAR(20) DEFAULT 'd' COMMENT '" + PADDING + "'",
                "INSERT INTO w (id, c_vc, extra) VALUES (5, '" + "w".repeat(500) + "', 'e')",
                "INSERT INTO w (id) VALUES (6)",
                "DELETE FROM w WHERE id = 5",
                "UPDATE w SET c_blob = NULL WHERE id = 3");
    }

    /** Event types of SHOW BINLOG EVENTS from {@code from} to the end of that file. */
    private static List<String> eventTypesSince(MasterStatus from) {
        List<Map<String, Object>> events = db.query("SHOW BINLOG EVENTS IN '" + from.file() + "' FROM "
                + from.position());
        return events.stream().map(e -> String.valueOf(e.get("Event_type"))).distinct().toList();
    }

    private static String describe(ChangeEvent e) {
        StringBuilder out = new StringBuilder(e.entry().getEntryType().name()).append(' ')
                .append(e.entry().getHeader().getEventType()).append(' ')
                .append(e.entry().getHeader().getSchemaName()).append('.').append(e.entry().getHeader().getTableName());
        if (e.entry().getEntryType() == EntryType.ROWDATA) {
            out.append(" ddl=").append(e.rowChange().getIsDdl()).append(" sql=").append(e.rowChange().getSql());
            for (RowData row : e.rowChange().getRowDatasList()) {
                out.append("\n  before ").append(columns(row.getBeforeColumnsList()));
                out.append("\n  after ").append(columns(row.getAfterColumnsList()));
            }
        }
        return out.toString();
    }

    private static String columns(List<Column> columns) {
        StringBuilder out = new StringBuilder();
        for (Column c : columns) {
            String value = c.getIsNull() ? "NULL" : c.getName().equals("c_blob") && c.getValue().length() > 1000
                    ? c.getValue().length() + " bytes" + (c.getValue().equals(latin1(BLOB)) ? "" : " (differs)")
                    : c.getValue();
            out.append(c.getName()).append('=').append(value).append('|').append(c.getSqlType()).append('|')
                    .append(c.getMysqlType()).append(c.getIsKey() ? "|key" : "").append(c.getUpdated() ? "|upd" : "")
                    .append(", ");
        }
        return out.toString();
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] blob(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + i / 7);
        }
        return b;
    }
}
