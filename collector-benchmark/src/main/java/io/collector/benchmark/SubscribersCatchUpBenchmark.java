package io.collector.benchmark;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.service.Message;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Catch-up with several subscribers of one destination: writes N rows (default 1,000,000, 1000 per INSERT) into a
 * real MariaDB binlog, then for each subscriber count (default 1, 2 and 4) runs one destination (one parser, one
 * store of the default bounds, policy block) from before the first row with that many client ids, each taking
 * batches of 1000 through the in-process {@link LocalCollectorService} on a thread of its own, parsing every rows
 * entry and acknowledging, until it has every row. Prints, per count, the time from the destination's start until
 * the last subscriber had every row, rows/s per subscriber and rows delivered per second in all. Each count runs
 * {@code runs} times (default 2) after one warm-up run with one subscriber. The network is not part of it.
 *
 * <p>Run: {@code collector-benchmark/run.sh io.collector.benchmark.SubscribersCatchUpBenchmark [-Drows=N]
 * [-Druns=2] [-Dsubscribers=1,2,4]}.
 */
public final class SubscribersCatchUpBenchmark {

    private static final int BATCH = 1000;

    private SubscribersCatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 1_000_000);
        int runs = Integer.getInteger("runs", 2);
        String[] counts = System.getProperty("subscribers", "1,2,4").split(",");
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            MasterStatus start = write(db, rows);
            double warmUp = catchUp(db, start, rows, 1, "warmup");
            System.out.printf(Locale.ROOT, "warm-up (1 subscriber, not counted): %.2f s%n", warmUp);
            for (int run = 1; run <= runs; run++) {
                for (String c : counts) {
                    int subscribers = Integer.parseInt(c.strip());
                    double seconds = catchUp(db, start, rows, subscribers, "subs" + subscribers + "r" + run);
                    System.out.printf(Locale.ROOT, "%d subscriber(s), run %d: %,d rows each in %.2f s = %,.0f rows/s"
                            + " per subscriber, %,.0f rows/s delivered in all%n", subscribers, run, rows, seconds,
                            rows / seconds, subscribers * (rows / seconds));
                }
            }
        }
    }

    private static MasterStatus write(TestMariaDb db, int rows) throws Exception {
        db.execute("CREATE DATABASE bench");
        db.executeIn("bench", "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, "
                + "status VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NOT NULL, created DATETIME NOT NULL, "
                + "weight DOUBLE)");
        MasterStatus start = db.masterStatus();
        try (Connection c = db.openConnection("bench"); Statement st = c.createStatement()) {
            for (int from = 1; from <= rows; from += 1000) {
                int to = Math.min(rows, from + 999);
                st.execute("INSERT INTO orders SELECT seq, seq % 1000, IF(seq % 3 = 0, 'shipped', 'new'), seq / 100,"
                        + " '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq * 0.5 FROM seq_" + from + "_to_" + to);
            }
        }
        return start;
    }

    /** Seconds from the destination's start until each of {@code subscribers} client ids had every row. */
    private static double catchUp(TestMariaDb db, MasterStatus start, int rows, int subscribers, String name)
            throws Exception {
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        for (int i = 1; i <= subscribers; i++) {
            meta.subscribe(name, String.valueOf(1000 + i), "");
        }
        Destination d = new Destination(config(db, start, name), meta);
        LocalCollectorService service = new LocalCollectorService(dest -> Optional.of(d));
        ExecutorService threads = Executors.newFixedThreadPool(subscribers, r -> new Thread(r, "bench-subscriber"));
        long began = System.nanoTime();
        d.start();
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 1; i <= subscribers; i++) {
                ClientIdentity client = new ClientIdentity(name, String.valueOf(1000 + i));
                done.add(threads.submit(() -> consume(service, client, d, rows)));
            }
            for (Future<Long> f : done) {
                if (f.get(15, TimeUnit.MINUTES) != rows) {
                    throw new IllegalStateException("a subscriber did not get " + rows + " rows");
                }
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            threads.shutdownNow();
            d.stop();
            meta.stop();
        }
    }

    /** Takes, parses and acknowledges batches until {@code rows} rows arrived; returns the rows counted. */
    private static long consume(LocalCollectorService service, ClientIdentity client, Destination d, int rows) {
        long seen = 0;
        while (seen < rows) {
            if (d.failure() != null) {
                throw new IllegalStateException("destination failed after " + seen + " rows", d.failure());
            }
            Message m = service.getWithoutAck(client, BATCH, 100, TimeUnit.MILLISECONDS);
            for (ChangeEvent e : m.events()) {
                if (e.isRowData()) {
                    seen += e.rowChange().getRowDatasCount();
                }
            }
            if (m.batchId() > 0) {
                service.ack(client, m.batchId());
            }
        }
        return seen;
    }

    private static InstanceConfig config(TestMariaDb db, MasterStatus start, String name) {
        ParserConfig parser = ParserConfig.builder(name, db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(9000 + (int) (System.nanoTime() & 0xff))
                .start(StartConfig.at(start.file(), start.position()))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
        return InstanceConfig.builder(name, parser).filters(SinkFilters.none()).store(StoreConfig.defaults()).build();
    }
}
