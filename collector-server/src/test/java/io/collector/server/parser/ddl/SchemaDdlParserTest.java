package io.collector.server.parser.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.parser.ddl.SchemaChange.AddColumn;
import io.collector.server.parser.ddl.SchemaChange.AddPrimaryKey;
import io.collector.server.parser.ddl.SchemaChange.AlterTable;
import io.collector.server.parser.ddl.SchemaChange.CreateTable;
import io.collector.server.parser.ddl.SchemaChange.DropColumn;
import io.collector.server.parser.ddl.SchemaChange.Placement;
import io.collector.server.parser.ddl.SchemaChange.RenameColumn;
import io.collector.server.parser.ddl.SchemaChange.RenameTo;
import io.collector.server.parser.ddl.SchemaChange.ReplaceColumn;
import io.collector.server.parser.ddl.SchemaChange.TableCharset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DDL forms of MySQL 8 and MariaDB 10.11 / 11.x, as the binlog carries them. */
class SchemaDdlParserTest {

    private static final QualifiedTable T = new QualifiedTable("cur", "t");

    private static SchemaChange parse(String sql) {
        return SchemaDdlParser.parse(sql, "cur");
    }

    private static List<SchemaChange.AlterOp> ops(String sql) {
        SchemaChange change = parse(sql);
        assertThat(change).isInstanceOf(AlterTable.class);
        return ((AlterTable) change).ops();
    }

    private static ColumnDef col(String name, String type, String... args) {
        return new ColumnDef(name, type, List.of(args), List.of(), false, false, null, null, false);
    }

    @Test
    void renameColumnMysql8AndMariadb() {
        assertThat(ops("ALTER TABLE t RENAME COLUMN a TO b")).containsExactly(new RenameColumn("a", "b", false));
        assertThat(ops("ALTER TABLE `t` RENAME COLUMN IF EXISTS `a` TO `b`"))
                .containsExactly(new RenameColumn("a", "b", true));
    }

    @Test
    void addWithFirstAndAfter() {
        assertThat(ops("ALTER TABLE `cur`.`t` ADD COLUMN c INT NOT NULL DEFAULT 0 AFTER a, ADD d VARCHAR(10) FIRST"))
                .containsExactly(new AddColumn(col("c", "int"), new Placement(false, "a"), false),
                        new AddColumn(col("d", "varchar", "10"), new Placement(true, null), false));
    }

    @Test
    void modifyWithCharsetCollationAndFirst() {
        List<SchemaChange.AlterOp> ops = ops("ALTER TABLE `cur`.`t` MODIFY COLUMN `test` varchar(251) CHARACTER SET"
                + " armscii8 COLLATE armscii8_bin NULL DEFAULT NULL FIRST");
        assertThat(ops).containsExactly(new ReplaceColumn("test", new ColumnDef("test", "varchar", List.of("251"),
                List.of(), false, false, "armscii8", "armscii8_bin", false), new Placement(true, null), false));
    }

    @Test
    void changeWithTypeChangeAndMariadbIfExists() {
        assertThat(ops("ALTER TABLE t CHANGE a a2 BIGINT UNSIGNED AFTER b")).containsExactly(new ReplaceColumn("a",
                new ColumnDef("a2", "bigint", List.of(), List.of(), true, false, null, null, false),
                new Placement(false, "b"), false));
        assertThat(ops("ALTER TABLE t CHANGE COLUMN IF EXISTS a a2 INT")).containsExactly(
                new ReplaceColumn("a", col("a2", "int"), Placement.KEEP, true));
    }

    @Test
    void mariadbAddColumnListAndConditionalDrop() {
        assertThat(ops("ALTER TABLE t ADD COLUMN IF NOT EXISTS (x INT, y TEXT)")).containsExactly(
                new AddColumn(col("x", "int"), Placement.KEEP, true), new AddColumn(col("y", "text"), Placement.KEEP, true));
        assertThat(ops("ALTER TABLE t DROP COLUMN IF EXISTS x, DROP y"))
                .containsExactly(new DropColumn("x", true), new DropColumn("y", false));
    }

    @Test
    void keysAndOptionsChangeNoColumnButPrimaryKeyCounts() {
        assertThat(ops("ALTER TABLE t ADD PRIMARY KEY (a, b), DROP INDEX idx, ADD UNIQUE KEY u (c), ALGORITHM=INSTANT,"
                + " LOCK=NONE")).containsExactly(new AddPrimaryKey(List.of("a", "b")));
        assertThat(ops("ALTER TABLE t ADD CONSTRAINT pk PRIMARY KEY USING BTREE (id)"))
                .containsExactly(new AddPrimaryKey(List.of("id")));
        assertThat(ops("ALTER TABLE t DROP PRIMARY KEY")).containsExactly(new SchemaChange.DropPrimaryKey());
        assertThat(ops("ALTER TABLE t RENAME INDEX a TO b, ALTER COLUMN c SET DEFAULT 5, COMMENT 'x', FORCE")).isEmpty();
        assertThat(ops("ALTER TABLE t ENGINE=InnoDB DEFAULT CHARSET=latin1"))
                .containsExactly(new TableCharset("latin1", null));
    }

