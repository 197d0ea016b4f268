package io.collector.server.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one blocking call on its own named thread, so a test can check that it blocks and then how it ends. */
public final class Async<T> {

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Thread thread;

    private Async(String name, Callable<T> call) {
        thread = new Thread(() -> run(call), name);
        thread.setDaemon(true);
    }

    public static <T> Async<T> start(String name, Callable<T> call) {
        Async<T> async = new Async<>(name, call);
        async.thread.start();
        return async;
    }

    private void run(Callable<T> call) {
        try {
            result.complete(call.call());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    public Thread thread() {
        return thread;
    }

    /** Waits until the call has blocked. */
    public Async<T> awaitBlocked() {
        Await.blocked(thread);
        return this;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** The call's result; throws what it threw, unwrapped. */
    public T join(Duration limit) throws Throwable {
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not finish within " + limit, e);
        }
    }
}
