package io.collector.server.publish;

import io.collector.server.position.Cursor;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of a publisher's progress and health.
 *
 * @param phase     what it is doing
 * @param lastError the message of the last delivery error while {@code phase} is RETRYING, FENCED or FAILED;
 *                  null otherwise
 * @param batches   store batches delivered and acknowledged since start
 * @param records   records delivered since start
 * @param rows      rows delivered since start
 * @param cursor    the cursor after the last acknowledged batch, or null before the first
 * @param since     when {@code phase} was entered
 */
public record PublisherStatus(Phase phase, String lastError, long batches, long records, long rows, Cursor cursor,
                              Instant since) {

    /** Phases of a publisher. */
    public enum Phase {
        /** Connecting, and for exactly-once fencing older producers and reading the committed position. */
        STARTING,
        /** Delivering batches. */
        PUBLISHING,
        /** The last attempt failed; waiting to try the same batch again. */
        RETRYING,
        /** Another process took over the destination's transactional producer; stopped. */
        FENCED,
        /** Stopped by an error retrying cannot cure. */
        FAILED,
        /** Stopped. */
        STOPPED
    }

    public PublisherStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(since, "since");
    }

    /** The status of a publisher that has not started yet. */
    public static PublisherStatus starting(Instant now) {
        return new PublisherStatus(Phase.STARTING, null, 0, 0, 0, null, now);
    }

    /** This status in another phase, with {@code error} (null to clear it). */
    public PublisherStatus moveTo(Phase next, String error, Instant now) {
        return new PublisherStatus(next, error, batches, records, rows, cursor, next == phase ? since : now);
    }

    /** This status after one more delivered batch. */
    public PublisherStatus delivered(long batchRecords, long batchRows, Cursor after, Instant now) {
        return new PublisherStatus(Phase.PUBLISHING, null, batches + 1, records + batchRecords, rows + batchRows,
                after, phase == Phase.PUBLISHING ? since : now);
    }
}
