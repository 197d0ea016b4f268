package io.collector.server.store;

import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * One consumer's view of an {@link EventStore}, with Canal's batch semantics: {@code get} hands out batches in
 * order, {@code ack} confirms the oldest outstanding batch, {@code rollback} makes everything this consumer left
 * unacknowledged deliverable again. Each subscription of a store reads the whole stream with its own read
 * position, batches (ids from 1) and acknowledgements; none of them affects another.
 *
 * <p>Thread-safe. {@code get} and {@code poll} throw {@link IllegalStateException} when the store is not running
 * or the subscription was removed.
 */
public interface StoreSubscription {

    /**
     * Takes the next batch of at most {@code maxEntries} entries after everything already handed out.
     *
     * @param timeoutNanos 0 returns at once with what is there; {@link Long#MAX_VALUE} waits until the batch is
     *                     full; otherwise waits up to that long for a full batch, then returns what is there
     * @return the batch, or {@link Batch#EMPTY} when nothing is available
     */
    Batch get(int maxEntries, long timeoutNanos) throws InterruptedException;

    /**
     * Takes the next batch if a full one is ready (what a waiting {@code get} would return at once), else
     * returns {@link Batch#EMPTY}; never waits. After an empty answer the store runs this subscription's
     * {@linkplain #onAvailable availability listener} once a full batch of that size may be ready.
     */
    Batch poll(int maxEntries);

    /**
     * Sets the listener run when a waiting get may complete: entries arrived, a rollback, the producer waits for
     * space (what is there is all that can come), the subscription was removed or the store stopped. It runs on
     * the thread that caused it, under the store's lock, so it must only hand work to another thread.
     */
    void onAvailable(Runnable listener);

    /**
     * Confirms batch {@code batchId}, which must be the oldest outstanding one; the store frees an entry once
     * every subscription acknowledged it.
     *
     * @return the cursor after the acknowledged batch
     * @throws IllegalArgumentException if the id is unknown or not the oldest outstanding batch
     */
    Cursor ack(long batchId);

    /** Forgets every outstanding batch: their entries are handed out again by the next {@code get}s. */
    void rollback();

    /** Ids of the batches handed out and not yet acknowledged, oldest first. */
    List<Long> outstandingBatches();

    /** The cursor of the last acknowledged entry, if any was acknowledged since start. */
    Optional<Cursor> ackedCursor();
}
