package io.collector.server.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The backfills a destination was asked for and has not finished, in the order asked, as kept beside its cursors
 * ({@link ProgressKind#BACKFILLS}): a started destination runs them again, each from its first chunk. A backfill
 * stays here after its last chunk was emitted until a consumer acknowledged that chunk's last id.
 *
 * @param backfills oldest first
 */
public record BackfillBacklog(List<Pending> backfills) {

    /** Nothing pending. */
    public static final BackfillBacklog EMPTY = new BackfillBacklog(List.of());

    /**
     * One backfill: its request, the globalId of the last entry it emitted once its last chunk was emitted (-1
     * before), and how often a start of the destination resumed it.
     */
    public record Pending(String id, String table, String where, long lastId, int resumed) {

        BackfillRequest request() {
            return new BackfillRequest(id, table, where);
        }
    }

    public BackfillBacklog {
        backfills = List.copyOf(backfills);
    }

    boolean contains(String id) {
        return backfills.stream().anyMatch(p -> p.id().equals(id));
    }

    /** This backlog with {@code request} appended. */
    BackfillBacklog with(BackfillRequest request) {
        List<Pending> next = new ArrayList<>(backfills);
        next.add(new Pending(request.id(), request.table(), request.where(), -1, 0));
        return new BackfillBacklog(next);
    }

    /** The backfill's last chunk was emitted; its last entry has id {@code lastId}. */
    BackfillBacklog done(String id, long lastId) {
        return new BackfillBacklog(backfills.stream()
                .map(p -> p.id().equals(id) ? new Pending(p.id(), p.table(), p.where(), lastId, p.resumed()) : p)
                .toList());
    }

    BackfillBacklog without(String id) {
        return new BackfillBacklog(backfills.stream().filter(p -> !p.id().equals(id)).toList());
    }

    /** Without the backfills that were done and whose last entry a consumer holding {@code ackedId} acknowledged. */
    BackfillBacklog acknowledged(long ackedId) {
        return new BackfillBacklog(backfills.stream().filter(p -> p.lastId() < 0 || p.lastId() > ackedId).toList());
    }

    /** Every backfill as a started destination runs it again: from its first chunk, resumed once more. */
    BackfillBacklog resumed() {
        return new BackfillBacklog(backfills.stream()
                .map(p -> new Pending(p.id(), p.table(), p.where(), -1, p.resumed() + 1)).toList());
    }
}
