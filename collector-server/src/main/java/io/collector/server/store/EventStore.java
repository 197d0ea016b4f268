package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.lifecycle.Lifecycle;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * A bounded, ordered buffer of entries between the parser (producer) and its consumers. Each consumer reads
 * through its own {@linkplain #subscription subscription}; an entry is freed once every subscription
 * acknowledged it, so the slowest subscription holds the producer back. The store's own
 * {@link StoreSubscription} methods act on its default subscription (a single consumer such as the Kafka
 * publisher), created on the first get, poll, ack, rollback or listener; the queries
 * {@link #outstandingBatches()} and {@link #ackedCursor()} never create it.
 *
 * <p>Thread safety: {@code put} is called by the single producer thread, the other methods by consumer
 * threads; implementations are thread-safe. Nothing is ever dropped: {@code put} blocks while full.
 */
public interface EventStore extends Lifecycle, StoreSubscription {

    /**
     * Appends events in order, blocking while the store is full (by entry count or bytes).
     *
     * @throws InterruptedException if interrupted while waiting for space; events already appended stay
     */
    void put(List<ChangeEvent> events) throws InterruptedException;

    /**
     * The subscription {@code id}, created if absent. A new subscription starts at the oldest entry the store
     * holds and passes over every entry up to {@code acked}, the cursor it acknowledged before (a restart
     * replays from the least advanced subscription). Works in every state of the store.
     */
    StoreSubscription subscription(String id, Optional<Cursor> acked);

    /**
     * Removes subscription {@code id}: what it held is freed, and its waiting gets fail.
     *
     * @return whether it existed
     */
    boolean unsubscribe(String id);

    /** Batches handed out and not yet acknowledged, over every subscription. */
    int outstandingBatchCount();

    /**
     * Entries held: not yet acknowledged by every subscription; under the detach policy also acknowledged ones kept
     * (until their space is needed) for catching-up subscriptions to rejoin at.
     */
    int entryCount();

    /** Bytes the store counts for the entries it holds (serialized size, or a heap estimate for parsed ones). */
    long byteCount();

    /** Every subscription's state, in the order they were created. */
    List<SubscriptionState> subscriptionStates();
}
