package io.collector.server.snapshot;

import io.collector.server.position.LogPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot's persisted state: where it was taken, which tables it reads in which order, the chunk ends it may
 * resume after, the highest id it handed out, and whether every table was read. Written before each chunk is
 * handed on, so a restarted snapshot never reuses an id.
 *
 * @param journal       binlog file of the snapshot's position
 * @param offset        binlog offset of the snapshot's position
 * @param gtidSet       GTID position there ("" outside GTID mode)
 * @param tables        qualified names, in reading order
 * @param marks         chunk ends, oldest first (pruned: those a consumer acknowledged, but the newest of them)
 * @param lastIssuedId  highest id given to an entry so far
 * @param complete      whether every table was read
 * @param estimatedRows the tables' row estimate from information_schema, for the progress percentage
 */
public record SnapshotProgress(String journal, long offset, String gtidSet, List<String> tables, List<ChunkMark> marks,
                               long lastIssuedId, boolean complete, long estimatedRows) {

    public SnapshotProgress {
        tables = List.copyOf(tables);
        marks = List.copyOf(marks);
    }

    LogPosition position() {
        return new LogPosition(journal, offset, 0, 0, gtidSet);
    }

    boolean takenAt(LogPosition p) {
        return journal.equals(p.journal()) && offset == p.offset();
    }

    /** The newest mark whose last entry a consumer holding {@code ackedId} acknowledged, or null. */
    ChunkMark resumeMark(long ackedId) {
        ChunkMark found = null;
        for (ChunkMark m : marks) {
            if (m.lastEntryId() <= ackedId) {
                found = m;
            }
        }
        return found;
    }

    /** This progress with one more mark, keeping of those at or below {@code ackedHint} only the newest. */
    SnapshotProgress withMark(ChunkMark mark, long issued, long ackedHint) {
        List<ChunkMark> kept = new ArrayList<>();
        ChunkMark newestAcked = resumeMark(ackedHint);
        for (ChunkMark m : marks) {
            if (m.lastEntryId() > ackedHint || m == newestAcked) {
                kept.add(m);
            }
        }
        if (mark != null) {
            kept.add(mark);
        }
        return new SnapshotProgress(journal, offset, gtidSet, tables, kept, issued, complete, estimatedRows);
    }

    /**
     * This progress as a snapshot resumed by a consumer holding {@code ackedId} continues it: not complete, ids
     * handed out up to {@code issued}, and of the marks only the one it resumes after. The marks of chunks that
     * were read but not acknowledged go: the resumed snapshot reads those keys again, so they are no resume
     * points any more.
     */
    SnapshotProgress resumedAt(long ackedId, long issued) {
        ChunkMark from = resumeMark(ackedId);
        return new SnapshotProgress(journal, offset, gtidSet, tables, from == null ? List.of() : List.of(from), issued,
                false, estimatedRows);
    }

    /** Whether a consumer holding {@code ackedId} acknowledged every snapshot row. */
    boolean acknowledged(long ackedId) {
        return complete && (marks.isEmpty() || marks.get(marks.size() - 1).lastEntryId() <= ackedId);
    }

    SnapshotProgress completed() {
        return new SnapshotProgress(journal, offset, gtidSet, tables, marks, lastIssuedId, true, estimatedRows);
    }
}
