package io.collector.benchmark;

import io.collector.protocol.EntryProtocol.Pair;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.parser.BinlogEventParser;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.sink.EventSink;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Catch-up rate of parser + convert: writes N rows (default 1,000,000) into a real MariaDB binlog, then reads
 * them back from the start position with the real parser and value conversion into a sink that only counts,
 * and prints rows/s. Run: {@code mvn -q -pl collector-benchmark -am install -DskipTests} then
 * {@code mvn -q -pl collector-benchmark exec:java [-Drows=N] [-Druns=3]}.
 */
public final class ParserCatchUpBenchmark {

    private ParserCatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 1_000_000);
        int runs = Integer.getInteger("runs", 3);
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            MasterStatus start = write(db, rows);
            MasterStatus end = db.masterStatus();
            System.out.printf("binlog: %s:%d .. %s:%d (%.1f MB)%n", start.file(), start.position(), end.file(),
                    end.position(), (end.position() - start.position()) / 1e6);
            for (int run = 1; run <= runs; run++) {
                Result r = readBack(db, start, rows);
                System.out.printf("run %d: %,d rows in %,d entries in %.2f s = %,.0f rows/s%n", run, r.rows, r.entries,
                        r.nanos / 1e9, r.rows / (r.nanos / 1e9));
            }
        }
    }

    /** Writes {@code rows} rows into {@code bench.orders} and returns the binlog position before them. */
    static MasterStatus write(TestMariaDb db, int rows) {
        return write(db, rows, 50_000);
    }

    /**
     * Writes {@code rows} rows into {@code bench.orders}, {@code chunk} rows per INSERT (one transaction each), and
     * returns the binlog position before them.
     */
    public static MasterStatus write(TestMariaDb db, int rows, int chunk) {
        db.execute("CREATE DATABASE bench");
        db.executeIn("bench", "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer INT NOT NULL, "
                + "status VARCHAR(32) NOT NULL, amount DECIMAL(10,2) NOT NULL, created DATETIME NOT NULL, "
                + "weight DOUBLE)");
        MasterStatus start = db.masterStatus();
        long began = System.nanoTime();
        List<String> inserts = new ArrayList<>();
        for (int from = 1; from <= rows; from += chunk) {
            int to = Math.min(rows, from + chunk - 1);
            inserts.add("INSERT INTO orders SELECT seq, seq % 1000, IF(seq % 3 = 0, 'shipped', 'new'), "
                    + "seq / 100, '2024-01-01 00:00:00' + INTERVAL seq SECOND, seq * 0.5 FROM seq_" + from + "_to_" + to);
        }
        db.executeIn("bench", inserts.toArray(String[]::new));
        System.out.printf("wrote %,d rows in %,d INSERTs in %.1f s%n", rows, inserts.size(),
                (System.nanoTime() - began) / 1e9);
        return start;
    }

    private record Result(long rows, long entries, long nanos) {
    }

    private static Result readBack(TestMariaDb db, MasterStatus start, int expectedRows)
            throws InterruptedException {
        CountingSink sink = new CountingSink(expectedRows);
        ParserConfig config = ParserConfig.builder("bench", db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(9000 + (int) (System.nanoTime() & 0xff))
                .start(StartConfig.at(start.file(), start.position()))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
        BinlogEventParser parser = new BinlogEventParser(config, sink, Optional::empty);
        long began = System.nanoTime();
        parser.start();
        try {
            if (!sink.done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("catch-up did not finish; parser failure: " + parser.failure());
            }
            return new Result(sink.rows, sink.entries, sink.finishedAt - began);
        } finally {
            parser.stop();
        }
    }

    /** Counts rows and stops the clock at the last expected row. */
    private static final class CountingSink implements EventSink {
        private final int expectedRows;
        private final CountDownLatch done = new CountDownLatch(1);
        private long rows;
        private long entries;
        private long finishedAt;

        CountingSink(int expectedRows) {
            this.expectedRows = expectedRows;
        }

        @Override
        public void sink(List<ChangeEvent> events) {
            for (ChangeEvent e : events) {
                entries++;
                for (Pair p : e.entry().getHeader().getPropsList()) {
                    if (p.getKey().equals("rowsCount")) {
                        rows += Long.parseLong(p.getValue());
                    }
                }
                if (rows >= expectedRows && e.boundary() && done.getCount() > 0) {
                    finishedAt = System.nanoTime();
                    done.countDown();
                }
            }
        }
    }
}
