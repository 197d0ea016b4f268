package io.collector.server.net.handler;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's tasks one after the other, in submission order, on a shared pool: a connection's
 * requests are answered in order, and a blocking GET holds a pool thread, never an event loop.
 *
 * <p>If the pool refuses a task (full or shut down), the lane stops: queued and later tasks are dropped and
 * {@code onRefused} runs once on the submitting thread, with nothing of the lane running. Thread-safe.
 */
final class SerialLane implements Executor {

    private final Executor pool;
    private final Runnable onRefused;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private Runnable active;
    private boolean refused;

    SerialLane(Executor pool, Runnable onRefused) {
        this.pool = pool;
        this.onRefused = onRefused;
    }

    @Override
    public void execute(Runnable task) {
        boolean stopped;
        synchronized (this) {
            queue.add(() -> runThenNext(task));
            stopped = active == null && !scheduleNext();
        }
        if (stopped) {
            onRefused.run();
        }
    }

    /** Whether a task runs or waits. */
    synchronized boolean busy() {
        return active != null;
    }

    /** Tasks waiting behind the running one. */
    synchronized int waiting() {
        return queue.size();
    }

    private void runThenNext(Runnable task) {
        try {
            task.run();
        } finally {
            boolean stopped;
            synchronized (this) {
                active = null;
                stopped = !scheduleNext();
            }
            if (stopped) {
                onRefused.run();
            }
        }
    }

    /** Hands the next task to the pool; false if the pool refused it now (the lane stops). */
    private boolean scheduleNext() {
        if (refused) {
            queue.clear();
            return true;
        }
        active = queue.poll();
        if (active == null) {
            return true;
        }
        try {
            pool.execute(active);
            return true;
        } catch (RejectedExecutionException e) {
            refused = true;
            active = null;
            queue.clear();
            return false;
        }
    }
}
