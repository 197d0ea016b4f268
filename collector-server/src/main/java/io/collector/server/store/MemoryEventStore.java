package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.position.Cursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventStore} on an array ring shared by its subscriptions, bounded by entry count and by serialized
 * bytes.
 *
 * <p>Entries are numbered by ever-increasing sequence numbers: {@code putSeq} is the next to write and
 * {@code releaseSeq} the oldest held, the smallest first-unacknowledged sequence of the subscriptions (each
 * {@link RingSubscription} keeps its own read and ack sequences). Space is freed only by acknowledgements and
 * by removing a subscription. Without any subscription nothing is freed: the first one reads everything held.
 * One lock guards everything; {@code put} waits on "not full", blocking gets on "not empty".
 *
 * <p>{@link #put} and the gets throw {@link IllegalStateException} when the store is not running: before
 * {@link #start()}, after {@link #stop()}, and when {@code stop()} wakes them while they wait. Acks, rollbacks,
 * subscription changes and the queries work in every state.
 */
public final class MemoryEventStore extends AbstractLifecycle implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryEventStore.class);
    /** The id of the subscription the store's own {@link StoreSubscription} methods use. */
    private static final String DEFAULT_SUBSCRIPTION = "";
    /** How long the producer waits for space before a WARN names the subscriptions holding the store. */
    private static final long HELD_WARNING_NANOS = 30_000_000_000L;

    private final String destination;
    private final StoreConfig config;
    private final ChangeEvent[] ring;
    private final int mask;
    final ReentrantLock lock = new ReentrantLock();
    final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Map<String, RingSubscription> subscriptions = new LinkedHashMap<>();
    private long putSeq;
    private long releaseSeq;
    private long usedBytes;
    /** Whether {@code put} waits for space: waiting gets then take what there is, nothing more can come. */
    private boolean producerWaiting;

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
            subscriptions.values().forEach(RingSubscription::notifyAvailable);
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
            afterPut(ddl && config.ddlIsolation());
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

    private void afterPut(boolean ddlIsolated) {
        for (RingSubscription subscription : subscriptions.values()) {
            subscription.arrived(ddlIsolated);
        }
        released();
    }

    private void awaitSpace(int size) throws InterruptedException {
        producerWaiting = true;
        try {
            while (!hasSpace(size)) {
                afterPut(false);
                subscriptions.values().forEach(RingSubscription::wake);
                if (hasSpace(size)) {
                    break;
                }
                if (notFull.awaitNanos(HELD_WARNING_NANOS) <= 0 && !hasSpace(size)) {
                    warnHeld();
                }
                ensureRunning();
            }
        } finally {
            producerWaiting = false;
        }
    }

    /** The store stayed full a while: names the subscriptions that hold its oldest entry. */
    private void warnHeld() {
        List<String> holding = new ArrayList<>();
        for (Map.Entry<String, RingSubscription> subscription : subscriptions.entrySet()) {
            if (subscription.getValue().ackSeq() == releaseSeq) {
                holding.add(printable(subscription.getKey()));
            }
        }
        LOG.warn("[destination={}] store full ({} entries, {} bytes) for {} s: the parser waits for subscription(s)"
                + " {} to acknowledge; a client id that is gone for good holds the destination until it unsubscribes",
                destination, putSeq - releaseSeq, usedBytes, HELD_WARNING_NANOS / 1_000_000_000L,
                holding.isEmpty() ? "(none: no client id subscribed yet)" : holding);
    }

    private boolean hasSpace(int size) {
        long held = putSeq - releaseSeq;
        return held == 0 || held < config.capacityEntries() && usedBytes + size <= config.capacityBytes();
    }

    @Override
    public StoreSubscription subscription(String id, Optional<Cursor> acked) {
        lock.lock();
        try {
            RingSubscription subscription = subscriptions.get(id);
            if (subscription == null) {
                subscription = new RingSubscription(this, id, releaseSeq, acked);
                subscriptions.put(id, subscription);
                LOG.info("[destination={}] subscription {} joins at the oldest held entry{}", destination,
                        printable(id), acked.map(c -> ", passing over entries up to " + c).orElse(""));
                subscription.arrived(false);
                released();
            }
            return subscription;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean unsubscribe(String id) {
        lock.lock();
        try {
            RingSubscription removed = subscriptions.remove(id);
            if (removed == null) {
                return false;
            }
            removed.close();
            released();
            LOG.info("[destination={}] subscription {} removed", destination, printable(id));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the entries every subscription acknowledged; called under the lock after any ack. */
    void released() {
        if (subscriptions.isEmpty()) {
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (RingSubscription subscription : subscriptions.values()) {
            oldest = Math.min(oldest, subscription.ackSeq());
        }
        if (oldest <= releaseSeq) {
            return;
        }
        for (long seq = releaseSeq; seq < oldest; seq++) {
            int i = index(seq);
            usedBytes -= ring[i].size();
            ring[i] = null;
        }
        releaseSeq = oldest;
        notFull.signalAll();
    }

    private StoreSubscription defaultSubscription() {
        return subscription(DEFAULT_SUBSCRIPTION, Optional.empty());
    }

    @Override
    public Batch get(int maxEntries, long timeoutNanos) throws InterruptedException {
        return defaultSubscription().get(maxEntries, timeoutNanos);
    }

    @Override
    public Batch poll(int maxEntries) {
        return defaultSubscription().poll(maxEntries);
    }

    @Override
    public void onAvailable(Runnable listener) {
        defaultSubscription().onAvailable(listener);
    }

    @Override
    public Cursor ack(long batchId) {
        return defaultSubscription().ack(batchId);
    }

    @Override
    public void rollback() {
        defaultSubscription().rollback();
    }

    /** The default subscription's; empty without creating it when it does not exist. */
    @Override
    public List<Long> outstandingBatches() {
        return existingDefault().map(StoreSubscription::outstandingBatches).orElse(List.of());
    }

    /** The default subscription's; empty without creating it when it does not exist. */
    @Override
    public Optional<Cursor> ackedCursor() {
        return existingDefault().flatMap(StoreSubscription::ackedCursor);
    }

    private Optional<StoreSubscription> existingDefault() {
        lock.lock();
        try {
            return Optional.ofNullable(subscriptions.get(DEFAULT_SUBSCRIPTION));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int outstandingBatchCount() {
        lock.lock();
        try {
            int count = 0;
            for (RingSubscription subscription : subscriptions.values()) {
                count += subscription.outstandingCount();
            }
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int entryCount() {
        lock.lock();
        try {
            return (int) (putSeq - releaseSeq);
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

    String destination() {
        return destination;
    }

    StoreConfig config() {
        return config;
    }

    /** The entry at {@code seq}; only for sequences held, under the lock. */
    ChangeEvent entry(long seq) {
        return ring[index(seq)];
    }

    long putSeq() {
        return putSeq;
    }

    boolean producerWaiting() {
        return producerWaiting;
    }

    private int index(long seq) {
        return (int) (seq & mask);
    }

    void ensureRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("store of destination " + destination + " is not running");
        }
    }

    /** A subscription id fit for a log line: control characters as '?', at most 128 characters. */
    private static String printable(String id) {
        String cut = id.length() > 128 ? id.substring(0, 128) + "..." : id;
        return cut.isEmpty() ? "(default)" : cut.replaceAll("\\p{Cntrl}", "?");
    }
}
