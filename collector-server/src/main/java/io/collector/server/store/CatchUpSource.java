package io.collector.server.store;

import io.collector.server.position.Cursor;

/**
 * Starts the readers a {@link MemoryEventStore} gives its detached subscriptions (policy
 * {@link SubscriptionLimits.LagPolicy#DETACH}): each reads the source again from the subscription's own cursor
 * into a private store, with the same entries and global ids as the shared stream.
 */
public interface CatchUpSource {

    /** No catch-up readers: no subscription ever detaches. */
    CatchUpSource NONE = new CatchUpSource() {
        @Override
        public boolean canStartAfter(Cursor from) {
            return false;
        }

        @Override
        public CatchUpReader open(String subscription, Cursor from) {
            throw new IllegalStateException("no catch-up reader for subscription " + subscription);
        }
    };

    /** Whether a reader can deliver exactly the entries after {@code from} (not, e.g., from inside a snapshot). */
    boolean canStartAfter(Cursor from);

    /** Starts a reader of the entries after {@code from}, on threads of its own; never blocks for long. */
    CatchUpReader open(String subscription, Cursor from);

    /** A running catch-up reader and the private store it fills. */
    interface CatchUpReader {

        /** The private store, started, filled by this reader only. */
        EventStore store();

        /** Why the reader stopped by itself, or null while it reads. */
        Throwable failure();

        /** Stops the reader and its store; idempotent; waits for the reader's thread about a second at most. */
        void close();
    }
}
