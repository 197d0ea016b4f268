package io.collector.server.store;

import java.util.function.LongSupplier;

/**
 * When each entry of a {@link MemoryEventStore}'s ring was put and how many bytes were put before it, so the
 * store can tell how far a subscription lags behind the most advanced one: the entries and bytes it holds that the
 * other already acknowledged, and the age of its oldest unacknowledged entry. Lag is measured against the most
 * advanced subscription, not the producer: when all of them are behind the producer together (a catch-up faster
 * than every client), detaching one would help no one. Without limits set, the lag limits are half the store's
 * bounds. Used only under the {@link SubscriptionLimits.LagPolicy#DETACH detach} policy, under the store's lock.
 */
final class LagMonitor {

    private final SubscriptionLimits limits;
    private final int maxEntries;
    private final long maxBytes;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    private final long[] putNanos;
    private final long[] bytesBefore;
    private final int mask;
    private long bytesPut;

    LagMonitor(SubscriptionLimits limits, StoreConfig config, int ringSize, LongSupplier nanoTime) {
        this.limits = limits;
        this.maxEntries = limits.maxLagEntries() > 0 ? limits.maxLagEntries()
                : Math.max(1, config.capacityEntries() / 2);
        this.maxBytes = limits.maxLagBytes() > 0 ? limits.maxLagBytes() : Math.max(1, config.capacityBytes() / 2);
        this.maxNanos = limits.maxLagTime().isZero() ? Long.MAX_VALUE : limits.maxLagTime().toNanos();
        this.nanoTime = nanoTime;
        this.putNanos = new long[ringSize];
        this.bytesBefore = new long[ringSize];
        this.mask = ringSize - 1;
    }

    SubscriptionLimits limits() {
        return limits;
    }

    /** Entry {@code seq} of {@code size} bytes was put now. */
    void put(long seq, int size, long now) {
        int i = (int) (seq & mask);
        putNanos[i] = now;
        bytesBefore[i] = bytesPut;
        bytesPut += size;
    }

    long now() {
        return nanoTime.getAsLong();
    }

    /**
     * Why a subscription whose first unacknowledged entry is {@code ackSeq} lags beyond the limits behind the most
     * advanced subscription, whose first unacknowledged entry is {@code leadSeq}; or null.
     *
     * @param divisor 1 to test the limits, 2 to test half of them (whether a rejoin would stay clear of them)
     */
    String beyond(long ackSeq, long leadSeq, long putSeq, int divisor) {
        if (ackSeq >= leadSeq) {
            return null;
        }
        long entries = leadSeq - ackSeq;
        if (entries >= Math.max(1, maxEntries / divisor)) {
            return entries + " entries behind the most advanced subscription (limit " + maxEntries + ")";
        }
        long leadBytes = leadSeq == putSeq ? bytesPut : bytesBefore[(int) (leadSeq & mask)];
        long bytes = leadBytes - bytesBefore[(int) (ackSeq & mask)];
        if (bytes >= Math.max(1, maxBytes / divisor)) {
            return bytes + " bytes behind the most advanced subscription (limit " + maxBytes + ")";
        }
        long age = now() - putNanos[(int) (ackSeq & mask)];
        if (maxNanos != Long.MAX_VALUE && age >= maxNanos / divisor) {
            return "oldest unacknowledged entry stored " + age / 1_000_000 + " ms ago (limit " + maxNanos / 1_000_000
                    + " ms)";
        }
        return null;
    }
}
