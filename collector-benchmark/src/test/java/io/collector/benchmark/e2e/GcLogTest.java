package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap peaks and pauses read from lines as the server's shipped {@code -Xlog:gc*} option writes them (taken from
 * real logs of G1 and of the Parallel collector).
 */
class GcLogTest {

    @Test
    void peaksComeFromPausesThatCollectAcrossRotatedFiles(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("gc.log.0"), String.join("\n",
                "[2026-12-03T14:30:21.455+0000][0.006s][info][gc] Using G1",
                "[2026-12-03T14:30:23.659+0000][2.210s][info][gc          ] GC(0) Pause Young (Normal) "
                        + "(G1 Evacuation Pause) 52M->8M(1024M) 20.710ms",
                "[2026-12-03T14:30:24.053+0000][2.604s][info][gc,start    ] GC(2) Pause Remark",
                "[2026-12-03T14:30:24.056+0000][2.607s][info][gc          ] GC(2) Pause Remark 10M->10M(1024M) 3.243ms",
                ""));
        Files.writeString(logs.resolve("gc.log"), String.join("\n",
                "[2026-12-03T14:30:24.721+0000][3.272s][info][gc          ] GC(3) Pause Young (Normal) "
                        + "(G1 Evacuation Pause) 62M->21M(1024M) 20.967ms",
                "[2026-12-03T14:30:24.123+0000][2.674s][info][gc          ] GC(2) Concurrent Mark Cycle 88.863ms",
                ""));
        Files.writeString(logs.resolve("collector.log"), "Pause Young 900M->800M(1024M)\n");

        GcLog.Peaks peaks = GcLog.peaks(logs);

        assertThat(peaks.beforeGc()).isEqualTo(62L << 20);
        assertThat(peaks.afterGc()).isEqualTo(21L << 20);
    }

    @Test
    void pausesOfASpanAreCountedWithTheParallelCollectorsLinesToo(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("gc.log"), String.join("\n",
                "[2026-12-03T18:35:37.242+0000][1.498s][info][gc          ] GC(1) Pause Young (Allocation Failure) "
                        + "20M->5M(61M) 17.243ms",
                "[2026-12-03T18:35:37.555+0000][1.811s][info][gc,start    ] GC(33) Pause Full (System.gc())",
                "[2026-12-03T18:35:37.589+0000][1.845s][info][gc          ] GC(33) Pause Full (System.gc()) "
                        + "54M->7M(60M) 34.020ms",
                "[2026-12-03T18:35:38.776+0000][3.032s][info][gc          ] GC(35) Pause Full (Heap Inspection "
                        + "Initiated GC) 7M->7M(61M) 8.302ms",
                ""));

        GcLog.Stats span = GcLog.stats(logs, Instant.parse("2026-12-03T18:35:37.300Z"),
                Instant.parse("2026-12-03T18:35:38.776Z"));
        GcLog.Stats all = GcLog.stats(logs, Instant.MIN, Instant.MAX);

        assertThat(span).isEqualTo(new GcLog.Stats(1, 1, 34.020, 34.020, new GcLog.Peaks(54L << 20, 7L << 20)));
        assertThat(all.pauses()).isEqualTo(3);
        assertThat(all.fullPauses()).isEqualTo(2);
        assertThat(all.totalMillis()).isCloseTo(59.565, within(1e-9));
        assertThat(all.toString()).startsWith("3 GC pauses (2 full), 60 ms in all, longest 34.0 ms; heap peak "
                + "before GC 54 MB, after GC 7 MB");
    }

    @Test
    void remarkAndCleanupPausesCountAsPausesButNotForTheHeapPeaks(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("gc.log"), String.join("\n",
                "[2026-12-03T14:30:24.056+0000][2.607s][info][gc          ] GC(2) Pause Remark 10M->10M(1024M) 3.243ms",
                "[2026-12-03T17:52:06.410+0000][2.395s][info][gc          ] GC(2) Pause Cleanup 11M->11M(1024M) 0.192ms",
                ""));

        assertThat(GcLog.stats(logs, Instant.MIN, Instant.MAX))
                .isEqualTo(new GcLog.Stats(2, 0, 3.243 + 0.192, 3.243, new GcLog.Peaks(-1, -1)));
    }

    @Test
    void noCollectionYetIsReportedAsUnknown(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("gc.log"), "[2026-12-03T14:30:21.455+0000][0.006s][info][gc] Using G1\n");

        assertThat(GcLog.peaks(logs)).isEqualTo(new GcLog.Peaks(-1, -1));
        assertThat(GcLog.peaks(logs.resolve("absent"))).isEqualTo(new GcLog.Peaks(-1, -1));
    }
}
