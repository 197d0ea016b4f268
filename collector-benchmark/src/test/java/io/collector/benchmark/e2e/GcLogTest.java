package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heap peaks read from lines as the server's shipped {@code -Xlog:gc*} option writes them (taken from a real log). */
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
    void noCollectionYetIsReportedAsUnknown(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("gc.log"), "[2026-12-03T14:30:21.455+0000][0.006s][info][gc] Using G1\n");

        assertThat(GcLog.peaks(logs)).isEqualTo(new GcLog.Peaks(-1, -1));
        assertThat(GcLog.peaks(logs.resolve("absent"))).isEqualTo(new GcLog.Peaks(-1, -1));
    }
}
