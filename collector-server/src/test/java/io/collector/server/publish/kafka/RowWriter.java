package io.collector.server.publish.kafka;

import io.collector.server.testkit.TestMariaDb;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes a stream of small transactions into {@code <database>.t (id INT PRIMARY KEY, v INT)} on its own thread:
 * {@code rows} inserts, {@code perTransaction} per transaction, every fifth row updated in the next
 * transaction, a pause between transactions so the stream lasts a while, then the {@link Workloads#DONE} marker
 * row in {@code <database>.notes}. {@link #stop()} ends the stream early, still with the marker.
 */
final class RowWriter {

    private final TestMariaDb db;
    private final String database;
    private final int rows;
    private final int perTransaction;
    private final long pauseMillis;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean stopping;

    RowWriter(TestMariaDb db, String database, int rows, int perTransaction, long pauseMillis) {
        this.db = db;
        this.database = database;
        this.rows = rows;
        this.perTransaction = perTransaction;
        this.pauseMillis = pauseMillis;
    }

    /** Creates the database and tables (before the destination starts, so no DDL is in the stream). */
    static void createTables(TestMariaDb db, String database) {
        db.execute("CREATE DATABASE " + database);
        db.executeIn(database, "CREATE TABLE t (id INT PRIMARY KEY, v INT)", "CREATE TABLE notes (note VARCHAR(100))");
    }

    RowWriter start() {
        Thread t = new Thread(this::run, "test-writer-" + database);
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Ends the stream after the transaction being written; {@link #await()} returns once the marker is in. */
    void stop() {
        stopping = true;
    }

    void await() throws Exception {
        done.get(KafkaIts.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void run() {
        try {
            for (int from = 1; from <= rows && !stopping; from += perTransaction) {
                db.executeIn(database, transaction(from, Math.min(rows, from + perTransaction - 1)));
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
            db.executeIn(database, "INSERT INTO notes VALUES ('" + Workloads.DONE + "')");
            done.complete(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private String[] transaction(int from, int to) {
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN");
        for (int id = from; id <= to; id++) {
            statements.add("INSERT INTO t VALUES (" + id + ", 0)");
        }
        for (int id = Math.max(1, from - perTransaction); id < from; id++) {
            if (id % 5 == 0) {
                statements.add("UPDATE t SET v = v + 1 WHERE id = " + id);
            }
        }
        statements.add("COMMIT");
        return statements.toArray(String[]::new);
    }
}
