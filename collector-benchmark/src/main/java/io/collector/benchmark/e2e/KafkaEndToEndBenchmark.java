package io.collector.benchmark.e2e;

import io.collector.benchmark.ParserCatchUpBenchmark;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * End-to-end catch-up into Kafka with every part in its own process: a real MariaDB with N rows (default
 * 1,000,000) pre-written in 1000-row INSERTs; for each guarantee a fresh one-node Kafka ({@link KafkaBrokerMain},
 * its own JVM; one for all with {@code -DbrokerPerGuarantee=false}) and a fresh server in kafka mode started by
 * {@code bin/startup.sh} (shipped {@code jvm.options} and defaults; only {@code collector.mode},
 * {@code kafka.bootstrap.servers} and {@code collector.kafka.guarantee} set). The server serves {@code runs}
 * destinations (default 2) one after the other, each from the first row into its own topic
 * ({@code <guarantee>-<run>.bench}, FlatMessage JSON, one partition): run 1 with the server's JIT and the broker
 * cold, later runs warm. A Kafka consumer in this JVM reads each topic from its beginning ({@code read_committed}
 * for exactly-once) and checks that every row id arrives exactly once.
 *
 * <p>Prints per run rows/s (from adding the destination until the consumer has the last row), the server's CPU
 * per 1000 rows and the broker's (user + system time of each process over the same span, from {@code /proc}),
 * and the load average.
 *
 * <p>Run from the repository: {@code collector-benchmark/run.sh io.collector.benchmark.e2e.KafkaEndToEndBenchmark
 * [-Drows=1000000] [-Druns=2] [-Dguarantees=at-least-once,exactly-once] [-DbrokerPerGuarantee=true]
 * [-DbrokerHeap=1g] [-DserverJvmOptions="-XX:StartFlightRecording=..."] [-DserverConf="key = value; ..."]}: the
 * last two add options to the server's {@code jvm.options} and lines to its {@code collector.properties}.
 */
public final class KafkaEndToEndBenchmark {

    private KafkaEndToEndBenchmark() {
    }

    /**
     * What to run: {@code repo} holds {@code bin/startup.sh} and the packaged server; homes live in {@code work}.
     * With {@code brokerPerGuarantee} false one broker serves every guarantee (cold only for the first).
     */
    public record Settings(int rows, int runs, List<String> guarantees, boolean brokerPerGuarantee, String brokerHeap,
                           List<String> serverJvmOptions, List<String> serverConf, Path repo, Path work) {
    }

    /** The figures of one run. */
    public record Result(String guarantee, int run, int rows, Duration elapsed, Duration serverCpu,
                         Duration brokerCpu, String loadAverage) {

        public double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }

