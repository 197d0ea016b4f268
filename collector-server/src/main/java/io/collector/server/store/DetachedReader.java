package io.collector.server.store;

import io.collector.server.position.Cursor;
import io.collector.server.store.CatchUpSource.CatchUpReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading side of a {@link RingSubscription} that left the shared ring (policy detach). Batches it handed out
 * from the ring before it left ({@code leftovers}) can still be acknowledged in order. Once the client reads again a
 * {@link CatchUpReader} reads the source from the subscription's cursor into a private store; its batches get ids
 * following the subscription's, and the entries the ring already handed out are passed over. A rollback while
 * leftovers are outstanding starts the reader again from the acknowledged cursor.
 *
 * <p>Guarded by the shared store's lock, except the waiting get on the private store, which its caller runs
 * without it (lock order: shared store, then private store).
 */
final class DetachedReader {

    private static final Logger LOG = LoggerFactory.getLogger(DetachedReader.class);

    private final MemoryEventStore store;
    private final String id;
    private final ArrayDeque<RingReader.Outstanding> leftovers;
    private Cursor from;
    /** The last entry handed out from the ring, passed over by the reader; null once that no longer matters. */
    private Cursor handedOut;
    private long nextBatchId;
    private long offset;
    private CatchUpReader reader;
    private StoreSubscription subscription;
    private Runnable listener;

    DetachedReader(MemoryEventStore store, String id, Cursor from, Cursor handedOut,
                   ArrayDeque<RingReader.Outstanding> leftovers, long nextBatchId, Runnable listener) {
        this.store = store;
        this.id = id;
        this.from = from;
        this.handedOut = handedOut;
        this.leftovers = leftovers;
        this.nextBatchId = nextBatchId;
        this.listener = listener;
    }

    /** The private subscription, the reader started first if needed; a failed reader is closed and reported. */
    StoreSubscription subscription() {
        if (reader != null && reader.failure() != null) {
            Throwable failure = reader.failure();
            closeReader();
            throw new IllegalStateException("the catch-up reader of subscription " + id + " of destination "
                    + store.destination() + " failed (the next get starts it again): " + failure.getMessage(),
                    failure);
        }
        if (reader == null) {
            reader = store.catchUps().open(id, from);
            subscription = reader.store().subscription(id, Optional.ofNullable(handedOut));
            subscription.onAvailable(listener);
            offset = nextBatchId - 1;
            LOG.info("[destination={}] subscription {} catches up with its own binlog reader after {}",
                    store.destination(), MemoryEventStore.printable(id), from);
        }
        return subscription;
    }

    /** Where the next reader starts. */
    Cursor from() {
        return from;
    }

    boolean catchingUp() {
        return reader != null;
    }

    /** A batch of the private subscription with the subscription's batch id. */
    Batch mapped(Batch batch, StoreSubscription from) {
        if (batch.isEmpty() || from != subscription) {
            return batch.isEmpty() ? batch : Batch.EMPTY;
        }
        long mappedId = offset + batch.id();
        nextBatchId = mappedId + 1;
        return new Batch(mappedId, batch.events(), batch.cursor());
    }

    Batch poll(int maxEntries) {
        StoreSubscription s = subscription();
        return mapped(s.poll(maxEntries), s);
    }

    /** Acknowledges the oldest outstanding batch, a leftover from the ring or a private one. */
    Cursor ack(long batchId) {
        List<Long> ids = outstandingBatches();
        if (ids.isEmpty() || ids.get(0) != batchId) {
            throw new IllegalArgumentException("destination " + store.destination() + ": cannot ack batch " + batchId
                    + ": " + (ids.isEmpty() ? "no batch is outstanding" : "the oldest outstanding batch is "
                    + ids.get(0) + " (outstanding: " + ids + ")"));
        }
        if (!leftovers.isEmpty()) {
            return leftovers.removeFirst().cursor();
        }
        return subscription.ack(batchId - offset);
    }

    /**
     * Forgets every outstanding batch. With leftovers outstanding, the reader (which passes over them) is stopped
     * and the next get starts a new one from {@code acked}.
     */
    void rollback(Cursor acked) {
        if (!leftovers.isEmpty()) {
            leftovers.clear();
            handedOut = null;
            from = acked;
            closeReader();
        } else if (subscription != null) {
            subscription.rollback();
        }
    }

    List<Long> outstandingBatches() {
        List<Long> ids = new ArrayList<>();
        leftovers.forEach(b -> ids.add(b.id()));
        if (subscription != null) {
            subscription.outstandingBatches().forEach(b -> ids.add(b + offset));
        }
        return ids;
    }

    void onAvailable(Runnable newListener) {
        listener = newListener;
        if (subscription != null) {
            subscription.onAvailable(newListener);
        }
    }

    long nextBatchId() {
        return nextBatchId;
    }

    /** Stops the reader, on a thread of its own (its stop waits for the binlog thread). */
    void closeReader() {
        CatchUpReader r = reader;
        reader = null;
        subscription = null;
        if (r != null) {
            Thread closer = new Thread(r::close, "collector-" + store.destination() + "-catch-up-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** The reader, to be stopped by the caller outside the store's lock; null if none runs. */
    CatchUpReader takeReader() {
        CatchUpReader r = reader;
        reader = null;
        subscription = null;
        return r;
    }
}
