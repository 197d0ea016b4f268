package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testkit.TestMariaDb;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table holding every MySQL column type of {@code canal-types.md}: the inserted, updated and deleted rows
 * arrive with each column's value, sqlType, mysqlType, isKey, updated and isNull as the spec says.
 */
class AllTypesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] ALL_BYTES = allBytes();
    private static final byte[] BIG_BLOB = bigBlob();

    private static TestMariaDb db;
    private static List<ChangeEvent> rows;
    private static byte[] geometryBytes;

    @BeforeAll
    static void writeAndRead() throws Exception {
        db = TestMariaDb.builder().build().start();
        db.execute("CREATE DATABASE types_db");
        db.executeIn("types_db", TABLE);
        var status = db.masterStatus();
        try (Pipeline pipeline = Pipeline.start(Pipeline.config(db, "types",
                StartConfig.at(status.file(), status.position())))) {
            insertRows();
            db.executeIn("types_db", "UPDATE t_types SET c_int = 5, c_varchar = NULL, c_text = 'changed' WHERE id = 1",
                    "DELETE FROM t_types WHERE id = 2");
            rows = Pipeline.rowsEntries(pipeline.takeRowsAndCommit(5, WAIT));
        }
        try (Connection c = db.openConnection("types_db");
             ResultSet rs = c.createStatement().executeQuery("SELECT c_geometry FROM t_types WHERE id = 1")) {
            rs.next();
            geometryBytes = rs.getBytes(1);
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static final String TABLE = """
            CREATE TABLE t_types (
              id INT NOT NULL PRIMARY KEY,
              c_tinyint TINYINT, c_tinyint_u TINYINT UNSIGNED,
              c_smallint SMALLINT, c_smallint_u SMALLINT UNSIGNED,
              c_mediumint MEDIUMINT, c_mediumint_u MEDIUMINT UNSIGNED,
              c_int INT, c_int_u INT UNSIGNED,
              c_bigint BIGINT, c_bigint_u BIGINT UNSIGNED,
              c_bit1 BIT(1), c_bit10 BIT(10),
              c_float FLOAT, c_double DOUBLE,
              c_decimal DECIMAL(10,2), c_decimal0 DECIMAL(5,0),
              c_date DATE, c_time TIME, c_time3 TIME(3), c_datetime DATETIME, c_datetime6 DATETIME(6),
              c_timestamp TIMESTAMP NULL DEFAULT NULL, c_timestamp3 TIMESTAMP(3) NULL DEFAULT NULL,
              c_year YEAR,
              c_char CHAR(10), c_varchar VARCHAR(64), c_binary BINARY(4), c_varbinary VARBINARY(16),
              c_tinyblob TINYBLOB, c_blob BLOB, c_mediumblob MEDIUMBLOB, c_longblob LONGBLOB,
              c_tinytext TINYTEXT, c_text TEXT, c_mediumtext MEDIUMTEXT, c_longtext LONGTEXT,
              c_enum ENUM('small','medium','large'), c_set SET('a','b','c','d'),
              c_json JSON, c_geometry GEOMETRY, c_latin1 VARCHAR(20) CHARACTER SET latin1
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""";

    private static void insertRows() throws Exception {
        try (Connection c = db.openConnection("types_db")) {
            c.createStatement().execute("SET SESSION sql_mode = ''");
            c.createStatement().execute("SET SESSION time_zone = '+00:00'");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t_types (id, c_tinyint, c_tinyint_u, "
                    + "c_smallint, c_smallint_u, c_mediumint, c_mediumint_u, c_int, c_int_u, c_bigint, c_bigint_u, "
                    + "c_bit1, c_bit10, c_float, c_double, c_decimal, c_decimal0, c_date, c_time, c_time3, "
                    + "c_datetime, c_datetime6, c_timestamp, c_timestamp3, c_year, c_char, c_varchar, c_binary, "
                    + "c_varbinary, c_tinyblob, c_blob, c_mediumblob, c_longblob, c_tinytext, c_text, c_mediumtext, "
                    + "c_longtext, c_enum, c_set, c_json, c_geometry, c_latin1) VALUES (1, -128, 7, -32768, 1000, "
                    + "-8388608, 100, -2147483648, 123, -9223372036854775808, 1, b'1', b'101', 1.1, 1e7, -0.5, 42, "
                    + "'2024-02-29', '-838:59:59', '12:34:56.789', '2024-01-02 03:04:05', '2024-01-02 03:04:05.000123', "
                    + "'2024-01-02 03:04:05', '2024-01-02 03:04:05.120', 2024, 'abc', ?, x'00FF1080', x'DEADBEEF', "
                    + "'tiny', ?, ?, 'x', 'tt', 'naïve', 'medium text', 'long', 'medium', 'a,c', "
                    + "'{\"k\": [1, 2.5, \"x\"]}', ST_GeomFromText('POINT(1 2)'), 'café')")) {
                ps.setString(1, "中文 ✓ 😀");
                ps.setBytes(2, ALL_BYTES);
                ps.setBytes(3, BIG_BLOB);
                ps.executeUpdate();
            }
            c.createStatement().execute("INSERT INTO t_types (id, c_tinyint_u, c_smallint_u, c_mediumint_u, c_int_u, "
                    + "c_bigint_u, c_bit10, c_float, c_double, c_decimal, c_date, c_time, c_datetime, c_datetime6, "
                    + "c_timestamp, c_year) VALUES (2, 255, 65535, 16777215, 4294967295, 18446744073709551615, "
                    + "b'1111111111', 1e10, 1e-4, 1, '0000-00-00', '838:59:59', '0000-00-00 00:00:00', "
                    + "'0000-00-00 00:00:00', '0000-00-00 00:00:00', 0)");
            c.createStatement().execute("INSERT INTO t_types (id) VALUES (3)");
        }
    }

    private static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    private static byte[] bigBlob() {
        byte[] b = new byte[200_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String jvmLocal(String utc, String fraction) {
        LocalDateTime t = LocalDateTime.parse(utc.replace(' ', 'T')).atZone(ZoneId.of("UTC")).toInstant()
                .atZone(ZoneId.systemDefault()).toLocalDateTime();
        return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + fraction;
    }

    /** column, expected text (null = NULL), sqlType, mysqlType, for the row with id 1. */
    static Stream<Arguments> row1() {
        return Stream.of(
                Arguments.of("id", "1", 4, "int(11)"),
                Arguments.of("c_tinyint", "-128", -6, "tinyint(4)"),
                Arguments.of("c_tinyint_u", "7", -6, "tinyint(3) unsigned"),
                Arguments.of("c_smallint", "-32768", 5, "smallint(6)"),
                Arguments.of("c_smallint_u", "1000", 5, "smallint(5) unsigned"),
                Arguments.of("c_mediumint", "-8388608", 4, "mediumint(9)"),
                Arguments.of("c_mediumint_u", "100", 4, "mediumint(8) unsigned"),
                Arguments.of("c_int", "-2147483648", 4, "int(11)"),
                Arguments.of("c_int_u", "123", 4, "int(10) unsigned"),
                Arguments.of("c_bigint", "-9223372036854775808", -5, "bigint(20)"),
                Arguments.of("c_bigint_u", "1", -5, "bigint(20) unsigned"),
                Arguments.of("c_bit1", "1", -7, "bit(1)"),
                Arguments.of("c_bit10", "5", -7, "bit(10)"),
                Arguments.of("c_float", "1.1", 7, "float"),
                Arguments.of("c_double", "1.0E7", 8, "double"),
                Arguments.of("c_decimal", "-0.50", 3, "decimal(10,2)"),
                Arguments.of("c_decimal0", "42", 3, "decimal(5,0)"),
                Arguments.of("c_date", "2024-02-29", 91, "date"),
                Arguments.of("c_time", "-838:59:59", 92, "time"),
                Arguments.of("c_time3", "12:34:56.789", 92, "time(3)"),
                Arguments.of("c_datetime", "2024-01-02 03:04:05", 93, "datetime"),
                Arguments.of("c_datetime6", "2024-01-02 03:04:05.000123", 93, "datetime(6)"),
                Arguments.of("c_timestamp", jvmLocal("2024-01-02 03:04:05", ""), 93, "timestamp"),
                Arguments.of("c_timestamp3", jvmLocal("2024-01-02 03:04:05", ".120"), 93, "timestamp(3)"),
                Arguments.of("c_year", "2024", 12, "year(4)"),
                Arguments.of("c_char", "abc", 1, "char(10)"),
                Arguments.of("c_varchar", "中文 ✓ 😀", 12, "varchar(64)"),
                Arguments.of("c_binary", latin1(new byte[] {0, (byte) 0xFF, 0x10, (byte) 0x80}), 2004, "binary(4)"),
                Arguments.of("c_varbinary", latin1(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF}),
                        2004, "varbinary(16)"),
                Arguments.of("c_tinyblob", "tiny", 2004, "tinyblob"),
                Arguments.of("c_blob", latin1(ALL_BYTES), 2004, "blob"),
                Arguments.of("c_mediumblob", latin1(BIG_BLOB), 2004, "mediumblob"),
                Arguments.of("c_longblob", "x", 2004, "longblob"),
                Arguments.of("c_tinytext", "tt", 2005, "tinytext"),
                Arguments.of("c_text", "naïve", 2005, "text"),
                Arguments.of("c_mediumtext", "medium text", 2005, "mediumtext"),
                Arguments.of("c_longtext", "long", 2005, "longtext"),
                Arguments.of("c_enum", "2", 4, "enum('small','medium','large')"),
                Arguments.of("c_set", "5", -7, "set('a','b','c','d')"),
                // MariaDB's JSON is an alias of LONGTEXT: the binlog and information_schema say longtext
                Arguments.of("c_json", "{\"k\": [1, 2.5, \"x\"]}", 2005, "longtext"),
                Arguments.of("c_latin1", "café", 12, "varchar(20)"));
    }

    /** Unsigned extremes, zero dates and other edges, in the row with id 2. */
    static Stream<Arguments> row2() {
        return Stream.of(
                Arguments.of("c_tinyint_u", "255", 5, "tinyint(3) unsigned"),
                Arguments.of("c_smallint_u", "65535", 4, "smallint(5) unsigned"),
                Arguments.of("c_mediumint_u", "16777215", 4, "mediumint(8) unsigned"),
                Arguments.of("c_int_u", "4294967295", -5, "int(10) unsigned"),
                Arguments.of("c_bigint_u", "18446744073709551615", 3, "bigint(20) unsigned"),
                Arguments.of("c_bit10", "1023", -7, "bit(10)"),
                Arguments.of("c_float", "1.0E10", 7, "float"),
                Arguments.of("c_double", "1.0E-4", 8, "double"),
                Arguments.of("c_decimal", "1.00", 3, "decimal(10,2)"),
                Arguments.of("c_date", "0000-00-00", 91, "date"),
                Arguments.of("c_time", "838:59:59", 92, "time"),
                Arguments.of("c_datetime", "0000-00-00 00:00:00", 93, "datetime"),
                Arguments.of("c_datetime6", "0000-00-00 00:00:00.000000", 93, "datetime(6)"),
                Arguments.of("c_timestamp", "0000-00-00 00:00:00", 93, "timestamp"),
                Arguments.of("c_year", "0000", 12, "year(4)"));
    }

    /** sqlType of each column when NULL (row with id 3): unsigned columns keep their base type. */
    static Stream<Arguments> nullRow() {
        return Stream.of(
                Arguments.of("c_tinyint_u", -6), Arguments.of("c_smallint_u", 5), Arguments.of("c_mediumint_u", 4),
                Arguments.of("c_int_u", 4), Arguments.of("c_bigint_u", -5), Arguments.of("c_bit10", -7),
                Arguments.of("c_float", 7), Arguments.of("c_double", 8), Arguments.of("c_decimal", 3),
                Arguments.of("c_date", 91), Arguments.of("c_time", 92), Arguments.of("c_datetime", 93),
                Arguments.of("c_timestamp", 93), Arguments.of("c_year", 12), Arguments.of("c_char", 1),
                Arguments.of("c_varchar", 12), Arguments.of("c_binary", 2004), Arguments.of("c_blob", 2004),
                Arguments.of("c_text", 2005), Arguments.of("c_enum", 4), Arguments.of("c_set", 2004),
                Arguments.of("c_geometry", 2004));
    }

    private static RowData rowData(EventType type, int index) {
        return rows.stream().filter(e -> e.entry().getHeader().getEventType() == type)
                .flatMap(e -> e.rowChange().getRowDatasList().stream()).toList().get(index);
    }

    private static Column column(List<Column> columns, String name) {
        return columns.stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + columns));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("row1")
    void insertedValues(String name, String value, int sqlType, String mysqlType) {
        Column c = column(rowData(EventType.INSERT, 0).getAfterColumnsList(), name);
        assertThat(c.getValue()).isEqualTo(value);
        assertThat(c.getSqlType()).isEqualTo(sqlType);
        assertThat(c.getMysqlType()).isEqualTo(mysqlType);
        assertThat(c.getIsNull()).isFalse();
        assertThat(c.hasIsNull()).isTrue();
        assertThat(c.getUpdated()).isTrue();
        assertThat(c.getIsKey()).isEqualTo(name.equals("id"));
        assertThat(c.hasLength()).isFalse();
    }

    @Test
    void geometryIsInternalBytes() {
        Column c = column(rowData(EventType.INSERT, 0).getAfterColumnsList(), "c_geometry");
        assertThat(c.getValue()).isEqualTo(latin1(geometryBytes));
        assertThat(c.getSqlType()).isEqualTo(2004);
        assertThat(c.getMysqlType()).isEqualTo("geometry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("row2")
    void edgeValues(String name, String value, int sqlType, String mysqlType) {
        Column c = column(rowData(EventType.INSERT, 1).getAfterColumnsList(), name);
        assertThat(c.getValue()).isEqualTo(value);
        assertThat(c.getSqlType()).isEqualTo(sqlType);
        assertThat(c.getMysqlType()).isEqualTo(mysqlType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullRow")
    void nullValues(String name, int sqlType) {
        Column c = column(rowData(EventType.INSERT, 2).getAfterColumnsList(), name);
        assertThat(c.getIsNull()).isTrue();
        assertThat(c.hasValue()).isFalse();
        assertThat(c.getSqlType()).isEqualTo(sqlType);
    }

    @Test
    void columnsAreInTableOrderWithIndexes() {
        List<Column> after = rowData(EventType.INSERT, 0).getAfterColumnsList();
        assertThat(after).hasSize(42);
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).getIndex()).isEqualTo(i);
        }
    }

    @Test
    void updateMarksOnlyChangedColumns() {
        RowData update = rowData(EventType.UPDATE, 0);
        assertThat(update.getBeforeColumnsList()).allSatisfy(c -> assertThat(c.getUpdated()).isFalse());
        List<String> changed = update.getAfterColumnsList().stream().filter(Column::getUpdated).map(Column::getName)
                .toList();
        assertThat(changed).containsExactly("c_int", "c_varchar", "c_text");
        assertThat(column(update.getBeforeColumnsList(), "c_int").getValue()).isEqualTo("-2147483648");
        assertThat(column(update.getAfterColumnsList(), "c_int").getValue()).isEqualTo("5");
        assertThat(column(update.getAfterColumnsList(), "c_varchar").getIsNull()).isTrue();
        assertThat(column(update.getAfterColumnsList(), "id").getIsKey()).isTrue();
    }

    @Test
    void deleteCarriesTheBeforeImage() {
        RowData delete = rowData(EventType.DELETE, 0);
        assertThat(delete.getAfterColumnsCount()).isZero();
        assertThat(column(delete.getBeforeColumnsList(), "c_bigint_u").getValue()).isEqualTo("18446744073709551615");
        assertThat(delete.getBeforeColumnsList()).allSatisfy(c -> assertThat(c.getUpdated()).isFalse());
    }

    @Test
    void rowsEntryHeaders() {
        ChangeEvent insert = rows.get(0);
        var h = insert.entry().getHeader();
        assertThat(h.getSchemaName()).isEqualTo("types_db");
        assertThat(h.getTableName()).isEqualTo("t_types");
        assertThat(h.getEventType()).isEqualTo(EventType.INSERT);
        assertThat(h.getLogfileName()).startsWith("mysql-bin.");
        assertThat(h.getLogfileOffset()).isEqualTo(insert.position().offset());
        assertThat(h.getServerenCode()).isEqualTo("UTF-8");
        assertThat(h.getServerId()).isEqualTo(1);
        assertThat(h.getExecuteTime() % 1000).isZero();
        assertThat(Math.abs(h.getExecuteTime() - Instant.now().toEpochMilli())).isLessThan(600_000);
        assertThat(h.getPropsList()).anySatisfy(p -> {
            assertThat(p.getKey()).isEqualTo("rowsCount");
            assertThat(p.getValue()).isEqualTo("1");
        });
        assertThat(h.getPropsList()).anySatisfy(p -> {
            assertThat(p.getKey()).isEqualTo("globalId");
            assertThat(p.getValue()).isEqualTo(Long.toString(insert.globalId()));
        });
        assertThat(insert.rowChange().getIsDdl()).isFalse();
        assertThat(insert.rowChange().hasIsDdl()).isTrue();
    }
}