        public double serverCpuMillisPer1000Rows() {
            return serverCpu.toNanos() / 1e6 / (rows / 1000.0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s run %d%s: %,d rows in %.2f s = %,.0f rows/s; server CPU %.2f s = "
                            + "%.2f ms per 1000 rows; broker CPU %.2f s = %.2f ms per 1000 rows; load average %s",
                    guarantee, run, run == 1 ? " (cold)" : "", rows, elapsed.toNanos() / 1e9, rowsPerSecond(),
                    serverCpu.toNanos() / 1e9, serverCpuMillisPer1000Rows(), brokerCpu.toNanos() / 1e9,
                    brokerCpu.toNanos() / 1e6 / (rows / 1000.0), loadAverage);
        }
    }

    public static void main(String[] args) throws IOException {
        Settings settings = new Settings(Integer.getInteger("rows", 1_000_000), Integer.getInteger("runs", 2),
                List.of(System.getProperty("guarantees", "at-least-once,exactly-once").split(",")),
                !"false".equals(System.getProperty("brokerPerGuarantee")), System.getProperty("brokerHeap", "1g"),
                jvmOptions(System.getProperty("serverJvmOptions", "")),
                serverConf(System.getProperty("serverConf", "")), EndToEndBenchmark.repo(),
                Files.createTempDirectory("collector-kafka-e2e-"));
        System.out.println("server and broker homes (logs) under " + settings.work());
        run(settings, System.out::println);
    }

    /** Runs the benchmark; {@code out} receives each line of progress and each result as it is measured. */
    public static List<Result> run(Settings settings, Consumer<String> out) {
        List<Result> results = new ArrayList<>();
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            MasterStatus start = ParserCatchUpBenchmark.write(db, settings.rows(), 1000);
            out.accept("load average before the runs: " + ProcFs.loadAverage());
            if (settings.brokerPerGuarantee()) {
                for (String guarantee : settings.guarantees()) {
                    try (KafkaBrokerProcess kafka = startBroker(settings, guarantee.trim())) {
                        results.addAll(runGuarantee(settings, kafka, db, start, guarantee.trim(), out));
                    }
                }
            } else {
                try (KafkaBrokerProcess kafka = startBroker(settings, "shared")) {
                    for (String guarantee : settings.guarantees()) {
                        results.addAll(runGuarantee(settings, kafka, db, start, guarantee.trim(), out));
                    }
                }
            }
        }
        return results;
    }

    private static KafkaBrokerProcess startBroker(Settings settings, String name) {
        return KafkaBrokerProcess.start(settings.work().resolve("kafka-" + name), settings.brokerHeap());
    }

    /** A fresh server in kafka mode with this guarantee, serving {@code runs} destinations one after the other. */
    private static List<Result> runGuarantee(Settings settings, KafkaBrokerProcess kafka, TestMariaDb db,
                                             MasterStatus start, String guarantee, Consumer<String> out) {
        List<Result> results = new ArrayList<>();
        Path home = settings.work().resolve(guarantee);
        try (ServerProcess server = ServerProcess.start(settings.repo(), home,
                serverLines(kafka, guarantee, settings.serverConf()), settings.serverJvmOptions())) {
            out.accept(guarantee + ": broker pid " + kafka.pid() + " at " + kafka.bootstrapServers() + ", server pid "
                    + server.pid() + ", home " + home);
            for (int run = 1; run <= settings.runs(); run++) {
                Result r = catchUp(server, kafka, db, start, guarantee, run, settings.rows());
                results.add(r);
                out.accept(r.toString());
            }
        }
        return results;
    }

    private static List<String> jvmOptions(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    private static List<String> serverConf(String semicolonSeparated) {
        return semicolonSeparated.isBlank() ? List.of() : List.of(semicolonSeparated.trim().split("\\s*;\\s*"));
    }

    private static List<String> serverLines(KafkaBrokerProcess kafka, String guarantee, List<String> more) {
        List<String> lines = new ArrayList<>(List.of("collector.mode = kafka",
                "kafka.bootstrap.servers = " + kafka.bootstrapServers(), "collector.kafka.guarantee = " + guarantee));
        lines.addAll(more);
        return lines;
    }

    private static Result catchUp(ServerProcess server, KafkaBrokerProcess kafka, TestMariaDb db,
                                  MasterStatus start, String guarantee, int run, int rows) {
        String destination = guarantee.replaceAll("[^A-Za-z]", "") + run;
        String prefix = guarantee + "-" + run + ".";
        List<String> instance = new ArrayList<>(EndToEndBenchmark.instance(db, start));
        instance.add("collector.instance.kafka.topic.prefix = " + prefix);
        RowTally tally = RowTally.ids(rows);
        long deadline = System.nanoTime() + Duration.ofSeconds(120 + rows / 2000).toNanos();
        Duration serverBefore = server.cpuTime();
        Duration brokerBefore = kafka.cpuTime();
        long began = System.nanoTime();
        server.addDestination(destination, instance);
        try {
            KafkaRowConsumer.consume(kafka.bootstrapServers(), prefix + "bench", guarantee.equals("exactly-once"),
                    tally, deadline);
        } catch (RuntimeException e) {
            throw new IllegalStateException(guarantee + " run " + run + " failed; server log:\n" + server.logTail(),
                    e);
        }
        Result result = new Result(guarantee, run, rows, Duration.ofNanos(tally.lastAt() - began),
                server.cpuTime().minus(serverBefore), kafka.cpuTime().minus(brokerBefore), ProcFs.loadAverage());
        server.removeDestination(destination);
        return result;
    }
}
