package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RingSubscription}'s reading of the shared ring while attached: {@code ackSeq} (first unacknowledged),
 * {@code getSeq} (next to hand out), the DDL scan, the passing over of entries acknowledged before, and the batches
 * handed out and not yet acknowledged. It never waits; the subscription does, and switches to a
 * {@link DetachedReader} when detached. Guarded by the store's lock.
 */
final class RingReader {

    private final MemoryEventStore store;
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private long getSeq;
    private long ackSeq;
    /** With DDL isolation: no DDL entry lies in [getSeq, ddlScanned). */
    private long ddlScanned;
    /** Entries with ids up to this were acknowledged before; {@link Long#MIN_VALUE} once passed. */
    private long passThrough;
    private long nextBatchId = 1;

    /** A handed-out batch: it ends before sequence {@code endSeq}. */
    record Outstanding(long id, long endSeq, Cursor cursor) {
    }

    RingReader(MemoryEventStore store, long startSeq, Optional<Cursor> acked) {
        this.store = store;
        this.getSeq = startSeq;
        this.ackSeq = startSeq;
        this.ddlScanned = startSeq;
        this.passThrough = acked.map(Cursor::lastEntryId).orElse(Long.MIN_VALUE);
    }

    long ackSeq() {
        return ackSeq;
    }

    long nextBatchId() {
        return nextBatchId;
    }

    /** The sequence at which a get of {@code maxEntries} entries could complete. */
    long fullBatchSeq(int maxEntries) {
        return getSeq + maxEntries;
    }

    /** The cursor of the last entry handed out and not acknowledged, or null. */
    Cursor handedOutCursor() {
        return getSeq > ackSeq ? store.ring().entry(getSeq - 1).cursor() : null;
    }

    /** Leaves the ring: holds nothing of it from now on. Returns the batches that were outstanding. */
    ArrayDeque<Outstanding> detach() {
        ArrayDeque<Outstanding> handedOut = new ArrayDeque<>(outstanding);
        outstanding.clear();
        ackSeq = store.ring().putSeq();
        getSeq = ackSeq;
        passThrough = Long.MIN_VALUE;
        return handedOut;
    }

    /** Reads the ring again from {@code seq}, the next batch numbered {@code batchId}. */
    void rejoin(long seq, long batchId) {
        nextBatchId = batchId;
        getSeq = seq;
        ackSeq = seq;
        ddlScanned = seq;
    }

    /** Passes over entries acknowledged before, while nothing is handed out; frees them in the store. */
    void passAcknowledged() {
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

    /**
     * Whether a full batch is available: {@code maxEntries} entries, or, with DDL isolation, a DDL ends it,
     * or the store is full so nothing more can arrive before an ack.
     */
    boolean batchReady(int maxEntries) {
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

    /** Hands out the next batch of at most {@code maxEntries} entries, or {@link Batch#EMPTY}. */
    Batch take(int maxEntries) {
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
        Ring ring = store.ring();
        int n = (int) Math.min(maxEntries, ring.putSeq() - getSeq);
        if (!store.config().ddlIsolation() || n == 0) {
            return n;
        }
        if (ring.entry(getSeq).ddl()) {
            return 1;
        }
        for (int i = 1; i < n; i++) {
            if (ring.entry(getSeq + i).ddl()) {
                return i;
            }
        }
        return n;
    }

    /**
     * Acknowledges batch {@code batchId}, the oldest outstanding; the caller tells the store.
     *
     * @return the cursor after it
     * @throws IllegalArgumentException if the id is unknown or not the oldest outstanding batch
     */
    Cursor ack(long batchId) {
        Outstanding oldest = outstanding.peekFirst();
        if (oldest == null || oldest.id() != batchId) {
            throw new IllegalArgumentException(ackError(batchId, oldest));
        }
        outstanding.removeFirst();
        ackSeq = oldest.endSeq();
        return oldest.cursor();
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

    /** Forgets the outstanding batches: the next take hands their entries out again. */
    void rollback() {
        outstanding.clear();
        getSeq = ackSeq;
        ddlScanned = ackSeq;
    }

    /** Forgets the outstanding batches as the subscription is removed. */
    void close() {
        outstanding.clear();
        getSeq = ackSeq;
    }

    int outstandingCount() {
        return outstanding.size();
    }

    /** Ids of the outstanding batches, oldest first. */
    List<Long> ids() {
        List<Long> ids = new ArrayList<>(outstanding.size());
        for (Outstanding batch : outstanding) {
            ids.add(batch.id());
        }
        return ids;
    }
}
