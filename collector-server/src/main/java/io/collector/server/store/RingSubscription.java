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

    /** A handed-out batch: it ends before sequence {@code endSeq}. */
    private record Outstanding(long id, long endSeq, Cursor cursor) {
    }

    RingSubscription(MemoryEventStore store, String id, long startSeq, Optional<Cursor> acked) {
        this.store = store;
        this.id = id;
        this.getSeq = startSeq;
        this.ackSeq = startSeq;
        this.ddlScanned = startSeq;
        this.passThrough = acked.map(Cursor::lastEntryId).orElse(Long.MIN_VALUE);
        this.ackedCursor = acked.orElse(null);
    }

    long ackSeq() {
        return ackSeq;
    }

    /** Entries were appended (or the subscription just joined): pass over acknowledged ones, wake a waiting get. */
    void arrived(boolean ddlIsolated) {
        passAcknowledged();
        if (store.putSeq() >= wakeAt || ddlIsolated) {
            wake();
        }
    }

    private void passAcknowledged() {
        long putSeq = store.putSeq();
        long from = ackSeq;
        while (passThrough != Long.MIN_VALUE && ackSeq < putSeq && outstanding.isEmpty() && getSeq == ackSeq) {
            if (store.entry(ackSeq).globalId() > passThrough) {
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

    /** Removed from the store: gets fail from now on. */
    void close() {
        closed = true;
        outstanding.clear();
        getSeq = ackSeq;
        wake();
    }

    @Override
    public Batch get(int maxEntries, long timeoutNanos) throws InterruptedException {
        checkBatchSize(maxEntries);
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeoutNanos + " ns");
        }
        store.lock.lockInterruptibly();
        try {
            ensureUsable();
            awaitBatch(maxEntries, timeoutNanos);
            return take(maxEntries);
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
        availableListener = listener;
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
        }
    }

    /**
     * Whether a full batch is available: {@code maxEntries} entries, or, with DDL isolation, a DDL ends it,
     * or the store is full so nothing more can arrive before an ack.
     */
    private boolean batchReady(int maxEntries) {
        passAcknowledged();
        long available = store.putSeq() - getSeq;
        if (available >= maxEntries || available > 0 && store.producerWaiting()) {
            return true;
        }
        return store.config().ddlIsolation() && ddlAvailable();
    }

    private boolean ddlAvailable() {
        ddlScanned = Math.max(ddlScanned, getSeq);
        for (long putSeq = store.putSeq(); ddlScanned < putSeq; ddlScanned++) {
            if (store.entry(ddlScanned).ddl()) {
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
            events.add(store.entry(getSeq + i));
        }
        getSeq += n;
        Cursor cursor = events.get(n - 1).cursor();
        Outstanding batch = new Outstanding(nextBatchId++, getSeq, cursor);
        outstanding.addLast(batch);
        return new Batch(batch.id(), Collections.unmodifiableList(events), cursor);
    }

    private int batchLength(int maxEntries) {
        int n = (int) Math.min(maxEntries, store.putSeq() - getSeq);
        if (!store.config().ddlIsolation() || n == 0) {
            return n;
        }
        if (store.entry(getSeq).ddl()) {
            return 1;
        }
        for (int i = 1; i < n; i++) {
            if (store.entry(getSeq + i).ddl()) {
                return i;
            }
        }
        return n;
    }

    @Override
    public Cursor ack(long batchId) {
        store.lock.lock();
        try {
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
            return ids();
        } finally {
            store.lock.unlock();
        }
    }

    /** Batches handed out and not acknowledged; under the store's lock. */
    int outstandingCount() {
        return outstanding.size();
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
