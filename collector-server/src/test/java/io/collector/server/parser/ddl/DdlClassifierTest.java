package io.collector.server.parser.ddl;

import io.collector.protocol.EntryProtocol.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.collector.protocol.EntryProtocol.EventType.ALTER;
import static io.collector.protocol.EntryProtocol.EventType.CINDEX;
import static io.collector.protocol.EntryProtocol.EventType.CREATE;
import static io.collector.protocol.EntryProtocol.EventType.DELETE;
import static io.collector.protocol.EntryProtocol.EventType.DINDEX;
import static io.collector.protocol.EntryProtocol.EventType.ERASE;
import static io.collector.protocol.EntryProtocol.EventType.INSERT;
import static io.collector.protocol.EntryProtocol.EventType.QUERY;
import static io.collector.protocol.EntryProtocol.EventType.RENAME;
import static io.collector.protocol.EntryProtocol.EventType.TRUNCATE;
import static io.collector.protocol.EntryProtocol.EventType.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

class DdlClassifierTest {

    private static final String CURRENT = "cur";

    /** sql, type, schema, table (null: none), touched tables as "schema.table" joined by spaces. */
    static Stream<Arguments> statements() {
        return Stream.of(create(), alter(), alterSpecs(), renameDropTruncate(), indexes(), databasesAndOthers(), syntax())
            .flatMap(s -> s);
    }

