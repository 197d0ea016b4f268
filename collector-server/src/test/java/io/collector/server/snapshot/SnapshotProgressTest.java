package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotProgressTest {

    @TempDir
    Path dir;

    private static SnapshotProgress progress(ChunkMark... marks) {
        return new SnapshotProgress("mysql-bin.000007", 1234, "", List.of("a.t", "a.u"), List.of(marks), 99, false,
                1000);
    }

    @Test
    void snapshotIdsSortBelowTheBinlogThatFollows() {
        LogPosition at = LogPosition.of("mysql-bin.000007", 1234);
        assertThat(SnapshotIds.first(at)).isEqualTo(GlobalId.of(6, 0, 0));
        assertThat(SnapshotIds.streamStart(at)).isEqualTo(GlobalId.of(7, 1234, 0));
        assertThat(SnapshotIds.streamStart(at) - SnapshotIds.first(at)).isGreaterThan(1L << 42);
        assertThatThrownBy(() -> SnapshotIds.first(LogPosition.of("mysql-bin.000000", 4)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resumesAfterTheNewestAcknowledgedChunk() {
        ChunkMark first = new ChunkMark(0, List.of("10"), 20, 10, false);
        ChunkMark second = new ChunkMark(0, List.of("20"), 40, 20, false);
        ChunkMark end = new ChunkMark(0, List.of(), 50, 25, true);
        SnapshotProgress p = progress(first, second, end);

        assertThat(p.resumeMark(19)).isNull();
        assertThat(p.resumeMark(20)).isEqualTo(first);
        assertThat(p.resumeMark(49)).isEqualTo(second);
        assertThat(p.resumeMark(50)).isEqualTo(end);
    }

    @Test
    void pruningKeepsTheNewestAcknowledgedMarkAndEveryLaterOne() {
        ChunkMark first = new ChunkMark(0, List.of("10"), 20, 10, false);
        ChunkMark second = new ChunkMark(0, List.of("20"), 40, 20, false);
        ChunkMark third = new ChunkMark(0, List.of("30"), 60, 30, false);

        SnapshotProgress p = progress(first, second).withMark(third, 70, 45);

        assertThat(p.marks()).containsExactly(second, third);
        assertThat(p.lastIssuedId()).isEqualTo(70);
    }

    @Test
    void aResumedSnapshotForgetsTheChunksReadButNotAcknowledged() {
        ChunkMark acked = new ChunkMark(0, List.of("10"), 20, 10, false);
        ChunkMark unacked = new ChunkMark(0, List.of("20"), 40, 20, false);

        SnapshotProgress resumed = progress(acked, unacked).completed().resumedAt(30, 99);

        assertThat(resumed.marks()).containsExactly(acked);
        assertThat(resumed.complete()).isFalse();
        assertThat(resumed.resumeMark(200)).as("after the resume, acknowledging ids above the old chunk's")
                .isEqualTo(acked);
        assertThat(progress(acked).resumedAt(5, 99).marks()).isEmpty();
    }

    @Test
    void aCompleteSnapshotIsAcknowledgedOnceItsLastEntryIs() {
        SnapshotProgress p = progress(new ChunkMark(1, List.of(), 50, 25, true)).completed();
        assertThat(p.acknowledged(49)).isFalse();
        assertThat(p.acknowledged(50)).isTrue();
        assertThat(progress().acknowledged(1000)).as("not complete").isFalse();
    }

    @Test
    void fileStoreKeepsTheProgressAcrossInstances() {
        SnapshotProgress p = progress(new ChunkMark(0, List.of("10", "x"), 20, 10, false));
        new FileSnapshotProgressStore<>(dir, ProgressKind.SNAPSHOT).save(p);
        assertThat(new FileSnapshotProgressStore<>(dir, ProgressKind.SNAPSHOT).load()).contains(p);
        assertThat(new FileSnapshotProgressStore<>(dir.resolve("none"), ProgressKind.SNAPSHOT).load()).isEmpty();
    }

    @Test
    void chunkBoundsAreSpelledOutAsAnIndexRange() {
        assertThat(SnapshotSql.boundParameters(1)).containsExactly(0);
        assertThat(SnapshotSql.boundParameters(3)).containsExactly(0, 0, 1, 0, 1, 2);
    }
}
