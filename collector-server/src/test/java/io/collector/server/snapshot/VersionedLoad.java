package io.collector.server.snapshot;

import io.collector.server.testkit.TestMariaDb;
import java.util.Random;

/**
 * A steady load on {@code <schema>.items (id, version, grp, payload)}: updates, inserts (or updates of an existing
 * key) and deletes of random keys, each its own transaction, from one thread. Every write sets {@code version} to a
 * number that only grows, so the versions a consumer sees for one key must never go down.
 */
final class VersionedLoad implements AutoCloseable {

    private final TestMariaDb db;
    private final String schema;
    private final int keys;
    private final PacedWriter writer;

    VersionedLoad(TestMariaDb db, String schema, int keys) {
        this.db = db;
        this.schema = schema;
        this.keys = keys;
        this.writer = new PacedWriter(db, schema, "load", 7, this::statement);
    }

    /** Creates {@code items} with {@code keys} rows at version 0, its empty copy and a marker table. */
    VersionedLoad create() {
        db.execute("CREATE DATABASE " + schema, "CREATE DATABASE " + schema + "_copy");
        db.executeIn(schema,
                "CREATE TABLE items (id BIGINT PRIMARY KEY, version BIGINT NOT NULL, grp INT NOT NULL,"
                        + " payload VARCHAR(64))",
                "CREATE TABLE marker (id INT PRIMARY KEY)",
                "INSERT INTO items SELECT seq, 0, seq % 10, CONCAT('row-', seq) FROM seq_1_to_" + keys);
        db.execute("CREATE TABLE " + schema + "_copy.items LIKE " + schema + ".items");
        return this;
    }

    VersionedLoad start() {
        writer.start();
        return this;
    }

    long ops() {
        return writer.ops();
    }

    private String statement(Random r, long version) {
        long id = 1 + r.nextInt(keys + keys / 10);
        return switch (r.nextInt(10)) {
            case 0, 1 -> "INSERT INTO items VALUES (" + id + ", " + version + ", " + id % 10 + ", 'ins')"
                    + " ON DUPLICATE KEY UPDATE version = " + version + ", payload = 'dup'";
            case 2, 3 -> "DELETE FROM items WHERE id = " + id;
            default -> "UPDATE items SET version = " + version + ", payload = CONCAT('u', " + r.nextInt(100)
                    + ") WHERE id = " + id;
        };
    }

    /** Writes a marker row, to be awaited in the stream; returns its id. */
    int mark(int marker) {
        db.execute("INSERT INTO " + schema + ".marker VALUES (" + marker + ")");
        return marker;
    }

    /** CHECKSUM TABLE and row count of {@code items} in the source or the copy. */
    String checksum(String database) {
        Object sum = db.query("CHECKSUM TABLE " + database + ".items").get(0).get("Checksum");
        return "checksum " + sum + ", rows " + db.queryString("SELECT COUNT(*) FROM " + database + ".items");
    }

    /** Stops writing and fails if a statement failed. */
    @Override
    public void close() {
        writer.close();
    }
}
