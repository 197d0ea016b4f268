package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.position.Cursor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventStore} on an array ring, bounded by entry count and by serialized bytes.
 *
 * <p>Entries are numbered by ever-increasing sequence numbers; three of them split the ring:
 * {@code ackSeq} (first unacknowledged), {@code getSeq} (next to hand out) and {@code putSeq} (next to write).
 * Space is freed only by {@link #ack}. One lock guards everything; {@code put} waits on "not full",
 * {@code get} on "not empty".
 *
 * <p>{@link #put} and {@link #get} throw {@link IllegalStateException} when the store is not running: before
 * {@link #start()}, after {@link #stop()}, and when {@code stop()} wakes them while they wait. {@link #ack},
 * {@link #rollback} and the queries work in every state.
 */
public final class MemoryEventStore extends AbstractLifecycle implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryEventStore.class);

    private final String destination;
    private final StoreConfig config;
    private final ChangeEvent[] ring;
    private final int mask;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Outstanding> outstanding = new ArrayDeque<>();
    private long putSeq;
    private long getSeq;
    private long ackSeq;
    /** With DDL isolation: no DDL entry lies in [getSeq, ddlScanned). */
    private long ddlScanned;
    private long usedBytes;
    /** A waiting {@code get} can complete once {@code putSeq} reaches this; {@code put} signals only then. */
    private long wakeAt = Long.MAX_VALUE;
    /** Whether {@code put} waits for space: waiting gets then take what there is, nothing more can come. */
    private boolean producerWaiting;
    private long nextBatchId = 1;
    private Cursor ackedCursor;
    private volatile Runnable availableListener = () -> { };

    /** A handed-out batch: it ends before sequence {@code endSeq}. */
    private record Outstanding(long id, long endSeq, Cursor cursor) {
    }

    public MemoryEventStore(String destination, StoreConfig config) {
        this.destination = destination;
        this.config = config;
        this.ring = new ChangeEvent[ringSize(config.capacityEntries())];
        this.mask = ring.length - 1;
    }

    private static int ringSize(int capacity) {
        return capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    }

    @Override
    protected void doStart() {
        LOG.info("[destination={}] store started: {} entries, {} bytes, ddl isolation {}", destination,
                config.capacityEntries(), config.capacityBytes(), config.ddlIsolation());
    }

    @Override
    protected void doStop() {
        lock.lock();
        try {
            notFull.signalAll();
            notEmpty.signalAll();
            availableListener.run();
        } finally {
            lock.unlock();
        }
        LOG.info("[destination={}] store stopped with {} entries held", destination, entryCount());
    }

    @Override
    public void put(List<ChangeEvent> events) throws InterruptedException {
        lock.lockInterruptibly();
        boolean ddl = false;
        try {
            ensureRunning();
            for (int i = 0, n = events.size(); i < n; i++) {
                ChangeEvent event = events.get(i);
                append(event);
                ddl |= event.ddl();
            }
        } finally {
            if (putSeq >= wakeAt || ddl && config.ddlIsolation()) {
                wakeGets();
            }
            lock.unlock();
        }
    }

    private void append(ChangeEvent event) throws InterruptedException {
        int size = event.size();
        if (!hasSpace(size)) {
            awaitSpace(size);
        }
        ring[index(putSeq++)] = event;
        usedBytes += size;
    }

    private void awaitSpace(int size) throws InterruptedException {
        producerWaiting = true;
        try {
            while (!hasSpace(size)) {
                wakeGets();
                notFull.await();
                ensureRunning();
            }
        } finally {
            producerWaiting = false;
        }
    }

    private void wakeGets() {
        wakeAt = Long.MAX_VALUE;
        notEmpty.signalAll();
        availableListener.run();
    }

    private boolean hasSpace(int size) {
        long held = putSeq - ackSeq;
        return held == 0 || held < config.capacityEntries() && usedBytes + size <= config.capacityBytes();
    }

    @Override
    public Batch get(int maxEntries, long timeoutNanos) throws InterruptedException {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + maxEntries);
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeoutNanos + " ns");
        }
        lock.lockInterruptibly();
        try {
            ensureRunning();
            awaitBatch(maxEntries, timeoutNanos);
            return take(maxEntries);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Batch poll(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + maxEntries);
        }
        lock.lock();
        try {
            ensureRunning();
            if (!batchReady(maxEntries)) {
                wakeAt = Math.min(wakeAt, getSeq + maxEntries);
                return Batch.EMPTY;
            }
            return take(maxEntries);
        } finally {
            lock.unlock();
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
                notEmpty.await();
            } else {
                remaining = notEmpty.awaitNanos(remaining);
            }
            ensureRunning();
        }
    }

    /**
     * Whether a full batch is available: {@code maxEntries} entries, or, with DDL isolation, a DDL ends it,
     * or the store is full so nothing more can arrive before an ack.
     */
    private boolean batchReady(int maxEntries) {
        long available = putSeq - getSeq;
        if (available >= maxEntries || available > 0 && producerWaiting) {
            return true;
        }
        return config.ddlIsolation() && ddlAvailable();
    }

    private boolean ddlAvailable() {
        ddlScanned = Math.max(ddlScanned, getSeq);
        for (; ddlScanned < putSeq; ddlScanned++) {
            if (ring[index(ddlScanned)].ddl()) {
                return true;
            }
        }
        return false;
    }

    private Batch take(int maxEntries) {
        int n = batchLength(maxEntries);
        if (n == 0) {
            return Batch.EMPTY;
        }
        List<ChangeEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(ring[index(getSeq + i)]);
        }
        getSeq += n;
        Cursor cursor = events.get(n - 1).cursor();
        Outstanding batch = new Outstanding(nextBatchId++, getSeq, cursor);
        outstanding.addLast(batch);
        return new Batch(batch.id(), Collections.unmodifiableList(events), cursor);
    }

    private int batchLength(int maxEntries) {
        int n = (int) Math.min(maxEntries, putSeq - getSeq);
        if (!config.ddlIsolation() || n == 0) {
            return n;
        }
        if (ring[index(getSeq)].ddl()) {
            return 1;
        }
        for (int i = 1; i < n; i++) {
            if (ring[index(getSeq + i)].ddl()) {
                return i;
            }
        }
        return n;
    }

    @Override
    public Cursor ack(long batchId) {
        lock.lock();
        try {
            Outstanding oldest = outstanding.peekFirst();
            if (oldest == null || oldest.id() != batchId) {
                throw new IllegalArgumentException(ackError(batchId, oldest));
            }
            outstanding.removeFirst();
            release(oldest.endSeq());
            ackedCursor = oldest.cursor();
            notFull.signalAll();
            return ackedCursor;
        } finally {
            lock.unlock();
        }
    }

    private String ackError(long batchId, Outstanding oldest) {
        String prefix = "destination " + destination + ": cannot ack batch " + batchId + ": ";
        if (oldest == null) {
            return prefix + "no batch is outstanding";
        }
        boolean known = outstanding.stream().anyMatch(b -> b.id() == batchId);
        return prefix + (known ? "acks must follow delivery order" : "unknown batch id")
                + ", the oldest outstanding batch is " + oldest.id() + " (outstanding: " + ids() + ")";
    }

    private void release(long endSeq) {
        for (long seq = ackSeq; seq < endSeq; seq++) {
            int i = index(seq);
            usedBytes -= ring[i].size();
            ring[i] = null;
        }
        ackSeq = endSeq;
    }

    @Override
    public void rollback() {
        lock.lock();
        try {
            outstanding.clear();
            getSeq = ackSeq;
            ddlScanned = ackSeq;
            wakeGets();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Long> outstandingBatches() {
        lock.lock();
        try {
            return ids();
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            return Optional.ofNullable(ackedCursor);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int entryCount() {
        lock.lock();
        try {
            return (int) (putSeq - ackSeq);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long byteCount() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    private int index(long seq) {
        return (int) (seq & mask);
    }

    private void ensureRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("store of destination " + destination + " is not running");
        }
    }
}
