package io.collector.server.ha;

import io.collector.server.testkit.TestMariaDb;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Inserts rows {@code (1, 'v'), (2, 'v'), ...} into a table one at a time, about 150 a second, until finished. */
final class SteadyWriter extends Thread {

    private final TestMariaDb db;
    private final String database;
    private final String table;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger written = new AtomicInteger();

    SteadyWriter(TestMariaDb db, String database, String table) {
        super("steady-writer");
        this.db = db;
        this.database = database;
        this.table = table;
    }

    /** How many rows were written (ids 1 to this). */
    int written() {
        return written.get();
    }

    void finish() {
        running.set(false);
    }

    @Override
    public void run() {
        try (Connection c = db.openConnection(database); Statement st = c.createStatement()) {
            while (running.get()) {
                int id = written.get() + 1;
                st.execute("INSERT INTO " + table + " VALUES (" + id + ", 'v')");
                written.set(id);
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
