package io.collector.server.net.handler;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Runs one connection's tasks one after the other, in submission order, on a shared pool: a connection's
 * requests are answered in order. A task may finish later than it returns (a GET waiting for entries): the
 * next task starts only once the stage it returned completed, and no thread waits meanwhile.
 *
 * <p>If the pool refuses a task (full or shut down), the lane stops: queued and later tasks are dropped and
 * {@code onRefused} runs once on the submitting thread, with nothing of the lane running. Thread-safe.
 */
final class SerialLane implements Executor {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Executor pool;
    private final Runnable onRefused;
    private final Queue<Supplier<? extends CompletionStage<?>>> queue = new ArrayDeque<>();
    private boolean active;
    private boolean refused;

    SerialLane(Executor pool, Runnable onRefused) {
        this.pool = pool;
        this.onRefused = onRefused;
    }

    @Override
    public void execute(Runnable task) {
        submit(() -> {
            task.run();
            return DONE;
        });
    }

    /** Queues a task; the lane moves on when the stage it returns completes, however it completes. */
    void submit(Supplier<? extends CompletionStage<?>> task) {
        boolean stopped;
        synchronized (this) {
            queue.add(task);
            stopped = !active && !scheduleNext();
        }
        if (stopped) {
            onRefused.run();
        }
    }

    /** Whether a task runs or is still to complete. */
    synchronized boolean busy() {
        return active;
    }

    /** Tasks waiting behind the running one. */
    synchronized int waiting() {
        return queue.size();
    }

    private void run(Supplier<? extends CompletionStage<?>> task) {
        CompletionStage<?> stage = DONE;
        try {
            stage = task.get();
        } finally {
            stage.whenComplete((result, error) -> next());
        }
    }

    private void next() {
        boolean stopped;
        synchronized (this) {
            active = false;
            stopped = !scheduleNext();
        }
        if (stopped) {
            onRefused.run();
        }
    }

    /** Hands the next task to the pool; false if the pool refused it now (the lane stops). */
    private boolean scheduleNext() {
        if (refused) {
            queue.clear();
            return true;
        }
        Supplier<? extends CompletionStage<?>> task = queue.poll();
        if (task == null) {
            return true;
        }
        active = true;
        try {
            pool.execute(() -> run(task));
            return true;
        } catch (RejectedExecutionException e) {
            refused = true;
            active = false;
            queue.clear();
            return false;
        }
    }
}
