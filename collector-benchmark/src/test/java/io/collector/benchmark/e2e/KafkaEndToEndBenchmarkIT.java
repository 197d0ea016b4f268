package io.collector.benchmark.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.benchmark.e2e.KafkaEndToEndBenchmark.Result;
import io.collector.benchmark.e2e.KafkaEndToEndBenchmark.Settings;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the Kafka end-to-end benchmark, so its code cannot rot: 2,000 rows through a broker process and
 * a server process in kafka mode (started by {@code bin/startup.sh} from the packaged {@code collector-server}),
 * exactly-once (the guarantee with more moving parts: transactions, {@code read_committed}; at-least-once runs
 * the same benchmark code with another server setting and isolation level, and takes another server start),
 * each row read back exactly once (the benchmark fails a run on a missing or repeated id), with both processes'
 * CPU measured.
 */
class KafkaEndToEndBenchmarkIT {

    @Test
    void everyRowIsReadBackOnceAndTheFiguresAreMeasured(@TempDir Path work) {
        Settings settings = new Settings(2000, 1, List.of("exactly-once"), true, "256m", List.of(), List.of(),
                EndToEndBenchmark.repo(), work);

        List<Result> results = KafkaEndToEndBenchmark.run(settings,
                line -> System.out.println(LocalTime.now() + " " + line));

        assertThat(results).hasSize(1);
        Result r = results.get(0);
        assertThat(r.guarantee()).isEqualTo("exactly-once");
        assertThat(r.rows()).isEqualTo(2000);
        assertThat(r.elapsed()).isPositive();
        assertThat(r.serverCpu()).as("server CPU").isPositive();
        assertThat(r.brokerCpu()).as("broker CPU").isPositive();
        assertThat(r.toString()).contains("rows/s", "ms per 1000 rows", "load average");
    }
}