    private static Stream<Arguments> create() {
        return Stream.of(
            Arguments.of("CREATE TABLE t (id int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("create table db.t (id int)", CREATE, "db", "t", "db.t"),
            Arguments.of("CREATE TABLE IF NOT EXISTS `db`.`t` (id int)", CREATE, "db", "t", "db.t"),
            Arguments.of("CREATE TEMPORARY TABLE tmp (id int)", CREATE, "cur", "tmp", "cur.tmp"),
            Arguments.of("CREATE OR REPLACE TABLE t (id int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("CREATE OR REPLACE TEMPORARY TABLE IF NOT EXISTS t (a int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("CREATE TABLE t2 LIKE t1", CREATE, "cur", "t2", "cur.t2"),
            Arguments.of("CREATE TABLE `we``ird`.`na me` (id int)", CREATE, "we`ird", "na me", "we`ird.na me"),
            Arguments.of("CREATE TABLE `t\u00e9` (id int)", CREATE, "cur", "t\u00e9", "cur.t\u00e9"));
    }

    private static Stream<Arguments> alter() {
        return Stream.of(
            Arguments.of("ALTER TABLE t ADD COLUMN c int", ALTER, "cur", "t", "cur.t"),
            Arguments.of("alter table db.t modify c bigint, engine=InnoDB", ALTER, "db", "t", "db.t"),
            Arguments.of("ALTER TABLE t ADD INDEX idx (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD KEY idx (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD UNIQUE uk (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD UNIQUE INDEX uk (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD FULLTEXT INDEX ft (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD PRIMARY KEY (id)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT `uk` UNIQUE KEY (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES p (id)", ALTER, "cur", "t",
                "cur.t"),
            Arguments.of("ALTER TABLE t DROP INDEX idx", DINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t DROP KEY idx", DINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t DROP CONSTRAINT c1", DINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t DROP PRIMARY KEY", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t DROP COLUMN c", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t DROP `index`", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD COLUMN c int, ADD INDEX i (c)", ALTER, "cur", "t", "cur.t"));
    }

    private static Stream<Arguments> alterSpecs() {
        return Stream.of(
            Arguments.of("ALTER TABLE t ADD INDEX i (c), ADD COLUMN d int", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, ADD INDEX i (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t ADD COLUMN c enum('a,b','c'), ADD INDEX i (c)", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t RENAME TO t2", RENAME, "cur", "t2", "cur.t cur.t2"),
            Arguments.of("ALTER TABLE db.t RENAME AS db2.t2", RENAME, "db2", "t2", "db.t db2.t2"),
            Arguments.of("ALTER TABLE db.t RENAME t2", RENAME, "cur", "t2", "db.t cur.t2"),
            Arguments.of("ALTER TABLE t ADD COLUMN c int, RENAME TO t2", RENAME, "cur", "t2", "cur.t cur.t2"),
            Arguments.of("ALTER TABLE t RENAME COLUMN a TO b", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE t RENAME INDEX a TO b", ALTER, "cur", "t", "cur.t"),
            Arguments.of("ALTER ONLINE TABLE t ADD INDEX i (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER IGNORE TABLE t ADD UNIQUE (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("ALTER TABLE IF EXISTS t WAIT 5 ADD COLUMN c int", ALTER, "cur", "t", "cur.t"));
    }

    private static Stream<Arguments> renameDropTruncate() {
        return Stream.of(
            Arguments.of("RENAME TABLE a TO b", RENAME, "cur", "b", "cur.a cur.b"),
            Arguments.of("RENAME TABLE db.a TO db2.b, c TO d", RENAME, "db2", "b", "db.a db2.b cur.c cur.d"),
            Arguments.of("rename tables if exists a to b", RENAME, "cur", "b", "cur.a cur.b"),
            Arguments.of("DROP TABLE t", ERASE, "cur", "t", "cur.t"),
            Arguments.of("DROP TABLE IF EXISTS db.a, b, `c` /* generated by server */", ERASE, "db", "a",
                "db.a cur.b cur.c"),
            Arguments.of("DROP TEMPORARY TABLE IF EXISTS tmp", ERASE, "cur", "tmp", "cur.tmp"),
            Arguments.of("TRUNCATE TABLE db.t", TRUNCATE, "db", "t", "db.t"),
            Arguments.of("truncate t", TRUNCATE, "cur", "t", "cur.t"));
    }

    private static Stream<Arguments> indexes() {
        return Stream.of(
            Arguments.of("CREATE INDEX i ON t (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("CREATE UNIQUE INDEX i ON db.t (c)", CINDEX, "db", "t", "db.t"),
            Arguments.of("CREATE FULLTEXT INDEX i ON t (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("CREATE SPATIAL INDEX i ON t (g)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("CREATE INDEX i USING BTREE ON t (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("CREATE OR REPLACE UNIQUE INDEX IF NOT EXISTS i ON t (c)", CINDEX, "cur", "t", "cur.t"),
            Arguments.of("DROP INDEX i ON t", DINDEX, "cur", "t", "cur.t"),
            Arguments.of("DROP INDEX IF EXISTS `i` ON `db`.`t`", DINDEX, "db", "t", "db.t"));
    }

    private static Stream<Arguments> databasesAndOthers() {
        return Stream.of(
            Arguments.of("CREATE DATABASE shop", QUERY, "shop", null, ""),
            Arguments.of("CREATE SCHEMA IF NOT EXISTS `shop`", QUERY, "shop", null, ""),
            Arguments.of("DROP DATABASE shop", QUERY, "shop", null, "shop.*"),
            Arguments.of("drop schema if exists shop", QUERY, "shop", null, "shop.*"),
            Arguments.of("ALTER DATABASE shop CHARACTER SET utf8mb4", QUERY, "cur", null, ""),
            Arguments.of("GRANT SELECT ON db.* TO 'u'@'%'", QUERY, "cur", null, ""),
            Arguments.of("CREATE VIEW v AS SELECT 1", QUERY, "cur", null, ""),
            Arguments.of("CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN END", QUERY, "cur", null, ""),
            Arguments.of("DROP VIEW IF EXISTS v", QUERY, "cur", null, ""),
            Arguments.of("FLUSH PRIVILEGES", QUERY, "cur", null, ""),
            Arguments.of("", QUERY, "cur", null, ""));
    }

    private static Stream<Arguments> syntax() {
        return Stream.of(
            Arguments.of("  \n\t CREATE TABLE t (id int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("/* leading */ CREATE /* mid */ TABLE t (id int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("-- comment\nDROP TABLE t", ERASE, "cur", "t", "cur.t"),
            Arguments.of("# hash comment\nTRUNCATE t", TRUNCATE, "cur", "t", "cur.t"),
            Arguments.of("/*!40000 ALTER TABLE `t` DISABLE KEYS */", ALTER, "cur", "t", "cur.t"),
            Arguments.of("CREATE TABLE /*!32312 IF NOT EXISTS*/ t (id int)", CREATE, "cur", "t", "cur.t"),
            Arguments.of("/*M!100100 DROP TABLE t */", ERASE, "cur", "t", "cur.t"),
            Arguments.of("CrEaTe TaBlE Db.T (id int)", CREATE, "Db", "T", "Db.T"),
            Arguments.of("CREATE TABLE db . t (id int)", CREATE, "db", "t", "db.t"),
            Arguments.of("CREATE TABLE \"t\" (id int)", CREATE, "cur", "t", "cur.t"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("statements")
    void classifies(String sql, EventType type, String schema, String table, String touched) {
        DdlInfo info = DdlClassifier.classify(sql, CURRENT);

        assertThat(info.type()).isEqualTo(type);
        assertThat(info.schema()).isEqualTo(schema);
        assertThat(info.table()).isEqualTo(table);
        assertThat(info.touched().stream().map(DdlClassifierTest::name).collect(Collectors.joining(" ")))
            .isEqualTo(touched);
        assertThat(info.ddl()).isTrue();
    }

    @Test
    void dmlIsNotDdl() {
        assertThat(DdlClassifier.classify("INSERT INTO db.t VALUES (1)", CURRENT))
            .isEqualTo(new DdlInfo(INSERT, "db", "t", java.util.List.of(), false));
        assertThat(DdlClassifier.classify("replace t values (1)", CURRENT).type()).isEqualTo(INSERT);
        assertThat(DdlClassifier.classify("UPDATE LOW_PRIORITY t SET a = 1", CURRENT))
            .isEqualTo(new DdlInfo(UPDATE, "cur", "t", java.util.List.of(), false));
        assertThat(DdlClassifier.classify("DELETE QUICK FROM `t` WHERE id = 1", CURRENT))
            .isEqualTo(new DdlInfo(DELETE, "cur", "t", java.util.List.of(), false));
    }

    @Test
    void transactionControlIsNotDdl() {
        assertThat(DdlClassifier.classify("BEGIN", CURRENT)).isEqualTo(DdlInfo.query(CURRENT, false));
        assertThat(DdlClassifier.classify("XA START 'x'", CURRENT).ddl()).isFalse();
    }

    @Test
    void missingCurrentDatabaseIsKept() {
        assertThat(DdlClassifier.classify("CREATE TABLE t (id int)", null).schema()).isNull();
        assertThat(DdlClassifier.classify("GRANT ALL ON *.* TO u", "").schema()).isEmpty();
    }

    private static String name(QualifiedTable table) {
        return table.schema() + "." + (table.isWholeSchema() ? "*" : table.table());
    }
}
