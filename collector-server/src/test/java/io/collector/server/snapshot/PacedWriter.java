package io.collector.server.snapshot;

import io.collector.server.testkit.TestMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady write load for the snapshot and backfill tests: one thread runs statements, each its own transaction, on
 * its own connection to {@code schema}, about 1,000 a second (not as many as the machine can take), until closed.
 */
final class PacedWriter implements AutoCloseable {

    /** The statements written, the {@code n}th (from 1) drawn with {@code random}. */
    @FunctionalInterface
    interface Statements {
        String next(Random random, long n);
    }

    private static final long PACE_NANOS = 1_000_000;

    private final TestMariaDb db;
    private final String schema;
    private final String name;
    private final long seed;
    private final Statements statements;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong slowestNanos = new AtomicLong();
    private volatile Throwable failure;
    private Thread thread;

    PacedWriter(TestMariaDb db, String schema, String name, long seed, Statements statements) {
        this.db = db;
        this.schema = schema;
        this.name = name;
        this.seed = seed;
        this.statements = statements;
    }

    void start() {
        thread = new Thread(this::run, "test-" + name.replace(' ', '-') + "-" + schema);
        thread.start();
    }

    /** Statements started so far. */
    long ops() {
        return ops.get();
    }

    /** How long the slowest statement so far took, in milliseconds. */
    long slowestStatementMillis() {
        return slowestNanos.get() / 1_000_000;
    }

    private void run() {
        Random random = new Random(seed);
        try (Connection c = db.openConnection(schema); Statement st = c.createStatement()) {
            while (!stop.get()) {
                long started = System.nanoTime();
                st.execute(statements.next(random, ops.incrementAndGet()));
                slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                LockSupport.parkNanos(PACE_NANOS);
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops writing and fails if a statement failed. */
    @Override
    public void close() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the " + name, e);
            }
        }
        if (failure != null) {
            throw new AssertionError(name + " failed: " + failure.getMessage(), failure);
        }
    }
}
