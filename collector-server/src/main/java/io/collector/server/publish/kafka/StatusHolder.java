package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import io.collector.server.publish.PublisherStatus;
import io.collector.server.publish.PublisherStatus.Phase;
import java.time.Clock;

/** The publisher's current {@link PublisherStatus}, written by its thread and read by anyone. */
final class StatusHolder {

    private final Clock clock;
    private volatile PublisherStatus status;

    StatusHolder(Clock clock) {
        this.clock = clock;
        this.status = PublisherStatus.starting(clock.instant());
    }

    PublisherStatus get() {
        return status;
    }

    synchronized void moveTo(Phase phase, String error) {
        if (status.phase() == Phase.FENCED || status.phase() == Phase.FAILED) {
            return;
        }
        status = status.moveTo(phase, error, clock.instant());
    }

    synchronized void delivered(long records, long rows, Cursor cursor) {
        status = status.delivered(records, rows, cursor, clock.instant());
    }
}
