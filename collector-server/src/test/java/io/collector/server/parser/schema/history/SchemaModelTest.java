package io.collector.server.parser.schema.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.parser.ddl.SchemaDdlParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DDL applied to the in-memory model, spelled as MariaDB's and MySQL 8's information_schema would. */
class SchemaModelTest {

    private static final ServerFlavor MARIADB = ServerFlavor.of("10.11.5-MariaDB");
    private static final ServerFlavor MYSQL8 = ServerFlavor.of("8.0.36");

    private static SchemaModel model(ServerFlavor flavor) {
        return new SchemaModel(flavor, "utf8mb4", Map.of("db", "latin1"), List.of(), Map.of());
    }

    private static List<String> apply(SchemaModel model, String... statements) {
        List<String> unknown = new java.util.ArrayList<>();
        for (String sql : statements) {
            unknown.addAll(model.apply(SchemaDdlParser.parse(sql, "db"), sql));
        }
        return unknown;
    }

    private static List<String> columns(SchemaModel model, String table) {
        return model.table("db", table).columns().stream()
                .map(c -> c.name() + " " + c.columnType() + (c.charset() == null ? "" : " " + c.charset())).toList();
    }

    private static final String CREATE = "CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(10), b TINYINT UNSIGNED,"
            + " c DECIMAL, d BOOL, e YEAR, f FLOAT(30), g INTEGER ZEROFILL, h TEXT CHARACTER SET utf8mb4, j JSON,"
            + " k CHAR COLLATE utf8mb4_bin, l DATETIME(3), m ENUM('x','y''s'), n VARBINARY(4), o TIMESTAMP(0))";

    @Test
    void typesAreSpelledAsMariadbDoes() {
        SchemaModel model = model(MARIADB);
        assertThat(apply(model, CREATE)).isEmpty();
        assertThat(columns(model, "t")).containsExactly("id int(11)", "a varchar(10) latin1", "b tinyint(3) unsigned",
                "c decimal(10,0)", "d tinyint(1)", "e year(4)", "f double", "g int(10) unsigned zerofill",
                "h text utf8mb4", "j longtext utf8mb4", "k char(1) utf8mb4", "l datetime(3)", "m enum('x','y''s') latin1",
                "n varbinary(4)", "o timestamp");
        assertThat(model.table("db", "t").primaryKey()).containsExactly("id");
        assertThat(model.table("db", "t").columns().get(2).unsigned()).isTrue();
        assertThat(model.table("db", "t").columns().get(12).labels()).containsExactly("x", "y's");
    }

    @Test
    void typesAreSpelledAsMysql8Does() {
        SchemaModel model = model(MYSQL8);
        assertThat(apply(model, CREATE)).isEmpty();
        assertThat(columns(model, "t")).startsWith("id int", "a varchar(10) latin1", "b tinyint unsigned",
                "c decimal(10,0)", "d tinyint(1)", "e year", "f double", "g int(10) unsigned zerofill",
                "h text utf8mb4", "j json");
    }

    @Test
    void displayWidthsFollowTheServerVersion() {
        assertThat(ServerFlavor.of("5.7.44-log")).isEqualTo(new ServerFlavor(false, true));
        assertThat(ServerFlavor.of("8.0.18")).isEqualTo(new ServerFlavor(false, true));
        assertThat(ServerFlavor.of("8.0.19")).isEqualTo(new ServerFlavor(false, false));
        assertThat(ServerFlavor.of("8.4.3")).isEqualTo(new ServerFlavor(false, false));
        assertThat(ServerFlavor.of("11.4.2-MariaDB-ubu2404")).isEqualTo(new ServerFlavor(true, true));
    }

    @Test
    void sizedTextAndBlobTakeTheSmallestTypeThatHoldsThem() {
        SchemaModel model = model(MARIADB);
        apply(model, "CREATE TABLE s (a TEXT(100), b TEXT(100) CHARACTER SET utf8mb4, c BLOB(70000),"
                + " d LONG VARCHAR, e DOUBLE PRECISION, f NUMERIC(8,2) UNSIGNED, g SERIAL)");
        assertThat(columns(model, "s")).containsExactly("a tinytext latin1", "b text utf8mb4", "c mediumblob",
                "d mediumtext latin1", "e double", "f decimal(8,2) unsigned", "g bigint(20) unsigned");
    }

    @Test
    void anUnknownColumnTypeIsReportedNotGuessed() {
        SchemaModel model = model(MARIADB);
        assertThat(apply(model, "CREATE TABLE u (id INT, x FANCYTYPE)")).containsExactly("db.u");
        assertThat(model.unknownReason("db", "u")).contains("unknown column type 'fancytype' of column x");
        assertThat(apply(model, "CREATE TABLE v (f FLOAT(p))")).containsExactly("db.v");
    }

