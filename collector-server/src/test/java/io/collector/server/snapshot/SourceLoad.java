package io.collector.server.snapshot;

import io.collector.server.testkit.TestMariaDb;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The test source: a large table with a BIGINT key, a composite key table, a table with only a unique NOT NULL
 * key, one with no key at all (duplicate rows allowed) and a marker table; plus a thread that keeps inserting,
 * updating and deleting rows in all of them, each statement its own transaction.
 */
public final class SourceLoad implements AutoCloseable {

    public static final String[] TABLES = {"big", "comp", "marker", "nokey", "uk"};

    private final TestMariaDb db;
    private final String schema;
    private final int bigRows;
    private final PacedWriter writer;

    public SourceLoad(TestMariaDb db, String schema, int bigRows) {
        this.db = db;
        this.schema = schema;
        this.bigRows = bigRows;
        this.writer = new PacedWriter(db, schema, "source load", 42, (random, n) -> statement(random));
    }

    /** Creates and fills the source tables and creates empty copies in {@code <schema>_copy}. */
    public SourceLoad create() {
        db.execute("CREATE DATABASE " + schema, "CREATE DATABASE " + schema + "_copy");
        db.executeIn(schema,
                "CREATE TABLE big (id BIGINT PRIMARY KEY, n INT, s VARCHAR(64), d DECIMAL(12,2), t DATETIME(3),"
                        + " f DOUBLE, z VARCHAR(8) NULL)",
                "CREATE TABLE comp (k1 INT, k2 VARCHAR(16), v VARCHAR(32), PRIMARY KEY (k1, k2))",
                "CREATE TABLE nokey (a INT, b VARCHAR(16))",
                "CREATE TABLE uk (code VARCHAR(16) NOT NULL, v INT, UNIQUE KEY (code))",
                "CREATE TABLE marker (id INT PRIMARY KEY)",
                "SET SESSION max_recursive_iterations = 10000000",
                "INSERT INTO big WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < "
                        + bigRows + ") SELECT i, i % 1000, CONCAT('row-', i), i / 7, '2024-01-02 03:04:05.678'"
                        + " + INTERVAL i SECOND, i / 3, IF(i % 5 = 0, NULL, 'z') FROM seq",
                "INSERT INTO comp WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 500)"
                        + " SELECT i % 100, CONCAT('k', i), CONCAT('v', i) FROM seq",
                "INSERT INTO nokey WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 300)"
                        + " SELECT i % 50, CONCAT('b', i % 7) FROM seq",
                "INSERT INTO uk WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 400)"
                        + " SELECT CONCAT('c', i), i FROM seq");
        for (String table : TABLES) {
            db.execute("CREATE TABLE " + schema + "_copy." + table + " LIKE " + schema + "." + table);
        }
        return this;
    }

    /** Starts writing. */
    public SourceLoad start() {
        writer.start();
        return this;
    }

    public long ops() {
        return writer.ops();
    }

    /** How long the slowest statement so far took, in milliseconds. */
    public long slowestStatementMillis() {
        return writer.slowestStatementMillis();
    }

    private String statement(Random r) {
        long id = 1 + r.nextInt(bigRows + 2000);
        int k = r.nextInt(120);
        return switch (r.nextInt(12)) {
            case 0, 1, 2 -> "UPDATE big SET n = n + 1, s = CONCAT('u', " + r.nextInt(1000) + "), z = NULL WHERE id = " + id;
            case 3 -> "INSERT INTO big VALUES (" + id + ", 1, 'ins', 1.25, NOW(3), 0.5, 'i')"
                    + " ON DUPLICATE KEY UPDATE n = n - 1, f = f * 2";
            case 4 -> "DELETE FROM big WHERE id = " + id;
            case 5 -> "INSERT INTO comp VALUES (" + k + ", 'k" + r.nextInt(600) + "', 'w') ON DUPLICATE KEY UPDATE v = 'x'";
            case 6 -> "DELETE FROM comp WHERE k1 = " + k + " LIMIT 1";
            case 7 -> "INSERT INTO nokey VALUES (" + r.nextInt(60) + ", 'n" + r.nextInt(9) + "')";
            case 8 -> "UPDATE nokey SET b = 'upd' WHERE a = " + r.nextInt(60) + " LIMIT 1";
            case 9 -> "DELETE FROM nokey WHERE a = " + r.nextInt(60) + " LIMIT 1";
            case 10 -> "INSERT INTO uk VALUES ('c" + r.nextInt(500) + "', " + k + ") ON DUPLICATE KEY UPDATE v = v + 1";
            default -> "DELETE FROM uk WHERE code = 'c" + r.nextInt(500) + "'";
        };
    }

    /** The primary or unique key columns of each table; empty for the table without a key. */
    public static Map<String, List<String>> keys() {
        return Map.of("big", List.of("id"), "comp", List.of("k1", "k2"), "marker", List.of("id"),
                "nokey", List.of(), "uk", List.of("code"));
    }

    /** Writes a row into the marker table, to be awaited in the stream; returns its id. */
    public int mark() {
        int marker = (int) (System.nanoTime() & 0xffff);
        db.execute("INSERT INTO " + schema + ".marker VALUES (" + marker + ")");
        return marker;
    }

    /** Stops writing and fails if a statement failed. */
    @Override
    public void close() {
        writer.close();
    }

    /** CHECKSUM TABLE and row count of a table in the source and in the copy. */
    public String checksums(String table) {
        return checksum(schema, table);
    }

    public String copyChecksums(String table) {
        return checksum(schema + "_copy", table);
    }

    private String checksum(String s, String table) {
        Object sum = db.query("CHECKSUM TABLE " + s + "." + table).get(0).get("Checksum");
        return table + ": checksum " + sum + ", rows " + count(s, table);
    }

    private String count(String s, String table) {
        return db.queryString("SELECT COUNT(*) FROM " + s + "." + table);
    }
}
