package io.collector.benchmark;

import io.collector.protocol.EntryProtocol.Pair;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.sink.EventSink;
import io.collector.server.sink.filter.TableFilter;
import io.collector.server.snapshot.MemorySnapshotProgressStore;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.snapshot.SnapshotMode;
import io.collector.server.snapshot.SnapshotRunner;
import io.collector.server.snapshot.SnapshotStats;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Snapshot rate: writes N rows (default 1,000,000) into a real MariaDB table, then takes an initial snapshot of
 * it with the real snapshot stage (consistent read view, key-ordered chunks, value conversion, entries) into a
 * sink that only counts, and prints rows/s. Run from the repository:
 * {@code mvn -q -o -pl collector-benchmark -am package -DskipTests}, then {@code java -cp <that classpath>
 * io.collector.benchmark.SnapshotBenchmark} with {@code -Drows=N -Druns=R -Dchunk=C} (see README "Benchmarks").
 */
public final class SnapshotBenchmark {

    private SnapshotBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 1_000_000);
        int runs = Integer.getInteger("runs", 3);
        int chunk = Integer.getInteger("chunk", SnapshotConfig.DEFAULT_CHUNK_ROWS);
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start()) {
            ParserCatchUpBenchmark.write(db, rows);
            for (int run = 1; run <= runs; run++) {
                long began = System.nanoTime();
                long counted = snapshot(db, chunk);
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("run %d: %,d snapshot rows in %.2f s = %,.0f rows/s (chunk %d rows)%n", run,
                        counted, seconds, counted / seconds, chunk);
            }
        }
    }

    private static long snapshot(TestMariaDb db, int chunk) throws InterruptedException {
        ParserConfig config = ParserConfig.builder("bench", db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(9100)
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
        CountingSink sink = new CountingSink();
        SnapshotRunner runner = new SnapshotRunner(new SnapshotConfig(SnapshotMode.INITIAL, chunk), config,
                TableFilter.of("bench\\..*", ""), sink, new MemorySnapshotProgressStore<>(), new SnapshotStats(),
                EntryForm.SERIALIZED, () -> -1L);
        try (SourceDatabase source = new SourceDatabase(db.host(), db.port(), db.replicationUser(),
                db.replicationPassword())) {
            runner.beforeDump(source, Optional.empty(), () -> true);
        } finally {
            runner.close();
        }
        return sink.rows;
    }

    /** Counts the rows of the snapshot entries. */
    private static final class CountingSink implements EventSink {
        private long rows;

        @Override
        public void sink(List<ChangeEvent> events) {
            for (ChangeEvent e : events) {
                for (Pair p : e.entry().getHeader().getPropsList()) {
                    if (p.getKey().equals("rowsCount")) {
                        rows += Long.parseLong(p.getValue());
                    }
                }
            }
        }
    }
}
