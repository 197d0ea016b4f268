package io.collector.benchmark.e2e;

import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Live run over TCP: for each consumer, a fresh server process (started by {@code bin/startup.sh}, shipped
 * {@code jvm.options}, default buffers) with a destination at the end of the binlog, and a writer inserting rows
 * into a real MariaDB at a target rate, {@code txRows} rows per INSERT (one transaction each). Every row carries
 * {@code SYSDATE(6)} in UTC, the time MariaDB produced it; the consumer takes, parses and acknowledges batches
 * ({@code getWithoutAck(1000)} + {@code ack}) and a row's latency is the time its batch arrived minus that time.
 * Prints the rate reached, latency p50 / p99 / p99.9 / max over the rows after the warm-up, the server's CPU per
 * 1000 rows, its peak RSS and heap.
 *
 * <p>Run from the repository: {@code collector-benchmark/run.sh io.collector.benchmark.e2e.LiveLatencyBenchmark
 * [-Drate=50000] [-Dseconds=60] [-DtxRows=100] [-Dwarmup=10] [-Dconsumers=canal,sdk]}.
 */
public final class LiveLatencyBenchmark {

    private LiveLatencyBenchmark() {
    }

    /** What to run: rows per second for {@code seconds}; latencies of the first {@code warmup} seconds are left out. */
    public record Settings(int rate, int seconds, int txRows, int warmup, List<String> consumers, Path repo,
                           Path work) {

        int rows() {
            return rate * seconds;
        }
    }

    /** The figures of one consumer's run; latencies in microseconds. */
    public record Result(String consumer, int rows, double writtenPerSecond, long p50, long p99, long p999, long max,
                         Duration serverCpu, long peakRssBytes, GcLog.Peaks heap, String loadAverage) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s live: %,d rows written at %,.0f rows/s; latency p50 %.1f ms, "
                            + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; server CPU %.2f ms per 1000 rows; "
                            + "server peak RSS %,d MB, heap peak before GC %s, after GC %s; load average %s",
                    consumer, rows, writtenPerSecond, p50 / 1e3, p99 / 1e3, p999 / 1e3, max / 1e3,
                    serverCpu.toNanos() / 1e6 / (rows / 1000.0), peakRssBytes >> 20, GcLog.megabytes(heap.beforeGc()),
                    GcLog.megabytes(heap.afterGc()), loadAverage);
        }
    }

    public static void main(String[] args) throws IOException {
        Settings settings = new Settings(Integer.getInteger("rate", 50_000), Integer.getInteger("seconds", 60),
                Integer.getInteger("txRows", 100), Integer.getInteger("warmup", 10),
                List.of(System.getProperty("consumers", "canal,sdk").split(",")), EndToEndBenchmark.repo(),
                Files.createTempDirectory("collector-live-"));
        System.out.println("server homes (logs, GC logs) under " + settings.work());
        run(settings, System.out::println);
    }

    /** Runs the benchmark; {@code out} receives each line of progress and each result as it is measured. */
    public static List<Result> run(Settings settings, Consumer<String> out) {
        List<Result> results = new ArrayList<>();
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            db.execute("CREATE DATABASE bench");
            for (String name : settings.consumers()) {
                CatchUpConsumer consumer = CatchUpConsumer.named(name.trim());
                db.executeIn("bench", "CREATE OR REPLACE TABLE live (id BIGINT PRIMARY KEY, "
                        + RowTally.WRITTEN_COLUMN + " DATETIME(6) NOT NULL, customer INT NOT NULL, "
                        + "status VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NOT NULL)");
                Path home = settings.work().resolve(consumer.name().replaceAll("[^A-Za-z0-9]", "-"));
                try (ServerProcess server = ServerProcess.start(settings.repo(), home)) {
                    out.accept(consumer.name() + ": server pid " + server.pid() + ", home " + home
                            + "; load average " + ProcFs.loadAverage());
                    Result r = live(server, db, consumer, settings);
                    results.add(r);
                    out.accept(r.toString());
                    out.accept(consumer.name() + " " + server.gcReport());
                }
            }
        }
        return results;
    }

    private static Result live(ServerProcess server, TestMariaDb db, CatchUpConsumer consumer, Settings settings) {
        String destination = "live" + consumer.name().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        MasterStatus start = db.masterStatus();
        RowTally tally = RowTally.timed(settings.rows());
        server.addDestination(destination, EndToEndBenchmark.instance(db, start));
        long deadline = System.nanoTime() + Duration.ofSeconds(settings.seconds() + 180L).toNanos();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                consumer.consume(new InetSocketAddress("127.0.0.1", server.port()), destination, tally, deadline);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "live-consumer-" + destination);
        Duration cpuBefore = server.cpuTime();
        reader.start();
        long writeNanos = write(db, settings);
        join(reader, deadline);
        if (failure.get() != null) {
            throw new IllegalStateException(consumer.name() + " live run failed; server log:\n" + server.logTail(),
                    failure.get());
        }
        return result(consumer, settings, tally, writeNanos, server.cpuTime().minus(cpuBefore), server);
    }

    private static Result result(CatchUpConsumer consumer, Settings settings, RowTally tally, long writeNanos,
                                 Duration cpu, ServerProcess server) {
        long[] latencies = tally.sortedLatencyMicros(Math.min(settings.rows(), settings.rate() * settings.warmup())
                + 1);
        return new Result(consumer.name(), settings.rows(), settings.rows() / (writeNanos / 1e9),
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999),
                latencies[latencies.length - 1], cpu, server.peakRssBytes(), server.heapPeaks(),
                ProcFs.loadAverage());
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    /** Inserts rows 1..rows on schedule (row n due at (n - 1) / rate seconds); returns the nanoseconds taken. */
    private static long write(TestMariaDb db, Settings settings) {
        try (Connection c = db.openConnection("bench"); Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
            long began = System.nanoTime();
            for (int from = 1; from <= settings.rows(); from += settings.txRows()) {
                long wait = began + (long) ((from - 1) * 1e9 / settings.rate()) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int to = Math.min(settings.rows(), from + settings.txRows() - 1);
                st.execute("INSERT INTO live SELECT seq, SYSDATE(6), seq % 1000, IF(seq % 3 = 0, 'shipped', 'new'), "
                        + "seq / 100 FROM seq_" + from + "_to_" + to);
            }
            return System.nanoTime() - began;
        } catch (SQLException e) {
            throw new IllegalStateException("writer failed: " + e.getMessage(), e);
        }
    }

    private static void join(Thread reader, long deadline) {
        try {
            reader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (reader.isAlive()) {
            throw new IllegalStateException(reader.getName() + " did not finish by its deadline");
        }
    }
}
