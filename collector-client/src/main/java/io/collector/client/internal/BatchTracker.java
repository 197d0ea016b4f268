package io.collector.client.internal;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers which batch ids the current connection delivered and which ones an earlier connection delivered,
 * so that an ack of a batch the reconnect rolled back can be refused clearly instead of acknowledging
 * something else. Ids are only longs: if a new connection delivers an id that is also stale (a restarted
 * server counting again), the new delivery wins.
 *
 * <p>Confined to the client's event loop; not thread-safe.
 */
final class BatchTracker {

    /** Verdict on an ack or rollback of one batch. */
    enum Verdict { SEND, STALE }

    static final int MAX_STALE = 4096;

    private final Set<Long> outstanding = new LinkedHashSet<>();
    private final Set<Long> stale = new LinkedHashSet<>();

    /** Records a batch delivered on the current connection. */
    void delivered(long batchId) {
        if (batchId > 0) {
            stale.remove(batchId);
            outstanding.add(batchId);
        }
    }

    /** Decides on an ack; an acknowledged batch is forgotten, a stale one stays stale. */
    Verdict ack(long batchId) {
        if (outstanding.remove(batchId)) {
            return Verdict.SEND;
        }
        return stale.contains(batchId) ? Verdict.STALE : Verdict.SEND;
    }

    /** Decides on a rollback of one batch (0 for all); a stale batch was rolled back by the reconnect already. */
    Verdict rollback(long batchId) {
        if (batchId == 0) {
            outstanding.clear();
            stale.clear();
            return Verdict.SEND;
        }
        if (!outstanding.remove(batchId) && stale.remove(batchId)) {
            return Verdict.STALE;
        }
        return Verdict.SEND;
    }

    /** Turns every outstanding batch stale: the connection that delivered them is gone. */
    void connectionLost() {
        stale.addAll(outstanding);
        outstanding.clear();
        for (Iterator<Long> oldest = stale.iterator(); stale.size() > MAX_STALE; ) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets the outstanding batches: the server delivers them again after a rollback of all. */
    void rolledBackAll() {
        outstanding.clear();
    }

    boolean isStale(long batchId) {
        return stale.contains(batchId);
    }

    boolean isOutstanding(long batchId) {
        return outstanding.contains(batchId);
    }
}
