package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One subscription of a {@link MemoryEventStore}: {@code ackSeq} (first unacknowledged), {@code getSeq} (next to
 * hand out) and its outstanding batches over the shared ring, all guarded by the store's lock.
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
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private long getSeq;
    private long ackSeq;
    /** With DDL isolation: no DDL entry lies in [getSeq, ddlScanned). */
    private long ddlScanned;
    /** Entries with ids up to this were acknowledged before; {@link Long#MIN_VALUE} once passed. */
    private long passThrough;
    /** A waiting get can complete once {@code putSeq} reaches this; {@code put} wakes it only then. */
    private long wakeAt = Long.MAX_VALUE;
    private long nextBatchId = 1;
    private Cursor ackedCursor;
    private boolean closed;
    private volatile Runnable availableListener = () -> { };
    /** Non-null while detached from the ring. */
    private DetachedReader detached;
    private long lastUsedNanos;
    /** Whether a WARN said this subscription cannot detach; said once. */
    private boolean cannotDetachSaid;

    /** A handed-out batch: it ends before sequence {@code endSeq}. */
    record Outstanding(long id, long endSeq, Cursor cursor) {
    }

    RingSubscription(MemoryEventStore store, String id, long startSeq, Optional<Cursor> acked) {
        this.store = store;
        this.id = id;
        this.getSeq = startSeq;
        this.ackSeq = startSeq;
        this.ddlScanned = startSeq;
        this.passThrough = acked.map(Cursor::lastEntryId).orElse(Long.MIN_VALUE);
        this.ackedCursor = acked.orElse(null);
        this.lastUsedNanos = store.nanoTime();
    }

    long ackSeq() {
        return ackSeq;
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
        return ackedCursor != null ? ackedCursor : store.ring().cursorBefore(ackSeq);
    }

    /** Says once that this subscription lags but cannot detach. */
    boolean firstCannotDetach() {
        boolean first = !cannotDetachSaid;
        cannotDetachSaid = true;
        return first;
    }

    /** Leaves the ring: from now on reads through a catch-up reader after {@code from}; under the store's lock. */
    void detach(Cursor from) {
        Cursor handedOut = getSeq > ackSeq ? store.ring().entry(getSeq - 1).cursor() : null;
        detached = new DetachedReader(store, id, from, handedOut, new ArrayDeque<>(outstanding), nextBatchId,
                availableListener);
        outstanding.clear();
        ackSeq = store.ring().putSeq();
        getSeq = ackSeq;
        passThrough = Long.MIN_VALUE;
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
        nextBatchId = detached.nextBatchId();
        detached.closeReader();
        detached = null;
        getSeq = seq;
        ackSeq = seq;
        ddlScanned = seq;
        store.rejoined(id, seq, at);
    }

    /** Entries were appended (or the subscription just joined): pass over acknowledged ones, wake a waiting get. */
    void arrived(boolean ddlIsolated) {
        if (detached != null) {
            return;
        }
        passAcknowledged();
        if (store.ring().putSeq() >= wakeAt || ddlIsolated) {
            wake();
        }
    }

    private void passAcknowledged() {
        long putSeq = store.ring().putSeq();
        long from = ackSeq;
        while (passThrough != Long.MIN_VALUE && ackSeq < putSeq && outstanding.isEmpty() && getSeq == ackSeq) {
            if (store.ring().entry(ackSeq).globalId() > passThrough) {
                passThrough = Long.MIN_VALUE;
                break;
            }
            ackSeq++;
            getSeq = ackSeq;
        }
        if (ackSeq != from) {
            store.released();
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
        outstanding.clear();
        getSeq = ackSeq;
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
                    return take(maxEntries);
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
            if (!batchReady(maxEntries)) {
                wakeAt = Math.min(wakeAt, getSeq + maxEntries);
                return Batch.EMPTY;
            }
            return take(maxEntries);
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
        while (remaining > 0 && !batchReady(maxEntries)) {
            wakeAt = Math.min(wakeAt, getSeq + maxEntries);
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

    /**
     * Whether a full batch is available: {@code maxEntries} entries, or, with DDL isolation, a DDL ends it,
     * or the store is full so nothing more can arrive before an ack.
     */
    private boolean batchReady(int maxEntries) {
        passAcknowledged();
        long available = store.ring().putSeq() - getSeq;
        if (available >= maxEntries || available > 0 && store.producerWaiting()) {
            return true;
        }
        return store.config().ddlIsolation() && ddlAvailable();
    }

    private boolean ddlAvailable() {
        ddlScanned = Math.max(ddlScanned, getSeq);
        for (long putSeq = store.ring().putSeq(); ddlScanned < putSeq; ddlScanned++) {
            if (store.ring().entry(ddlScanned).ddl()) {
                return true;
            }
        }
        return false;
    }

    private Batch take(int maxEntries) {
        passAcknowledged();
        int n = batchLength(maxEntries);
        if (n == 0) {
            return Batch.EMPTY;
        }
        List<ChangeEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(store.ring().entry(getSeq + i));
        }
        getSeq += n;
        Cursor cursor = events.get(n - 1).cursor();
        Outstanding batch = new Outstanding(nextBatchId++, getSeq, cursor);
        outstanding.addLast(batch);
        return new Batch(batch.id(), Collections.unmodifiableList(events), cursor);
    }

    private int batchLength(int maxEntries) {
        int n = (int) Math.min(maxEntries, store.ring().putSeq() - getSeq);
        if (!store.config().ddlIsolation() || n == 0) {
            return n;
        }
        if (store.ring().entry(getSeq).ddl()) {
            return 1;
        }
        for (int i = 1; i < n; i++) {
            if (store.ring().entry(getSeq + i).ddl()) {
                return i;
            }
        }
        return n;
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
            Outstanding oldest = outstanding.peekFirst();
            if (oldest == null || oldest.id() != batchId) {
                throw new IllegalArgumentException(ackError(batchId, oldest));
            }
            outstanding.removeFirst();
            ackSeq = oldest.endSeq();
            ackedCursor = oldest.cursor();
            store.released();
            return ackedCursor;
        } finally {
            store.lock.unlock();
        }
    }

    private String ackError(long batchId, Outstanding oldest) {
        String prefix = "destination " + store.destination() + ": cannot ack batch " + batchId + ": ";
        if (oldest == null) {
            return prefix + "no batch is outstanding";
        }
        boolean known = outstanding.stream().anyMatch(b -> b.id() == batchId);
        return prefix + (known ? "acks must follow delivery order" : "unknown batch id")
                + ", the oldest outstanding batch is " + oldest.id() + " (outstanding: " + ids() + ")";
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
            outstanding.clear();
            getSeq = ackSeq;
            ddlScanned = ackSeq;
            wake();
        } finally {
            store.lock.unlock();
        }
    }

    @Override
    public List<Long> outstandingBatches() {
        store.lock.lock();
        try {
            return detached != null ? detached.outstandingBatches() : ids();
        } finally {
            store.lock.unlock();
        }
    }

    /** Batches handed out and not acknowledged; under the store's lock. */
    int outstandingCount() {
        return detached != null ? detached.outstandingBatches().size() : outstanding.size();
    }

    /** Where a detached subscription's reader starts again: its acknowledged cursor, else where it detached. */
    private Cursor resumeCursorWhileDetached() {
        return ackedCursor != null ? ackedCursor : detached.from();
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>(outstanding.size());
        for (Outstanding batch : outstanding) {
            ids.add(batch.id());
        }
        return ids;
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