    @Test
    void mariadbOnlineWaitAndRename() {
        assertThat(ops("ALTER ONLINE TABLE t WAIT 5 ADD c INT INVISIBLE"))
                .containsExactly(new AddColumn(col("c", "int"), Placement.KEEP, false));
        assertThat(ops("ALTER TABLE t RENAME AS db2.t2, ADD c INT")).containsExactly(
                new RenameTo(new QualifiedTable("db2", "t2")), new AddColumn(col("c", "int"), Placement.KEEP, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", "ALTER TABLE t ADD SYSTEM VERSIONING",
        "CREATE TABLE t AS SELECT * FROM u", "CREATE TABLE t (a INT) SELECT 1 AS a", "CREATE TABLE t SELECT 1",
        "ALTER TABLE t FROBNICATE c", "ALTER TABLE t ADD COLUMN"})
    void unknownFormsAreReported(String sql) {
        assertThat(parse(sql)).isInstanceOf(SchemaChange.Unknown.class)
                .extracting(c -> ((SchemaChange.Unknown) c).table()).isEqualTo(T);
    }

    @Test
    void createTableWithKeysConstraintsAndOptions() {
        SchemaChange change = parse("CREATE TABLE IF NOT EXISTS t (id INT UNSIGNED NOT NULL AUTO_INCREMENT,"
                + " name VARCHAR(64) CHARACTER SET latin1 COMMENT 'x, y', e ENUM('a','it''s') DEFAULT 'a',"
                + " `period` INT, PRIMARY KEY (id), UNIQUE KEY uk (name), CONSTRAINT fk FOREIGN KEY (id) REFERENCES"
                + " p(id), CHECK (id > 0)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
        assertThat(change).isEqualTo(new CreateTable(T, List.of(
                new ColumnDef("id", "int", List.of(), List.of(), true, false, null, null, false),
                new ColumnDef("name", "varchar", List.of("64"), List.of(), false, false, "latin1", null, false),
                new ColumnDef("e", "enum", List.of(), List.of("a", "it's"), false, false, null, null, false),
                col("period", "int")), List.of("id"), "utf8mb4", "utf8mb4_unicode_ci", true));
    }

    @Test
    void createTableForms() {
        assertThat(parse("CREATE TABLE t2 LIKE t")).isEqualTo(
                new SchemaChange.CreateLike(new QualifiedTable("cur", "t2"), T, false));
        assertThat(parse("CREATE TABLE t2 (LIKE t)")).isEqualTo(
                new SchemaChange.CreateLike(new QualifiedTable("cur", "t2"), T, false));
        assertThat(parse("CREATE OR REPLACE TABLE t (a INT KEY, b INT UNIQUE KEY)")).isEqualTo(new CreateTable(T,
                List.of(new ColumnDef("a", "int", List.of(), List.of(), false, false, null, null, true), col("b", "int")),
                List.of("a"), null, null, false));
        assertThat(parse("CREATE TABLE t (a INT) /*!50100 PARTITION BY HASH (a) PARTITIONS 4 */"))
                .isEqualTo(new CreateTable(T, List.of(col("a", "int")), List.of(), null, null, false));
        assertThat(parse("CREATE TABLE t (id INT, g INT GENERATED ALWAYS AS (id * 2) VIRTUAL, j JSON,"
                + " p POINT NOT NULL /*!80003 SRID 4326 */, d DOUBLE PRECISION(8,2))")).isEqualTo(new CreateTable(T,
                List.of(col("id", "int"), col("g", "int"), col("j", "json"), col("p", "point"),
                        col("d", "double precision", "8", "2")), List.of(), null, null, false));
    }

    @Test
    void tableAndDatabaseStatements() {
        assertThat(parse("RENAME TABLE a TO b, db.c TO db2.d")).isEqualTo(new SchemaChange.RenameTables(
                List.of(new QualifiedTable("cur", "a"), new QualifiedTable("db", "c")),
                List.of(new QualifiedTable("cur", "b"), new QualifiedTable("db2", "d"))));
        assertThat(parse("DROP TABLE IF EXISTS `a`,`b` /* generated by server */")).isEqualTo(
                new SchemaChange.DropTables(List.of(new QualifiedTable("cur", "a"), new QualifiedTable("cur", "b"))));
        assertThat(parse("CREATE DATABASE IF NOT EXISTS d DEFAULT CHARACTER SET latin1"))
                .isEqualTo(new SchemaChange.Database("d", "latin1", null, true));
        assertThat(parse("ALTER DATABASE d CHARACTER SET = utf8mb4 COLLATE utf8mb4_bin"))
                .isEqualTo(new SchemaChange.Database("d", "utf8mb4", "utf8mb4_bin", false));
        assertThat(parse("ALTER SCHEMA DEFAULT COLLATE latin1_bin"))
                .isEqualTo(new SchemaChange.Database("cur", null, "latin1_bin", false));
        assertThat(parse("DROP SCHEMA IF EXISTS d")).isEqualTo(new SchemaChange.DropDatabase("d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUNCATE TABLE t", "CREATE INDEX i ON t (a)", "DROP INDEX i ON t",
        "GRANT SELECT ON *.* TO 'u'@'%'", "INSERT INTO t VALUES (1)", "CREATE TEMPORARY TABLE tt (a INT)",
        "DROP TEMPORARY TABLE IF EXISTS tt", "CREATE VIEW v AS SELECT 1", "CREATE USER u", "BEGIN"})
    void statementsThatChangeNoColumn(String sql) {
        assertThat(parse(sql)).isEqualTo(new SchemaChange.None());
    }
}
