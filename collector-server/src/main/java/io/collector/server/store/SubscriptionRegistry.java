package io.collector.server.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriptions of a {@link MemoryEventStore} by id, in the order they were created, and what the store asks
 * of all of them at once: the oldest entry the attached ones still hold, which hold it, their outstanding batches
 * and states, waking them and taking their catch-up readers. Not thread-safe: guarded by the store's lock.
 */
final class SubscriptionRegistry {

    private final Map<String, RingSubscription> byId = new LinkedHashMap<>();

    RingSubscription get(String id) {
        return byId.get(id);
    }

    void add(RingSubscription subscription) {
        byId.put(subscription.id(), subscription);
    }

    /** Removes subscription {@code id}; returns it, or null when there was none. */
    RingSubscription remove(String id) {
        return byId.remove(id);
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The live view, in creation order. */
    Collection<RingSubscription> all() {
        return byId.values();
    }

    /** Entries were appended: each attached subscription passes over acknowledged ones and wakes if it may. */
    void arrived(boolean ddlIsolated) {
        for (RingSubscription subscription : byId.values()) {
            subscription.arrived(ddlIsolated);
        }
    }

    void wakeAll() {
        byId.values().forEach(RingSubscription::wake);
    }

    void notifyAllAvailable() {
        byId.values().forEach(RingSubscription::notifyAvailable);
    }

    /** The catch-up readers of the detached subscriptions, to stop as the store stops. */
    List<CatchUpSource.CatchUpReader> takeReaders() {
        List<CatchUpSource.CatchUpReader> readers = new ArrayList<>();
        for (RingSubscription subscription : byId.values()) {
            Optional.ofNullable(subscription.takeReader()).ifPresent(readers::add);
        }
        return readers;
    }

    /** The smallest first-unacknowledged sequence of the attached subscriptions; {@code putSeq} if none. */
    long oldestAttachedAck(long putSeq) {
        long oldest = putSeq;
        for (RingSubscription subscription : byId.values()) {
            if (subscription.attached()) {
                oldest = Math.min(oldest, subscription.ackSeq());
            }
        }
        return oldest;
    }

    /** The printable ids of the attached subscriptions whose first unacknowledged entry is {@code releaseSeq}. */
    List<String> holding(long releaseSeq) {
        List<String> holding = new ArrayList<>();
        for (RingSubscription subscription : byId.values()) {
            if (subscription.attached() && subscription.ackSeq() == releaseSeq) {
                holding.add(MemoryEventStore.printable(subscription.id()));
            }
        }
        return holding;
    }

    int outstandingCount() {
        int count = 0;
        for (RingSubscription subscription : byId.values()) {
            count += subscription.outstandingCount();
        }
        return count;
    }

    /** Every subscription's state at {@code now}, in creation order. */
    List<SubscriptionState> states(long now) {
        List<SubscriptionState> states = new ArrayList<>(byId.size());
        for (RingSubscription s : byId.values()) {
            SubscriptionState.Mode mode = s.attached() ? SubscriptionState.Mode.ATTACHED : s.catchingUp()
                    ? SubscriptionState.Mode.CATCHING_UP : SubscriptionState.Mode.DETACHED;
            states.add(new SubscriptionState(s.id(), mode, now - s.lastUsedNanos()));
        }
        return states;
    }
}
