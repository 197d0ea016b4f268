package io.collector.server.service;

import io.collector.server.store.Batch;
import io.collector.server.store.StoreSubscription;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets that wait for a full batch without holding a thread: each waits in a queue of its store subscription
 * until the subscription announces entries ({@link StoreSubscription#onAvailable}) and
 * {@link StoreSubscription#poll} hands it a full batch, or until its timeout, when it takes what there is. Every step runs on one timer thread, which never waits
 * on a store. A cancelled get is forgotten; a batch taken for a get cancelled meanwhile is rolled back.
 */
final class PendingGets {

    private static final Logger LOG = LoggerFactory.getLogger(PendingGets.class);

    private final ScheduledExecutorService timer;
    /** Waiting gets per subscription, oldest first; only touched on the timer thread. */
    private final Map<StoreSubscription, ArrayDeque<Waiter>> waiting = new HashMap<>();
    private final Set<StoreSubscription> recheckQueued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();

    private static final class Waiter {
        final StoreSubscription store;
        final int maxEntries;
        final CompletableFuture<Batch> result = new CompletableFuture<>();
        volatile ScheduledFuture<?> deadline;

        Waiter(StoreSubscription store, int maxEntries) {
            this.store = store;
            this.maxEntries = maxEntries;
        }
    }

    PendingGets(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * A full batch of at most {@code maxEntries} once one is ready, or what there is after {@code timeoutNanos}
     * ({@link Long#MAX_VALUE}: no timeout). Fails with {@link IllegalStateException} if the store stops or the
     * subscription is removed.
     */
    CompletableFuture<Batch> take(StoreSubscription store, int maxEntries, long timeoutNanos) {
        Waiter waiter = new Waiter(store, maxEntries);
        pending.incrementAndGet();
        try {
            timer.execute(() -> enqueue(waiter));
            if (timeoutNanos != Long.MAX_VALUE) {
                waiter.deadline = timer.schedule(() -> expire(waiter), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            waiter.result.completeExceptionally(new IllegalStateException("the server is stopping", e));
        }
        waiter.result.whenComplete((batch, error) -> finished(waiter));
        return waiter.result;
    }

    /** Gets waiting now. */
    int pending() {
        return pending.get();
    }

    private void finished(Waiter waiter) {
        pending.decrementAndGet();
        ScheduledFuture<?> deadline = waiter.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (waiter.result.isCancelled()) {
            execute(() -> forget(waiter));
        }
    }

    private void enqueue(Waiter waiter) {
        if (waiter.result.isDone()) {
            return;
        }
        waiting.computeIfAbsent(waiter.store, store -> {
            store.onAvailable(() -> recheckLater(store));
            return new ArrayDeque<>();
        }).addLast(waiter);
        recheck(waiter.store);
    }

    /** Called by the store under its lock: only queues the work. */
    private void recheckLater(StoreSubscription store) {
        if (recheckQueued.add(store)) {
            execute(() -> {
                recheckQueued.remove(store);
                recheck(store);
            });
        }
    }

    private void recheck(StoreSubscription store) {
        ArrayDeque<Waiter> queue = waiting.get(store);
        if (queue == null) {
            return;
        }
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.result.isDone()) {
                it.remove();
                continue;
            }
            try {
                Batch batch = store.poll(waiter.maxEntries);
                if (!batch.isEmpty()) {
                    it.remove();
                    complete(waiter, batch);
                }
            } catch (IllegalStateException e) {
                failAll(store, queue, e);
                return;
            }
        }
        dropIfEmpty(store, queue);
    }

    private void expire(Waiter waiter) {
        if (waiter.result.isDone()) {
            return;
        }
        forget(waiter);
        try {
            complete(waiter, waiter.store.get(waiter.maxEntries, 0));
        } catch (IllegalStateException e) {
            waiter.result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            waiter.result.complete(Batch.EMPTY);
        }
    }

    private void complete(Waiter waiter, Batch batch) {
        if (!waiter.result.complete(batch) && !batch.isEmpty()) {
            LOG.debug("Batch {} taken for a get cancelled meanwhile: rolling back", batch.id());
            waiter.store.rollback();
        }
    }

    private void forget(Waiter waiter) {
        ArrayDeque<Waiter> queue = waiting.get(waiter.store);
        if (queue != null) {
            queue.remove(waiter);
            dropIfEmpty(waiter.store, queue);
        }
    }

    private void failAll(StoreSubscription store, ArrayDeque<Waiter> queue, IllegalStateException error) {
        waiting.remove(store);
        for (Waiter waiter : queue) {
            waiter.result.completeExceptionally(error);
        }
    }

    private void dropIfEmpty(StoreSubscription store, ArrayDeque<Waiter> queue) {
        if (queue.isEmpty()) {
            waiting.remove(store);
        }
    }

    private void execute(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Timer stopped; dropping a pending-get task");
        }
    }
}
