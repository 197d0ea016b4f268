package io.collector.server.snapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A destination's {@link BackfillBacklog}, kept durable in its progress store: a backfill is written there when it
 * is asked for (before the signal row goes on to the consumers), marked with its last entry's id when its last
 * chunk was emitted, and removed when it failed, or at a start of the destination once the consumers' stored
 * cursors cover that id (at a start they are the durable ones the destination resumes from). Also remembers every
 * backfill id it saw, so a signal row read again from the binlog does not start the same backfill twice. Called
 * from the conversion and the backfill thread.
 */
final class BackfillLedger {

    private final SnapshotProgressStore<BackfillBacklog> store;
    private final LongSupplier ackedId;
    private final Set<String> seen = new HashSet<>();
    private BackfillBacklog backlog = BackfillBacklog.EMPTY;

    /** @param ackedId the id up to which every consumer's stored cursor acknowledged (-1: none known) */
    BackfillLedger(SnapshotProgressStore<BackfillBacklog> store, LongSupplier ackedId) {
        this.store = store;
        this.ackedId = ackedId;
    }

    /**
     * Loads the stored backlog (call once, before anything else) and returns the backfills to run again, oldest
     * first: those not finished, and those finished whose last entry was not acknowledged.
     */
    synchronized List<BackfillBacklog.Pending> resume() {
        BackfillBacklog stored = store.load().orElse(BackfillBacklog.EMPTY);
        stored.backfills().forEach(p -> seen.add(p.id()));
        backlog = stored.acknowledged(ackedId.getAsLong()).resumed();
        if (!backlog.equals(stored)) {
            store.save(backlog);
        }
        return backlog.backfills();
    }

    /** Records a new backfill; false (and nothing recorded) when its id was seen before. */
    synchronized boolean add(BackfillRequest request) {
        if (!seen.add(request.id())) {
            return false;
        }
        save(backlog.with(request));
        return true;
    }

    /** The backfill's last chunk was emitted, its last entry with id {@code lastId}. */
    synchronized void emitted(String id, long lastId) {
        save(backlog.done(id, lastId));
    }

    /** The backfill failed: it is not run again. */
    synchronized void failed(String id) {
        save(backlog.without(id));
    }

    synchronized BackfillBacklog backlog() {
        return backlog;
    }

    private void save(BackfillBacklog next) {
        if (!next.equals(backlog)) {
            store.save(next);
            backlog = next;
        }
    }
}