    @Test
    void namesCompareCaseInsensitivelyWhenTheServerSaysSo() {
        SchemaModel model = new SchemaModel(MARIADB.withLowerCaseTableNames(1), "utf8mb4", Map.of(), List.of(),
                Map.of());
        apply(model, "CREATE TABLE MyTable (id INT)", "ALTER TABLE mytable ADD COLUMN a INT");
        assertThat(columns(model, "MYTABLE")).containsExactly("id int(11)", "a int(11)");
        apply(model, "DROP DATABASE DB");
        assertThat(model.table("db", "mytable")).isNull();
        SchemaModel exact = model(MARIADB);
        apply(exact, "CREATE TABLE MyTable (id INT)");
        assertThat(exact.table("db", "mytable")).isNull();
    }

    @Test
    void alterStreamRenamesReordersAddsDropsAndChanges() {
        SchemaModel model = model(MARIADB);
        List<String> unknown = apply(model, "CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, c VARCHAR(5))",
                "ALTER TABLE t RENAME COLUMN a TO a1",
                "ALTER TABLE t MODIFY b INT FIRST",
                "ALTER TABLE t MODIFY COLUMN a1 INT AFTER c",
                "ALTER TABLE t ADD COLUMN d BIGINT AFTER id, DROP COLUMN c",
                "ALTER TABLE t CHANGE id pk BIGINT UNSIGNED");
        assertThat(unknown).isEmpty();
        assertThat(columns(model, "t")).containsExactly("b int(11)", "pk bigint(20) unsigned", "d bigint(20)",
                "a1 int(11)");
        assertThat(model.table("db", "t").primaryKey()).containsExactly("pk");
    }

    @Test
    void tablesAreRenamedCopiedDroppedAndRecreated() {
        SchemaModel model = model(MARIADB);
        apply(model, "CREATE TABLE t (id INT)", "RENAME TABLE t TO u", "CREATE TABLE v LIKE u",
                "ALTER TABLE v RENAME TO other.w");
        assertThat(model.table("db", "t")).isNull();
        assertThat(columns(model, "u")).containsExactly("id int(11)");
        assertThat(model.table("other", "w").columns()).hasSize(1);
        apply(model, "DROP TABLE u", "CREATE TABLE u (x VARCHAR(3), y DATE)");
        assertThat(columns(model, "u")).containsExactly("x varchar(3) latin1", "y date");
        apply(model, "DROP DATABASE other");
        assertThat(model.table("other", "w")).isNull();
    }

    @Test
    void charsetsFollowTableAndDatabaseDefaults() {
        SchemaModel model = model(MARIADB);
        apply(model, "CREATE DATABASE d2 CHARACTER SET utf8mb4", "CREATE TABLE d2.t (a CHAR(2))",
                "CREATE TABLE t (a CHAR(2)) DEFAULT CHARSET=cp1251", "ALTER TABLE t DEFAULT CHARACTER SET ascii",
                "ALTER TABLE t ADD b CHAR(1)");
        assertThat(model.table("d2", "t").columns().get(0).charset()).isEqualTo("utf8mb4");
        assertThat(columns(model, "t")).containsExactly("a char(2) cp1251", "b char(1) ascii");
    }

    @Test
    void unknownFormsAndMisfitsMarkTheTableUntilItIsCreatedAgain() {
        SchemaModel model = model(MARIADB);
        apply(model, "CREATE TABLE t (id INT)");
        assertThat(apply(model, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4")).containsExactly("db.t");
        assertThat(model.unknownReason("db", "t")).contains("CONVERT");
        assertThat(apply(model, "RENAME TABLE t TO t9")).containsExactly("db.t9");
        assertThat(model.unknownReason("db", "t9")).contains("CONVERT").contains("renamed from db.t");
        assertThat(model.table("db", "t")).isNull();
        apply(model, "CREATE TABLE u (id INT)");
        assertThat(apply(model, "ALTER TABLE u ADD COLUMN id INT")).containsExactly("db.u");
        assertThat(model.unknownReason("db", "u")).contains("already in the schema history");
        assertThat(apply(model, "ALTER TABLE u ADD COLUMN IF NOT EXISTS id INT")).containsExactly("db.u");
        apply(model, "DROP TABLE u", "CREATE TABLE u (id INT, x INT)");
        assertThat(model.unknownReason("db", "u")).isNull();
        assertThat(apply(model, "ALTER TABLE u ADD COLUMN IF NOT EXISTS x INT, DROP COLUMN IF EXISTS zz")).isEmpty();
        assertThat(columns(model, "u")).containsExactly("id int(11)", "x int(11)");
    }
}
