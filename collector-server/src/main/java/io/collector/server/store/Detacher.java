package io.collector.server.store;

import io.collector.server.position.Cursor;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detach policy of a {@link MemoryEventStore}: which client subscriptions lag beyond the limits behind the most
 * advanced one (the store's default subscription, the Kafka publisher, never detaches), and where a detached one
 * rejoins the ring. Called under the store's lock.
 */
final class Detacher {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryEventStore.class);

    private final MemoryEventStore store;
    private final LagMonitor lag;

    Detacher(MemoryEventStore store, LagMonitor lag) {
        this.store = store;
        this.lag = lag;
    }

    /** Under detach: detaches every client subscription beyond a lag limit behind the most advanced one. */
    void detachLaggards(Collection<RingSubscription> subscriptions) {
        long lead = leadSeq(subscriptions);
        for (RingSubscription s : List.copyOf(subscriptions)) {
            String why = detachable(s) ? lag.beyond(s.ackSeq(), lead, store.ring().putSeq(), 1) : null;
            if (why != null) {
                detach(s, why);
            }
        }
    }

    private static boolean detachable(RingSubscription s) {
        return s.attached() && !s.id().equals(MemoryEventStore.DEFAULT_SUBSCRIPTION);
    }

    /** The first unacknowledged entry of the most advanced attached client subscription; putSeq if none. */
    private long leadSeq(Collection<RingSubscription> subscriptions) {
        long lead = -1;
        for (RingSubscription s : subscriptions) {
            if (detachable(s)) {
                lead = Math.max(lead, s.ackSeq());
            }
        }
        return lead < 0 ? store.ring().putSeq() : lead;
    }

    private void detach(RingSubscription s, String why) {
        Cursor from = s.resumeCursor();
        if (from == null || !store.catchUps().canStartAfter(from)) {
            if (s.firstCannotDetach()) {
                String reason = from == null ? "no position to catch up from is known"
                        : "its cursor " + from + " is not in the binlog";
                LOG.warn("[destination={}] subscription {} lags ({}) but cannot detach: {}; it holds the store as"
                        + " under the block policy", store.destination(), MemoryEventStore.printable(s.id()), why,
                        reason);
            }
            return;
        }
        s.detach(from);
        LOG.warn("[destination={}] subscription {} detached from the shared store: {}; it no longer holds the others"
                + " back, and catches up after {} with its own binlog reader when it reads again", store.destination(),
                MemoryEventStore.printable(s.id()), why, from);
        store.released();
    }

    /**
     * Where a detached subscription that delivered up to entry id {@code lastId} rejoins the ring: the sequence of
     * the entry after it, when the ring holds that entry's predecessor and the rejoined subscription would lag less
     * than half the limits behind the most advanced one; else -1. Under the lock.
     */
    long rejoinSeq(long lastId, Collection<RingSubscription> subscriptions) {
        Ring ring = store.ring();
        long putSeq = ring.putSeq();
        long evictSeq = ring.evictSeq();
        if (evictSeq == putSeq || ring.entry(evictSeq).globalId() > lastId
                || ring.entry(putSeq - 1).globalId() < lastId) {
            return -1;
        }
        long low = evictSeq;
        long high = putSeq;
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (ring.entry(mid).globalId() > lastId) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return lag.beyond(low, Math.max(low, leadSeq(subscriptions)), putSeq, 2) == null ? low : -1;
    }
}
