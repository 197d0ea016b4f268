package io.collector.server.store;

import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;

/**
 * One subscription of a {@link MemoryEventStore}: its waiting gets, availability listener, acknowledged cursor and
 * last use, and which reader serves it: the shared ring through its {@link RingReader} ({@code ackSeq},
 * {@code getSeq} and outstanding batches), or a {@link DetachedReader}. All guarded by the store's lock.
 *
 * <p>A subscription that acknowledged up to a cursor before passes over the entries not above that cursor's
 * global id as if acknowledged: the store then holds entries replayed for a less advanced subscription.
 *
 * <p>Under the detach policy the store may {@linkplain #detach detach} it: it then reads through a
 * {@link DetachedReader} (its own binlog reader into a private store) and holds nothing of the ring, until, with
 * nothing outstanding, the entry after its cursor is still in the ring: it then {@linkplain #tryRejoin rejoins}
 * the ring there, under the store's lock.
 */
final class RingSubscription implements StoreSubscription {

    private final MemoryEventStore store;
    private final String id;
    private final RingReader ringReader;
    /** A waiting get can complete once {@code putSeq} reaches this; {@code put} wakes it only then. */
    private long wakeAt = Long.MAX_VALUE;
    private Cursor ackedCursor;
    private boolean closed;
    private volatile Runnable availableListener = () -> { };
    /** Non-null while detached from the ring. */
    private DetachedReader detached;
    private long lastUsedNanos;
    /** Whether a WARN said this subscription cannot detach; said once. */
    private boolean cannotDetachSaid;

    RingSubscription(MemoryEventStore store, String id, long startSeq, Optional<Cursor> acked) {
        this.store = store;
        this.id = id;
        this.ringReader = new RingReader(store, startSeq, acked);
        this.ackedCursor = acked.orElse(null);
        this.lastUsedNanos = store.nanoTime();
    }

    long ackSeq() {
        return ringReader.ackSeq();
    }

    String id() {
        return id;
    }

    boolean attached() {
        return detached == null;
    }

