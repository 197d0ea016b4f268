package io.collector.benchmark.e2e;

import io.collector.benchmark.ParserCatchUpBenchmark;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Memory under a slow consumer: as {@link EndToEndBenchmark} (N rows pre-written in 1000-row INSERTs, a fresh server
 * per consumer started by {@code bin/startup.sh} with the shipped {@code jvm.options} and default buffers), but the
 * consumer reads at most {@code readRate} rows/s on average (after each batch of up to 1000 entries it waits until
 * its rate since the first row is back at {@code readRate}), so the server's parser runs ahead until its store is
 * full. When a quarter, half, three quarters and all of the rows have been read it prints the server's live set
 * (the heap in use after a full collection, from {@code jcmd GC.class_histogram}, which runs one), its peak RSS
 * and, for comparison, the most heap in use after a young collection so far (from its GC log; an upper bound
 * that also counts old garbage). Flat live figures mean the backlog stays in the binlog, not in the server's
 * memory; the classes whose live bytes grew most from the first sample to the largest tell what grows if they
 * are not. Each sample pauses the consumer for the {@code jcmd} run (about a second), which it then makes up.
 *
 * <p>Run from the repository: {@code collector-benchmark/run.sh io.collector.benchmark.e2e.SlowConsumerBenchmark
 * [-Drows=1000000] [-DreadRate=20000] [-Dconsumers=canal,sdk] [-DserverConf="collector.store.capacity.bytes = 64m"]
 * [-DserverJvmOptions="-Xms512m -Xmx512m"]}.
 */
public final class SlowConsumerBenchmark {

    private static final int CHECKPOINTS = 4;
    private static final int GROWN_CLASSES = 5;

    private SlowConsumerBenchmark() {
    }

    /** What to run; {@code serverConf}: lines added to the servers' {@code collector.properties}. */
    public record Settings(int rows, int readRate, List<String> consumers, List<String> serverConf, Path repo,
                           Path work) {

        /** At the default buffers. */
        public Settings(int rows, int readRate, List<String> consumers, Path repo, Path work) {
            this(rows, readRate, consumers, List.of(), repo, work);
        }
    }

    /**
     * The figures of one consumer's run, memory as it stood at each quarter of the rows read: the live set, the
     * peak after a young collection so far, the peak RSS so far; {@code grown}: the classes whose live bytes
     * grew most from the first sample to the largest.
     */
    public record Result(String consumer, int rows, Duration elapsed, List<Long> liveHeap, List<Long> heapAfterGc,
                         List<Long> peakRss, String grown, String gc, String loadAverage) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s reading slowly: %,d rows in %.1f s = %,.0f rows/s; by 1/4, 1/2, "
                            + "3/4 and all of the rows: server live heap (after a full GC) %s, heap peak after "
                            + "young GC %s, peak RSS %s; grown most from the first sample to the largest: %s; %s; load "
                            + "average %s",
                    consumer, rows, elapsed.toNanos() / 1e9, rows / (elapsed.toNanos() / 1e9), join(liveHeap),
                    join(heapAfterGc), join(peakRss), grown, gc, loadAverage);
        }

        private static String join(List<Long> bytes) {
            return bytes.stream().map(GcLog::megabytes).collect(Collectors.joining(" / "));
        }
    }

    public static void main(String[] args) throws IOException {
        Settings settings = new Settings(Integer.getInteger("rows", 1_000_000), Integer.getInteger("readRate", 20_000),
                List.of(System.getProperty("consumers", "canal,sdk").split(",")), serverConf(),
                EndToEndBenchmark.repo(), Files.createTempDirectory("collector-slow-"));
        System.out.println("server homes (logs, GC logs) under " + settings.work());
        run(settings, System.out::println);
    }

    /** {@code -DserverConf="key = value; ..."}: server configuration lines, e.g. other store bounds. */
    private static List<String> serverConf() {
        String given = System.getProperty("serverConf", "");
        return given.isBlank() ? List.of() : List.of(given.trim().split("\\s*;\\s*"));
    }

    /** Runs the benchmark; {@code out} receives each line of progress and each result as it is measured. */
    public static List<Result> run(Settings settings, Consumer<String> out) {
        List<Result> results = new ArrayList<>();
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            MasterStatus start = ParserCatchUpBenchmark.write(db, settings.rows(), 1000);
            for (String name : settings.consumers()) {
                CatchUpConsumer consumer = CatchUpConsumer.named(name.trim());
                Path home = settings.work().resolve(consumer.name().replaceAll("[^A-Za-z0-9]", "-"));
                try (ServerProcess server = ServerProcess.start(settings.repo(), home, settings.serverConf())) {
                    out.accept(consumer.name() + ": server pid " + server.pid() + ", home " + home
                            + "; load average " + ProcFs.loadAverage());
                    Result r = slow(server, db, start, consumer, settings);
                    results.add(r);
                    out.accept(r.toString());
                }
            }
        }
        return results;
    }

    /**
     * What the largest sample held most of, and the classes that grew most to it from the first sample (the last
     * sample holds no backlog).
     */
    private static String grown(List<HeapHistogram> samples) {
        HeapHistogram largest = samples.stream().skip(1).max(Comparator.comparingLong(HeapHistogram::liveBytes))
                .orElse(samples.get(0));
        return largest.grownSince(samples.get(0), GROWN_CLASSES) + "; the largest sample held most: "
                + largest.largest(GROWN_CLASSES);
    }

    private static Result slow(ServerProcess server, TestMariaDb db, MasterStatus start, CatchUpConsumer consumer,
                               Settings settings) {
        String destination = "slow" + consumer.name().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        List<HeapHistogram> live = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        RowTally tally = RowTally.paced(settings.rows(), settings.readRate(), count -> {
            while (heap.size() < CHECKPOINTS && count >= (long) settings.rows() * (heap.size() + 1) / CHECKPOINTS) {
                live.add(server.liveHeap());
                heap.add(server.heapPeaks().afterGc());
                rss.add(server.peakRssBytes());
            }
        });
        long deadline = System.nanoTime()
                + Duration.ofSeconds(180 + 2L * settings.rows() / settings.readRate()).toNanos();
        long began = System.nanoTime();
        server.addDestination(destination, EndToEndBenchmark.instance(db, start));
        try {
            consumer.consume(new InetSocketAddress("127.0.0.1", server.port()), destination, tally, deadline);
        } catch (RuntimeException e) {
            throw new IllegalStateException(consumer.name() + " slow run failed; server log:\n" + server.logTail(), e);
        }
        return new Result(consumer.name(), settings.rows(), Duration.ofNanos(tally.lastAt() - began),
                live.stream().map(HeapHistogram::liveBytes).toList(), heap, rss,
                grown(live), server.gcReport(),
                ProcFs.loadAverage());
    }
}
