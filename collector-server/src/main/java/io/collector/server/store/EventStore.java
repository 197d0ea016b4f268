package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.lifecycle.Lifecycle;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * A bounded, ordered buffer of entries between the parser (producer) and one consumer, with Canal's
 * batch semantics: {@code get} hands out batches in order, {@code ack} confirms the oldest outstanding
 * batch, {@code rollback} makes everything unacknowledged deliverable again.
 *
 * <p>Thread safety: {@code put} is called by the single producer thread, the other methods by consumer
 * threads; implementations are thread-safe. Nothing is ever dropped: {@code put} blocks while full.
 */
public interface EventStore extends Lifecycle {

    /**
     * Appends events in order, blocking while the store is full (by entry count or bytes).
     *
     * @throws InterruptedException if interrupted while waiting for space; events already appended stay
     */
    void put(List<ChangeEvent> events) throws InterruptedException;

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
     * returns {@link Batch#EMPTY}; never waits. After an empty answer the store runs its
     * {@linkplain #onAvailable availability listener} once a full batch of that size may be ready.
     *
     * @throws IllegalStateException if the store is not running
     */
    Batch poll(int maxEntries);

    /**
     * Sets the listener run when a waiting get may complete: entries arrived, a rollback, the producer waits for
     * space (what is there is all that can come), or the store stopped. It runs on the thread that caused it,
     * under the store's lock, so it must only hand work to another thread.
     */
    void onAvailable(Runnable listener);

    /**
     * Confirms batch {@code batchId}, which must be the oldest outstanding one, and frees its space.
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

    /** Entries held: handed out and not yet acknowledged, plus not yet handed out. */
    int entryCount();

    /** Bytes the store counts for the entries it holds (serialized size, or a heap estimate for parsed ones). */
    long byteCount();
}
