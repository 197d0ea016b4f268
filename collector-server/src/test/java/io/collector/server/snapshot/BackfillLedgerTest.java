package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unfinished backfills kept in a destination's data directory: what a started destination runs again, when a
 * backfill is forgotten, and that a backfill id is started once.
 */
class BackfillLedgerTest {

    private static final BackfillRequest FIRST = new BackfillRequest("sig-1", "shop.orders", "");
    private static final BackfillRequest SECOND = new BackfillRequest("sig-2", "shop.items", "id > 10");

    @TempDir
    Path dir;
    private final AtomicLong acked = new AtomicLong(-1);

    private BackfillLedger ledger() {
        return new BackfillLedger(new FileSnapshotProgressStore<>(dir, ProgressKind.BACKFILLS), acked::get);
    }

    @Test
    void aStartedDestinationRunsTheUnfinishedBackfillsAgainInOrder() {
        BackfillLedger before = ledger();
        assertThat(before.resume()).isEmpty();
        assertThat(Files.exists(dir.resolve("backfill.json"))).as("nothing written without a backfill").isFalse();
        assertThat(before.add(FIRST)).isTrue();
        assertThat(before.add(SECOND)).isTrue();

        List<BackfillBacklog.Pending> resumed = ledger().resume();

        assertThat(resumed).extracting(BackfillBacklog.Pending::request).containsExactly(FIRST, SECOND);
        assertThat(resumed).extracting(BackfillBacklog.Pending::resumed).containsExactly(1, 1);
        assertThat(ledger().resume()).extracting(BackfillBacklog.Pending::resumed).containsExactly(2, 2);
    }

    @Test
    void aSignalReadAgainDoesNotStartTheSameBackfillTwice() {
        BackfillLedger ledger = ledger();
        ledger.resume();
        assertThat(ledger.add(FIRST)).isTrue();
        assertThat(ledger.add(new BackfillRequest("sig-1", "shop.orders", ""))).isFalse();
        assertThat(ledger.backlog().backfills()).hasSize(1);

        BackfillLedger restarted = ledger();
        assertThat(restarted.resume()).hasSize(1);
        assertThat(restarted.add(FIRST)).as("the signal read again after a restart").isFalse();
        assertThat(restarted.add(SECOND)).isTrue();
    }

    @Test
    void aFinishedBackfillIsForgottenOnceItsLastEntryIsAcknowledged() {
        BackfillLedger ledger = ledger();
        ledger.resume();
        ledger.add(FIRST);
        ledger.add(SECOND);
        acked.set(100);
        ledger.emitted("sig-1", 150);
        assertThat(ledger().resume()).as("emitted, not acknowledged: runs again, from its first chunk")
                .extracting(BackfillBacklog.Pending::id, BackfillBacklog.Pending::lastId)
                .containsExactly(tuple("sig-1", -1L),
                        tuple("sig-2", -1L));

        BackfillLedger next = ledger();
        next.resume();
        next.emitted("sig-1", 150);
        acked.set(150);
        assertThat(ledger().resume()).extracting(BackfillBacklog.Pending::id).containsExactly("sig-2");
    }

    @Test
    void aFailedBackfillIsNotRunAgain() {
        BackfillLedger ledger = ledger();
        ledger.resume();
        ledger.add(FIRST);
        ledger.failed("sig-1");
        assertThat(ledger().resume()).isEmpty();
    }

    @Test
    void theBacklogsOwnFileLeavesTheSnapshotProgressAlone() {
        BackfillLedger ledger = ledger();
        ledger.resume();
        ledger.add(FIRST);
        assertThat(Files.exists(dir.resolve("backfill.json"))).isTrue();
        assertThat(new FileSnapshotProgressStore<>(dir, ProgressKind.SNAPSHOT).load()).isEmpty();
    }
}