    /** Whether detached and its catch-up reader runs. */
    boolean catchingUp() {
        return detached != null && detached.catchingUp();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    private void touch() {
        lastUsedNanos = store.nanoTime();
    }

    /** Where a catch-up reader would start: after the acknowledged cursor, else after the entry before ackSeq. */
    Cursor resumeCursor() {
        return ackedCursor != null ? ackedCursor : store.ring().cursorBefore(ringReader.ackSeq());
    }

    /** Says once that this subscription lags but cannot detach. */
    boolean firstCannotDetach() {
        boolean first = !cannotDetachSaid;
        cannotDetachSaid = true;
        return first;
    }

    /** Leaves the ring: from now on reads through a catch-up reader after {@code from}; under the store's lock. */
    void detach(Cursor from) {
        Cursor handedOut = ringReader.handedOutCursor();
        long nextBatchId = ringReader.nextBatchId();
        detached = new DetachedReader(store, id, from, handedOut, ringReader.detach(), nextBatchId, availableListener);
        wakeAt = Long.MAX_VALUE;
        store.notEmpty.signalAll();
    }

    /**
     * Rejoins the ring if detached, nothing is outstanding and the entry after the cursor is in the ring; under the
     * store's lock.
     */
    void tryRejoin() {
        if (detached == null || !detached.outstandingBatches().isEmpty()) {
            return;
        }
        Cursor at = resumeCursorWhileDetached();
        long seq = store.rejoinSeq(at.lastEntryId());
        if (seq < 0) {
            return;
        }
        long nextBatchId = detached.nextBatchId();
        detached.closeReader();
        detached = null;
        ringReader.rejoin(seq, nextBatchId);
        store.rejoined(id, seq, at);
    }

    /** Entries were appended (or the subscription just joined): pass over acknowledged ones, wake a waiting get. */
    void arrived(boolean ddlIsolated) {
        if (detached != null) {
            return;
        }
        ringReader.passAcknowledged();
        if (store.ring().putSeq() >= wakeAt || ddlIsolated) {
            wake();
        }
    }

    void wake() {
        wakeAt = Long.MAX_VALUE;
        store.notEmpty.signalAll();
        notifyAvailable();
    }

    void notifyAvailable() {
        availableListener.run();
    }

    /** Removed from the store: gets fail from now on. Returns the catch-up reader to stop, or null. */
    CatchUpSource.CatchUpReader close() {
        closed = true;
        ringReader.close();
        wake();
        return detached == null ? null : detached.takeReader();
    }

    /** The catch-up reader to stop as the store stops, or null. */
    CatchUpSource.CatchUpReader takeReader() {
        return detached == null ? null : detached.takeReader();
    }

    @Override
    public Batch get(int maxEntries, long timeoutNanos) throws InterruptedException {
        checkBatchSize(maxEntries);
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeoutNanos + " ns");
        }
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        DetachedReader reader;
        StoreSubscription privateSubscription;
        store.lock.lockInterruptibly();
        try {
            ensureUsable();
            touch();
            tryRejoin();
            if (detached == null) {
                awaitBatch(maxEntries, timeoutNanos);
                if (detached == null) {
                    return ringReader.take(maxEntries);
                }
            }
            reader = detached;
            privateSubscription = reader.subscription();
        } finally {
            store.lock.unlock();
        }
        long remaining = timeoutNanos == Long.MAX_VALUE ? timeoutNanos : Math.max(0, deadline - System.nanoTime());
        Batch batch = privateSubscription.get(maxEntries, remaining);
        store.lock.lock();
        try {
            touch();
            return detached == reader ? reader.mapped(batch, privateSubscription) : Batch.EMPTY;
        } finally {
            store.lock.unlock();
        }
    }

    @Override
    public Batch poll(int maxEntries) {
        checkBatchSize(maxEntries);
        store.lock.lock();
        try {
            ensureUsable();
            touch();
            tryRejoin();
            if (detached != null) {
                return detached.poll(maxEntries);
            }
            if (!ringReader.batchReady(maxEntries)) {
                wakeAt = Math.min(wakeAt, ringReader.fullBatchSeq(maxEntries));
                return Batch.EMPTY;
            }
            return ringReader.take(maxEntries);
        } finally {
            store.lock.unlock();
        }
    }

    private static void checkBatchSize(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + maxEntries);
        }
    }

    @Override
    public void onAvailable(Runnable listener) {
        store.lock.lock();
        try {
            availableListener = listener;
            if (detached != null) {
                detached.onAvailable(listener);
            }
        } finally {
            store.lock.unlock();
        }
    }

    private void awaitBatch(int maxEntries, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        while (remaining > 0 && !ringReader.batchReady(maxEntries)) {
            wakeAt = Math.min(wakeAt, ringReader.fullBatchSeq(maxEntries));
            if (timeoutNanos == Long.MAX_VALUE) {
                store.notEmpty.await();
            } else {
                remaining = store.notEmpty.awaitNanos(remaining);
            }
            ensureUsable();
            if (detached != null) {
                return;
            }
        }
    }

    @Override
    public Cursor ack(long batchId) {
        store.lock.lock();
        try {
            touch();
            if (detached != null) {
                ackedCursor = detached.ack(batchId);
                tryRejoin();
                return ackedCursor;
            }
            ackedCursor = ringReader.ack(batchId);
            store.released();
            return ackedCursor;
        } finally {
            store.lock.unlock();
        }
    }

    @Override
    public void rollback() {
        store.lock.lock();
        try {
            touch();
            if (detached != null) {
                detached.rollback(resumeCursorWhileDetached());
                return;
            }
            ringReader.rollback();
            wake();
        } finally {
            store.lock.unlock();
        }
    }

    @Override
    public List<Long> outstandingBatches() {
        store.lock.lock();
        try {
            return detached != null ? detached.outstandingBatches() : ringReader.ids();
        } finally {
            store.lock.unlock();
        }
    }

    /** Batches handed out and not acknowledged; under the store's lock. */
    int outstandingCount() {
        return detached != null ? detached.outstandingBatches().size() : ringReader.outstandingCount();
    }

    /** Where a detached subscription's reader starts again: its acknowledged cursor, else where it detached. */
    private Cursor resumeCursorWhileDetached() {
        return ackedCursor != null ? ackedCursor : detached.from();
    }

    @Override
    public Optional<Cursor> ackedCursor() {
        store.lock.lock();
        try {
            return Optional.ofNullable(ackedCursor);
        } finally {
            store.lock.unlock();
        }
    }

    private void ensureUsable() {
        store.ensureRunning();
        if (closed) {
            throw new IllegalStateException("subscription " + id + " of destination " + store.destination()
                    + " was removed");
        }
    }
}
