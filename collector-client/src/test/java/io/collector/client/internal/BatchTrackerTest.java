package io.collector.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.internal.BatchTracker.Verdict;
import org.junit.jupiter.api.Test;

class BatchTrackerTest {

    private final BatchTracker tracker = new BatchTracker();

    @Test
    void batchesOfTheCurrentConnectionAreSent() {
        tracker.delivered(1);
        assertThat(tracker.ack(1)).isEqualTo(Verdict.SEND);
        assertThat(tracker.isOutstanding(1)).isFalse();
        assertThat(tracker.ack(99)).isEqualTo(Verdict.SEND);
    }

    @Test
    void batchesOfALostConnectionStayStaleUntilRolledBack() {
        tracker.delivered(1);
        tracker.delivered(2);
        tracker.connectionLost();
        assertThat(tracker.ack(1)).isEqualTo(Verdict.STALE);
        assertThat(tracker.ack(1)).isEqualTo(Verdict.STALE);
        assertThat(tracker.rollback(1)).isEqualTo(Verdict.STALE);
        assertThat(tracker.ack(1)).isEqualTo(Verdict.SEND);
        assertThat(tracker.rollback(2)).isEqualTo(Verdict.STALE);
    }

    @Test
    void aNewDeliveryOfTheSameIdWins() {
        tracker.delivered(1);
        tracker.connectionLost();
        tracker.delivered(1);
        assertThat(tracker.ack(1)).isEqualTo(Verdict.SEND);
    }

    @Test
    void rollbackOfAllForgetsEverything() {
        tracker.delivered(1);
        tracker.connectionLost();
        tracker.delivered(2);
        assertThat(tracker.rollback(0)).isEqualTo(Verdict.SEND);
        assertThat(tracker.isStale(1)).isFalse();
        assertThat(tracker.isOutstanding(2)).isFalse();
    }

    @Test
    void staleIdsAreBounded() {
        for (long id = 1; id <= BatchTracker.MAX_STALE + 10; id++) {
            tracker.delivered(id);
        }
        tracker.connectionLost();
        assertThat(tracker.isStale(1)).isFalse();
        assertThat(tracker.isStale(BatchTracker.MAX_STALE + 10)).isTrue();
    }
}
