package io.collector.server.net.handler;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** Holds submitted tasks until the test runs them, on the test's thread. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the queued tasks, and those they queue, until none is left. */
    void runAll() {
        for (Runnable task = next(); task != null; task = next()) {
            task.run();
        }
    }

    synchronized int queued() {
        return tasks.size();
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }
}
