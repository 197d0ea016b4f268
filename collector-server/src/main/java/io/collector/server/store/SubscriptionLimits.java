package io.collector.server.store;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link MemoryEventStore} does with subscriptions that lag or go unused.
 *
 * @param policy          {@link LagPolicy#BLOCK}: the slowest subscription holds the producer back;
 *                        {@link LagPolicy#DETACH}: one beyond a limit leaves the shared ring and catches up with its
 *                        own reader
 * @param maxLagEntries   under detach, most entries a subscription may leave unacknowledged (0: only a full store)
 * @param maxLagBytes     under detach, most bytes a subscription may leave unacknowledged (0: only a full store)
 * @param maxLagTime      under detach, longest a stored entry may wait for a subscription's ack (zero: no limit)
 * @param expiry          a subscription unused (no get, ack or rollback) that long is removed (zero: never)
 */
public record SubscriptionLimits(LagPolicy policy, int maxLagEntries, long maxLagBytes, Duration maxLagTime,
                                 Duration expiry) {

    /** Block, no expiry: the behaviour of a store without limits. */
    public static final SubscriptionLimits DEFAULT = new SubscriptionLimits(LagPolicy.BLOCK, 0, 0, Duration.ZERO,
            Duration.ZERO);

    /** What a lagging subscription does to the others. */
    public enum LagPolicy { BLOCK, DETACH }

    public SubscriptionLimits {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(maxLagTime, "maxLagTime");
        Objects.requireNonNull(expiry, "expiry");
        if (maxLagEntries < 0 || maxLagBytes < 0 || maxLagTime.isNegative() || expiry.isNegative()) {
            throw new IllegalArgumentException("subscription limits must not be negative: " + maxLagEntries + ", "
                    + maxLagBytes + ", " + maxLagTime + ", " + expiry);
        }
    }

    public boolean detach() {
        return policy == LagPolicy.DETACH;
    }

    /** This policy with another expiry. */
    public SubscriptionLimits withExpiry(Duration other) {
        return new SubscriptionLimits(policy, maxLagEntries, maxLagBytes, maxLagTime, other);
    }
}
