package io.collector.server.parser;

import io.collector.server.testkit.TestMariaDb;
import io.collector.server.testkit.TestMariaDbException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes transactions of {@value #ROWS_PER_TRANSACTION} rows with increasing ids on its current target. */
final class FailoverWriter implements AutoCloseable {

    static final int ROWS_PER_TRANSACTION = 3;
    private static final Logger LOG = LoggerFactory.getLogger(FailoverWriter.class);

    private final AtomicReference<TestMariaDb> target;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicInteger movedAt = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    FailoverWriter(TestMariaDb first) {
        target = new AtomicReference<>(first);
        thread = new Thread(this::run, "test-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            if (!paused.get()) {
                int id = nextId.getAndAdd(ROWS_PER_TRANSACTION);
                write(id);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(int first) {
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN");
        for (int id = first; id < first + ROWS_PER_TRANSACTION; id++) {
            statements.add("INSERT INTO shop.t VALUES (" + id + ", 'w')");
        }
        statements.add("COMMIT");
        try {
            target.get().execute(statements.toArray(String[]::new));
        } catch (TestMariaDbException e) {
            LOG.info("writer: transaction from id {} failed: {}", first, e.getMessage());
        }
    }

    void pause() {
        paused.set(true);
    }

    /** Moves to {@code next}; returns the first id it writes there. */
    int moveTo(TestMariaDb next) {
        target.set(next);
        int first = nextId.addAndGet(ROWS_PER_TRANSACTION);
        movedAt.set(first);
        paused.set(false);
        return first;
    }

    void awaitRowsAfterMove(int rows) {
        awaitCondition(rows + " rows written after the move", () -> nextId.get() - movedAt.get() >= rows);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
    }

    /** Waits up to {@code SourceFailoverIT}'s limit for {@code condition}, polling. */
    static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + SourceFailoverIT.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + SourceFailoverIT.WAIT + " waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
