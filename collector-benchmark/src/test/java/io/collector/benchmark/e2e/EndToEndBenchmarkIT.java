package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.benchmark.e2e.EndToEndBenchmark.Result;
import io.collector.benchmark.e2e.EndToEndBenchmark.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of the end-to-end benchmarks, so their code cannot rot: 2,000 rows through the real server process
 * (started by {@code bin/startup.sh} from the packaged {@code collector-server}) to both consumers, each row
 * exactly once (the benchmarks fail a run on a missing or repeated id), with their figures measured: catch-up,
 * the live run (2,000 rows/s for one second), and the slow consumer (the SDK only, reading 2,000 rows/s; its live
 * set sampled by {@code jcmd}).
 */
class EndToEndBenchmarkIT {

    @Test
    void bothConsumersTakeEveryRowOnceAndTheServerFiguresAreMeasured(@TempDir Path work) {
        Settings settings = new Settings(2000, 1, List.of("canal", "sdk"), EndToEndBenchmark.repo(), work);

        List<Result> results = EndToEndBenchmark.run(settings, System.out::println);

        assertThat(results).extracting(Result::consumer).containsExactly("canal.client", "collector SDK");
        for (Result r : results) {
            assertThat(r.rows()).isEqualTo(2000);
            assertThat(r.elapsed()).isPositive();
            assertThat(r.serverCpu()).as("server CPU of %s", r.consumer()).isPositive();
            assertThat(r.consumerCpu()).as("consumer CPU of %s", r.consumer()).isPositive();
            assertThat(r.peakRssBytes()).as("server peak RSS").isGreaterThan(16L << 20);
            assertThat(r.toString()).contains("rows/s", "ms per 1000 rows", "consumer CPU", "peak RSS");
        }
    }

    @Test
    void theLiveRunTakesEveryRowOnceAndMeasuresItsLatency(@TempDir Path work) {
        LiveLatencyBenchmark.Settings settings = new LiveLatencyBenchmark.Settings(2000, 1, 100, 0,
                List.of("canal", "sdk"), EndToEndBenchmark.repo(), work);

        List<LiveLatencyBenchmark.Result> results = LiveLatencyBenchmark.run(settings, System.out::println);

        assertThat(results).extracting(LiveLatencyBenchmark.Result::consumer)
                .containsExactly("canal.client", "collector SDK");
        for (LiveLatencyBenchmark.Result r : results) {
            assertThat(r.rows()).isEqualTo(2000);
            assertThat(r.writtenPerSecond()).isPositive();
            assertThat(r.p50()).as("p50 of %s, in microseconds", r.consumer()).isPositive();
            assertThat(List.of(r.p50(), r.p99(), r.p999(), r.max())).isSorted();
            assertThat(r.serverCpu()).isPositive();
        }
    }

    @Test
    void theSlowConsumerRunTakesEveryRowOnceAndSamplesMemoryFourTimes(@TempDir Path work) {
        SlowConsumerBenchmark.Settings settings = new SlowConsumerBenchmark.Settings(2000, 2000, List.of("sdk"),
                EndToEndBenchmark.repo(), work);

        List<SlowConsumerBenchmark.Result> results = SlowConsumerBenchmark.run(settings, System.out::println);

        assertThat(results).hasSize(1);
        SlowConsumerBenchmark.Result r = results.get(0);
        assertThat(r.rows()).isEqualTo(2000);
        assertThat(r.elapsed()).isPositive();
        assertThat(r.heapAfterGc()).hasSize(4);
        assertThat(r.liveHeap()).as("live set after a full GC, by jcmd").hasSize(4)
                .allSatisfy(b -> assertThat(b).isGreaterThan(1L << 20));
        assertThat(r.gc()).contains("GC pauses", "GC threads' CPU");
        assertThat(r.peakRss()).hasSize(4).isSorted().allSatisfy(b -> assertThat(b).isGreaterThan(16L << 20));
    }
}
