package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.FencedException;
import io.collector.server.testing.ZkTesting;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot progress and unfinished backfills in a real in-process ZooKeeper: kept for the next leader, never
 * written by a former one.
 */
class ZkSnapshotProgressStoreTest {

    private TestingServer server;
    private CuratorFramework client;

    @BeforeEach
    void start() throws Exception {
        server = ZkTesting.server();
        client = ZkTesting.client(server);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static SnapshotProgress progress(long issued) {
        return new SnapshotProgress("mysql-bin.000003", 4, "0-1-7", List.of("a.t"),
                List.of(new ChunkMark(0, List.of("5"), issued, 5, false)), issued, false, 10);
    }

    private ZkSnapshotProgressStore<SnapshotProgress> store(String destination, BooleanSupplier mayWrite) {
        return new ZkSnapshotProgressStore<>(client, destination, mayWrite, ProgressKind.SNAPSHOT);
    }

    @Test
    void theNextLeaderReadsWhatThisOneWrote() {
        ZkSnapshotProgressStore<SnapshotProgress> leader = store("d1", () -> true);
        assertThat(leader.load()).isEmpty();
        leader.save(progress(10));
        leader.save(progress(20));

        assertThat(store("d1", () -> true).load()).contains(progress(20));
        assertThat(store("d2", () -> true).load()).isEmpty();
    }

    @Test
    void aServerThatLostLeadershipOrWasOvertakenIsFenced() {
        AtomicBoolean leads = new AtomicBoolean(true);
        ZkSnapshotProgressStore<SnapshotProgress> former = store("d1", leads::get);
        former.load();
        former.save(progress(10));
        ZkSnapshotProgressStore<SnapshotProgress> next = store("d1", () -> true);
        next.load();
        next.save(progress(30));

        assertThatThrownBy(() -> former.save(progress(11))).isInstanceOf(FencedException.class);
        leads.set(false);
        assertThatThrownBy(() -> former.save(progress(12))).isInstanceOf(FencedException.class)
                .hasMessageContaining("does not lead");
        assertThat(next.load()).contains(progress(30));
    }

    @Test
    void unfinishedBackfillsHaveTheirOwnZnodeBesideTheSnapshotProgress() {
        store("d1", () -> true).save(progress(10));
        BackfillBacklog backlog = BackfillBacklog.EMPTY.with(new BackfillRequest("sig-1", "a.t", "id > 3"))
                .done("sig-1", 99).with(new BackfillRequest("sig-2", "a.u", ""));
        var backfills = new ZkSnapshotProgressStore<>(client, "d1", () -> true, ProgressKind.BACKFILLS);
        assertThat(backfills.load()).isEmpty();
        backfills.save(backlog);

        assertThat(new ZkSnapshotProgressStore<>(client, "d1", () -> true, ProgressKind.BACKFILLS).load())
                .contains(backlog);
        assertThat(store("d1", () -> true).load()).contains(progress(10));
    }
}
