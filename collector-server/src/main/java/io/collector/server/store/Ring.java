package io.collector.server.store;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;

/**
 * The entry array of a {@link MemoryEventStore} and its memory accounting: the entries present, numbered from
 * {@code evictSeq} (the oldest) up to {@code putSeq} (the next to write), the bytes they count, the room left under
 * the store's entry and byte capacities, and their eviction. Which entries may leave is the store's decision (its
 * {@code releaseSeq}); this class only frees them. Not thread-safe: guarded by the store's lock.
 */
final class Ring {

    private final ChangeEvent[] entries;
    private final int mask;
    private final int capacityEntries;
    private final long capacityBytes;
    private long putSeq;
    private long evictSeq;
    /** The cursor of the last entry that left the ring, null before any did. */
    private Cursor evictedCursor;
    private long usedBytes;

    Ring(StoreConfig config) {
        this.entries = new ChangeEvent[arraySize(config.capacityEntries())];
        this.mask = entries.length - 1;
        this.capacityEntries = config.capacityEntries();
        this.capacityBytes = config.capacityBytes();
    }

    private static int arraySize(int capacity) {
        return capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    }

    /** The length of the entry array: the capacity rounded up to a power of two. */
    int length() {
        return entries.length;
    }

    /** The sequence of the next entry to write. */
    long putSeq() {
        return putSeq;
    }

    /** The oldest entry present in the ring. */
    long evictSeq() {
        return evictSeq;
    }

    /** Entries present. */
    int size() {
        return (int) (putSeq - evictSeq);
    }

    long usedBytes() {
        return usedBytes;
    }

    /** The entry at {@code seq}; only for sequences present. */
    ChangeEvent entry(long seq) {
        return entries[index(seq)];
    }

    /** Writes {@code event} at {@code putSeq}; the caller made space for it first. */
    void append(ChangeEvent event) {
        entries[index(putSeq++)] = event;
        usedBytes += event.size();
    }

    /**
     * Whether an entry of {@code size} bytes fits, once entries before {@code releaseSeq} (acknowledged by every
     * attached subscription, kept for rejoining) left if need be.
     */
    boolean makeSpace(int size, long releaseSeq) {
        while (!hasSpace(size) && evictSeq < releaseSeq) {
            evict(evictSeq + 1);
        }
        return hasSpace(size);
    }

    private boolean hasSpace(int size) {
        long present = putSeq - evictSeq;
        return present == 0 || present < capacityEntries && usedBytes + size <= capacityBytes;
    }

    /** Removes the entries before {@code seq} from the ring. */
    void evict(long seq) {
        evictedCursor = entries[index(seq - 1)].cursor();
        for (long s = evictSeq; s < seq; s++) {
            int i = index(s);
            usedBytes -= entries[i].size();
            entries[i] = null;
        }
        evictSeq = seq;
    }

    /** The cursor before the entry at {@code seq}: of the entry before it, or of the last one evicted; or null. */
    Cursor cursorBefore(long seq) {
        if (seq > evictSeq) {
            return entry(seq - 1).cursor();
        }
        return seq == evictSeq ? evictedCursor : null;
    }

    private int index(long seq) {
        return (int) (seq & mask);
    }
}
