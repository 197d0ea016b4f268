package io.collector.benchmark.e2e;

import io.collector.benchmark.ParserCatchUpBenchmark;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end catch-up over TCP: writes N rows (default 1,000,000) into a real MariaDB binlog in 1000-row INSERTs,
 * then for each consumer starts the server as a separate process with {@code bin/startup.sh} (shipped
 * {@code jvm.options}, default buffers), adds a destination reading from before the first row, and has the
 * consumer take, parse and acknowledge every row. Prints rows/s, the server's CPU per 1000 rows (user + system
 * time of its process while the destination ran, from {@code /proc}), its peak resident set and the most heap in
 * use before a collection (from its GC log).
 *
 * <p>Consumers: {@code canal} (Canal's client {@code canal.client} 1.1.8) and {@code sdk} (this project's SDK),
 * both {@code getWithoutAck(1000)} + {@code ack}. Each consumer gets a fresh server, which serves {@code runs}
 * destinations (default 2) one after the other, each from the first row: run 1 with the server's JIT cold (its
 * compilation CPU counted), later runs warm.
 *
 * <p>Run from the repository: {@code collector-benchmark/run.sh io.collector.benchmark.e2e.EndToEndBenchmark
 * [-Drows=1000000] [-Druns=2] [-Dconsumers=canal,sdk]}. Needs Linux ({@code /proc}); the server must be packaged
 * ({@code run.sh} does that).
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {
    }

    /** What to run: {@code repo} holds {@code bin/startup.sh} and the packaged server; servers live in {@code work}. */
    public record Settings(int rows, int runs, List<String> consumers, Path repo, Path work) {
    }

    /** The figures of one run. */
    public record Result(String consumer, int run, int rows, Duration elapsed, Duration serverCpu, long peakRssBytes,
                         long peakHeapBeforeGc, long peakHeapAfterGc, String loadAverage) {

        public double rowsPerSecond() {
            return rows / (elapsed.toNanos() / 1e9);
        }

        public double cpuMillisPer1000Rows() {
            return serverCpu.toNanos() / 1e6 / (rows / 1000.0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s run %d: %,d rows in %.2f s = %,.0f rows/s; server CPU %.2f s = "
                            + "%.2f ms per 1000 rows; server peak RSS %,d MB, heap peak before GC %s, after GC %s; "
                            + "load average %s",
                    consumer, run, rows, elapsed.toNanos() / 1e9, rowsPerSecond(), serverCpu.toNanos() / 1e9,
                    cpuMillisPer1000Rows(), peakRssBytes >> 20, GcLog.megabytes(peakHeapBeforeGc),
                    GcLog.megabytes(peakHeapAfterGc), loadAverage);
        }
    }

    public static void main(String[] args) throws IOException {
        Settings settings = new Settings(Integer.getInteger("rows", 1_000_000), Integer.getInteger("runs", 2),
                List.of(System.getProperty("consumers", "canal,sdk").split(",")), repo(),
                Files.createTempDirectory("collector-e2e-"));
        System.out.println("server homes (logs, GC logs) under " + settings.work());
        run(settings, System.out::println);
    }

    /** Runs the benchmark; {@code out} receives each line of progress and each result as it is measured. */
    public static List<Result> run(Settings settings, java.util.function.Consumer<String> out) {
        List<CatchUpConsumer> consumers = settings.consumers().stream().map(String::trim)
                .map(CatchUpConsumer::named).toList();
        List<Result> results = new ArrayList<>();
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            MasterStatus start = ParserCatchUpBenchmark.write(db, settings.rows(), 1000);
            out.accept("load average before the runs: " + ProcFs.loadAverage());
            for (CatchUpConsumer consumer : consumers) {
                Path home = settings.work().resolve(consumer.name().replaceAll("[^A-Za-z0-9]", "-"));
                try (ServerProcess server = ServerProcess.start(settings.repo(), home)) {
                    out.accept(consumer.name() + ": server pid " + server.pid() + ", home " + home);
                    for (int run = 1; run <= settings.runs(); run++) {
                        Result r = catchUp(server, db, start, consumer, run, settings.rows());
                        results.add(r);
                        out.accept(r.toString());
                    }
                }
            }
        }
        return results;
    }

    private static Result catchUp(ServerProcess server, TestMariaDb db, MasterStatus start, CatchUpConsumer consumer,
                                  int run, int rows) {
        String destination = consumer.name().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT) + run;
        RowTally tally = RowTally.ids(rows);
        long deadline = System.nanoTime() + Duration.ofSeconds(120 + rows / 2000).toNanos();
        Duration cpuBefore = server.cpuTime();
        long began = System.nanoTime();
        server.addDestination(destination, instance(db, start));
        try {
            consumer.consume(new InetSocketAddress("127.0.0.1", server.port()), destination, tally, deadline);
        } catch (RuntimeException e) {
            throw new IllegalStateException(consumer.name() + " run " + run + " failed; server log:\n"
                    + server.logTail(), e);
        }
        Duration cpu = server.cpuTime().minus(cpuBefore);
        GcLog.Peaks heap = server.heapPeaks();
        Result result = new Result(consumer.name(), run, rows, Duration.ofNanos(tally.lastAt() - began), cpu,
                server.peakRssBytes(), heap.beforeGc(), heap.afterGc(), ProcFs.loadAverage());
        server.removeDestination(destination);
        return result;
    }

    static List<String> instance(TestMariaDb db, MasterStatus start) {
        return List.of("collector.instance.source.address = " + db.host() + ":" + db.port(),
                "collector.instance.source.user = " + db.replicationUser(),
                "collector.instance.source.password = " + db.replicationPassword(),
                "collector.instance.start.journal = " + start.file(),
                "collector.instance.start.position = " + start.position());
    }

    /** The repository: {@code -Drepo}, else the nearest folder upwards from here with {@code bin/startup.sh}. */
    static Path repo() {
        String given = System.getProperty("repo");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/startup.sh"))) {
                return p;
            }
        }
        throw new UncheckedIOException(new IOException("no bin/startup.sh in " + Path.of("").toAbsolutePath()
                + " or above; run from the repository or pass -Drepo=<repository>"));
    }
}
