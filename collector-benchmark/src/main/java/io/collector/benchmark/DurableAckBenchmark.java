package io.collector.benchmark;

import io.collector.server.ha.LeaderEpoch;
import io.collector.server.ha.ZkClients;
import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.ZkMetaConfig;
import io.collector.server.meta.ZooKeeperMetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.Cursor;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.Batch;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;

/**
 * What durable acks cost at catch-up speed: writes N rows (default 200,000) into a real MariaDB binlog in small
 * transactions (default 20 rows each, so acks land on many transaction boundaries), starts a ZooKeeper in this
 * JVM, then for each client batch size (default 1000 entries, Canal's usual, and 100) and each cursor flush
 * period (default 0, the shipped default, and 1000 ms), after one warm-up run that is not counted, runs a
 * destination with fenced ZooKeeper cursors (as a leader under high availability writes them) from the start
 * position, and drains it on this thread as a pull client's get and ack do (take a batch from the store,
 * acknowledge it, record its cursor: with period 0 that returns once the cursor is in ZooKeeper), until every row
 * is acknowledged. Prints rows/s per period. The network between client and server is not part of it.
 *
 * <p>Run: {@code mvn -q -pl collector-benchmark -am install -DskipTests} then
 * {@code mvn -q -pl collector-benchmark exec:java -Dexec.mainClass=io.collector.benchmark.DurableAckBenchmark
 * [-Drows=N] [-DrowsPerTransaction=20] [-Druns=2] [-Dperiods=0,1000] [-DbatchSizes=1000,100]}.
 */
public final class DurableAckBenchmark {

    private static final String CLIENT = "1001";

    private DurableAckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 200_000);
        int perTransaction = Integer.getInteger("rowsPerTransaction", 20);
        int runs = Integer.getInteger("runs", 2);
        String[] batchSizes = System.getProperty("batchSizes", "1000,100").split(",");
        String[] periods = System.getProperty("periods", "0,1000").split(",");
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start();
             TestingServer zk = new TestingServer(true)) {
            MasterStatus start = ParserCatchUpBenchmark.write(db, rows, perTransaction);
            Result warmUp = catchUp(db, zk, start, rows, 1000, 0, "warmup");
            System.out.printf(Locale.ROOT, "warm-up (not counted): %.2f s%n", warmUp.seconds());
            for (String b : batchSizes) {
                int batchSize = Integer.parseInt(b.strip());
                for (int run = 1; run <= runs; run++) {
                    for (String p : periods) {
                        long period = Long.parseLong(p.strip());
                        Result r = catchUp(db, zk, start, rows, batchSize, period,
                                "ack" + batchSize + "r" + run + "p" + period);
                        System.out.printf(Locale.ROOT, "batches of %d entries, flush period %d ms, run %d: %,d rows"
                                + " in %.2f s = %,.0f rows/s (%,d acks)%n", batchSize, period, run, rows,
                                r.seconds(), rows / r.seconds(), r.acks());
                    }
                }
            }
        }
    }

    private record Result(double seconds, long acks) {
    }

    private static Result catchUp(TestMariaDb db, TestingServer zk, MasterStatus start, int rows, int batchSize,
                                  long period, String name) throws InterruptedException {
        try (CuratorFramework client = ZkClients.builder(zk.getConnectString()).start()) {
            ZooKeeperMetaManager meta = new ZooKeeperMetaManager(client, ZkMetaConfig.withPeriod(period));
            meta.start();
            meta.fence(name, new LeaderEpoch(client, name).advance("127.0.0.1:11111"));
            meta.subscribe(name, CLIENT, "");
            Destination d = new Destination(config(db, start, name), meta);
            long began = System.nanoTime();
            d.start();
            try {
                long acks = drain(d, meta, name, rows, batchSize);
                return new Result((System.nanoTime() - began) / 1e9, acks);
            } finally {
                d.stop();
                meta.stop();
            }
        }
    }

    /** Takes and acknowledges batches until {@code rows} rows went through; returns how many acks that took. */
    private static long drain(Destination d, ZooKeeperMetaManager meta, String name, int rows, int batchSize)
            throws InterruptedException {
        long seen = 0;
        long acks = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (seen < rows) {
            if (d.failure() != null || System.nanoTime() > deadline) {
                throw new IllegalStateException("catch-up did not finish after " + seen + " rows", d.failure());
            }
            Batch batch = d.store().get(batchSize, TimeUnit.MILLISECONDS.toNanos(100));
            if (batch.isEmpty()) {
                continue;
            }
            for (ChangeEvent e : batch.events()) {
                seen += e.rowCount();
            }
            Cursor cursor = d.store().ack(batch.id());
            meta.updateCursor(name, CLIENT, cursor);
            acks++;
        }
        return acks;
    }

    private static InstanceConfig config(TestMariaDb db, MasterStatus start, String name) {
        ParserConfig parser = ParserConfig.builder(name, db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(9000 + (int) (System.nanoTime() & 0xff))
                .start(StartConfig.at(start.file(), start.position()))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
        return new InstanceConfig(name, parser, SinkFilters.none(), StoreConfig.defaults());
    }
}
