package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.position.Cursor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 * <p>Under the {@linkplain SubscriptionLimits.LagPolicy#DETACH detach} policy a client subscription beyond its lag
 * limits behind the most advanced one is detached at the next put ({@link Detacher}, {@link RingSubscription}); it
 * no longer holds the ring. Acknowledged entries then stay in the ring ({@code evictSeq} is the oldest present,
 * {@code releaseSeq} the oldest held) until {@code put} needs their space, so a catching-up subscription finds the
 * entry after its cursor there and rejoins. Under block, entries leave as soon as every subscription acknowledged them.
 *
 * <p>The {@link Ring} holds the entries and counts their memory, the {@link SubscriptionRegistry} the subscriptions;
 * this class decides what {@code releaseSeq} is and when the producer and the gets wait.
 *
 * <p>{@link #put} and the gets throw {@link IllegalStateException} when the store is not running: before
 * {@link #start()}, after {@link #stop()}, and when {@code stop()} wakes them while they wait. Acks, rollbacks,
 * subscription changes and the queries work in every state.
 */
public final class MemoryEventStore extends AbstractLifecycle implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryEventStore.class);
    /** The id of the subscription the store's own {@link StoreSubscription} methods use. */
    static final String DEFAULT_SUBSCRIPTION = "";
    /** How long the producer waits for space before a WARN names the subscriptions holding the store. */
    private static final long HELD_WARNING_NANOS = 30_000_000_000L;

    private final String destination;
    private final StoreConfig config;
    private final Ring ring;
    final ReentrantLock lock = new ReentrantLock();
    final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
    private final CatchUpSource catchUps;
    private final LongSupplier nanoTime;
    /** Lag bookkeeping under the detach policy; null under block. */
    private final LagMonitor lag;
    /** Detaches and rejoins subscriptions under the detach policy; null under block. */
    private final Detacher detacher;
    /** The oldest entry held; the ring's oldest present is below it only under detach (kept for rejoining). */
    private long releaseSeq;
    /** Whether {@code put} waits for space: waiting gets then take what there is, nothing more can come. */
    private boolean producerWaiting;

    /** A store whose subscriptions never detach (whatever the configured policy says). */
    public MemoryEventStore(String destination, StoreConfig config) {
        this(destination, config, CatchUpSource.NONE, System::nanoTime);
    }

    /**
     * @param catchUps where detached subscriptions get their readers (used under the detach policy)
     * @param nanoTime the clock of lag times and expiry
     */
    public MemoryEventStore(String destination, StoreConfig config, CatchUpSource catchUps, LongSupplier nanoTime) {
        this.destination = destination;
        this.config = config;
        this.ring = new Ring(config);
        this.catchUps = catchUps;
        this.nanoTime = nanoTime;
        boolean detach = config.subscriptions().detach() && catchUps != CatchUpSource.NONE;
        this.lag = detach ? new LagMonitor(config.subscriptions(), config, ring.length(), nanoTime) : null;
        this.detacher = detach ? new Detacher(this, lag) : null;
    }

    @Override
    protected void doStart() {
        LOG.info("[destination={}] store started: {} entries, {} bytes, ddl isolation {}, lagging subscriptions {}",
                destination, config.capacityEntries(), config.capacityBytes(), config.ddlIsolation(),
                lag != null ? "detach" : "block");
    }

    @Override
    protected void doStop() {
        List<CatchUpSource.CatchUpReader> readers;
        lock.lock();
        try {
            notFull.signalAll();
            notEmpty.signalAll();
            subscriptions.notifyAllAvailable();
            readers = subscriptions.takeReaders();
        } finally {
            lock.unlock();
        }
        readers.forEach(CatchUpSource.CatchUpReader::close);
        LOG.info("[destination={}] store stopped with {} entries held", destination, entryCount());
    }

    @Override
    public void put(List<ChangeEvent> events) throws InterruptedException {
        lock.lockInterruptibly();
        boolean ddl = false;
        try {
            ensureRunning();
            long now = lag != null ? lag.now() : 0;
            for (int i = 0, n = events.size(); i < n; i++) {
                ChangeEvent event = events.get(i);
                append(event, now);
                ddl |= event.ddl();
            }
        } finally {
            afterPut(ddl && config.ddlIsolation());
            lock.unlock();
        }
    }

    private void append(ChangeEvent event, long now) throws InterruptedException {
        int size = event.size();
        if (!makeSpace(size)) {
            awaitSpace(size);
        }
        if (lag != null) {
            lag.put(ring.putSeq(), size, now);
        }
        ring.append(event);
    }

    private void afterPut(boolean ddlIsolated) {
        subscriptions.arrived(ddlIsolated);
        released();
        if (detacher != null) {
            detacher.detachLaggards(subscriptions.all());
        }
    }

    private void awaitSpace(int size) throws InterruptedException {
        producerWaiting = true;
        try {
            while (!makeSpace(size)) {
                afterPut(false);
                subscriptions.wakeAll();
                if (makeSpace(size)) {
                    break;
                }
                if (notFull.awaitNanos(HELD_WARNING_NANOS) <= 0 && !makeSpace(size)) {
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
        List<String> holding = subscriptions.holding(releaseSeq);
        LOG.warn("[destination={}] store full ({} entries, {} bytes) for {} s: the parser waits for subscription(s)"
                + " {} to acknowledge; a client id that is gone for good holds the destination until it unsubscribes",
                destination, ring.putSeq() - releaseSeq, ring.usedBytes(), HELD_WARNING_NANOS / 1_000_000_000L,
                holding.isEmpty() ? "(none: no client id subscribed yet)" : holding);
    }

    /** Whether an entry of {@code size} bytes fits, once acknowledged entries kept for rejoining left if need be. */
    private boolean makeSpace(int size) {
        return ring.makeSpace(size, releaseSeq);
    }

    @Override
    public StoreSubscription subscription(String id, Optional<Cursor> acked) {
        lock.lock();
        try {
            RingSubscription subscription = subscriptions.get(id);
            if (subscription == null) {
                subscription = new RingSubscription(this, id, releaseSeq, acked);
                subscriptions.add(subscription);
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
            Optional.ofNullable(removed.close()).ifPresent(MemoryEventStore::closeLater);
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
        long oldest = subscriptions.oldestAttachedAck(ring.putSeq());
        if (oldest <= releaseSeq) {
            if (lag != null) {
                notFull.signalAll(); // a waiting producer checks whether a subscription now lags beyond the limits
            }
            return;
        }
        if (lag == null) {
            ring.evict(oldest);
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
        return locked(() -> Optional.ofNullable(subscriptions.get(DEFAULT_SUBSCRIPTION)));
    }

    @Override
    public int outstandingBatchCount() {
        return locked(subscriptions::outstandingCount);
    }

    @Override
    public int entryCount() {
        return locked(ring::size);
    }

    @Override
    public long byteCount() {
        return locked(ring::usedBytes);
    }

    @Override
    public List<SubscriptionState> subscriptionStates() {
        return locked(() -> subscriptions.states(nanoTime.getAsLong()));
    }

    /** What {@code query} returns, read under the lock. */
    private <T> T locked(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /** Under detach, the sequence at which a detached subscription rejoins; see {@link Detacher#rejoinSeq}. */
    long rejoinSeq(long lastId) {
        return detacher == null ? -1 : detacher.rejoinSeq(lastId, subscriptions.all());
    }

    /** Subscription {@code id} rejoined the ring at {@code seq}; under the lock. */
    void rejoined(String id, long seq, Cursor after) {
        releaseSeq = Math.min(releaseSeq, seq);
        LOG.info("[destination={}] subscription {} caught up and rejoined the shared store after {} ({} entries"
                + " behind the newest)", destination, printable(id), after, ring.putSeq() - seq);
    }

    CatchUpSource catchUps() {
        return catchUps;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    private static void closeLater(CatchUpSource.CatchUpReader reader) {
        Thread closer = new Thread(reader::close, "collector-catch-up-close");
        closer.setDaemon(true);
        closer.start();
    }

    String destination() {
        return destination;
    }

    StoreConfig config() {
        return config;
    }

    /** The entries; read only under the lock. */
    Ring ring() {
        return ring;
    }

    boolean producerWaiting() {
        return producerWaiting;
    }

    void ensureRunning() {
        if (!isRunning()) {
            throw new IllegalStateException("store of destination " + destination + " is not running");
        }
    }

    /** A subscription id fit for a log line: control characters as '?', at most 128 characters. */
    static String printable(String id) {
        String cut = id.length() > 128 ? id.substring(0, 128) + "..." : id;
        return cut.isEmpty() ? "(default)" : cut.replaceAll("\\p{Cntrl}", "?");
    }
}
