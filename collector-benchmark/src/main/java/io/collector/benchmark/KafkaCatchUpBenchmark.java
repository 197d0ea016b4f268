package io.collector.benchmark;

import io.collector.server.instance.Destination;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.publish.PublisherStatus;
import io.collector.server.publish.kafka.Guarantee;
import io.collector.server.publish.kafka.KafkaPublisherConfig;
import io.collector.server.publish.kafka.KafkaServerConfig;
import io.collector.server.publish.kafka.KafkaTestCluster;
import io.collector.server.publish.kafka.Partitioner;
import io.collector.server.publish.kafka.RecordFormat;
import io.collector.server.publish.kafka.TopicRouter;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.MasterStatus;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Catch-up rate to Kafka: writes N rows (default 1,000,000) into a real MariaDB binlog, starts a one-node
 * Kafka in this JVM, then for each guarantee runs a destination from the start position (parser, store and
 * Kafka publisher, FlatMessage JSON, topic per database, partitions by table) until every row is acknowledged by
 * Kafka, and prints rows/s. Everything (MariaDB aside) shares this machine's cores with the broker.
 *
 * <p>With {@code -DpublishOnly=true} the binlog is first read into a store large enough for all of it, and only
 * then is the publisher started and timed: the publisher's own rate, without the parser competing for the cores.
 *
 * <p>Run: {@code mvn -q -pl collector-benchmark -am install -DskipTests} then
 * {@code mvn -q -pl collector-benchmark exec:java -Dexec.mainClass=io.collector.benchmark.KafkaCatchUpBenchmark
 * [-Drows=N] [-Druns=1] [-Dguarantees=at-least-once,exactly-once] [-Dformat=json|protobuf] [-DbatchSize=1000]
 * [-DpublishOnly=true]}.
 */
public final class KafkaCatchUpBenchmark {

    private KafkaCatchUpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 1_000_000);
        int runs = Integer.getInteger("runs", 1);
        String[] guarantees = System.getProperty("guarantees", "at-least-once,exactly-once").split(",");
        RecordFormat format = RecordFormat.parse(System.getProperty("format", "json")).orElseThrow();
        try (TestMariaDb db = TestMariaDb.builder().withArgs("--max-binlog-size=1073741824").build().start();
             KafkaTestCluster kafka = KafkaTestCluster.start()) {
            MasterStatus start = ParserCatchUpBenchmark.write(db, rows);
            for (int run = 1; run <= runs; run++) {
                for (String g : guarantees) {
                    Guarantee guarantee = Guarantee.parse(g).orElseThrow();
                    String prefix = "bench-" + guarantee.spelling() + "-" + run + ".";
                    boolean publishOnly = Boolean.getBoolean("publishOnly");
                    double seconds = publishOnly ? PublishOnly.run(config(db, kafka, start, "po" + run
                            + guarantee.ordinal(), guarantee, format, prefix), rows)
                            : catchUp(db, kafka, start, rows, guarantee, format, prefix);
                    System.out.printf(Locale.ROOT, "%s%s %s run %d: %,d rows in %.2f s = %,.0f rows/s%n",
                            publishOnly ? "publish only, " : "", guarantee.spelling(), format.spelling(), run, rows,
                            seconds, rows / seconds);
                }
            }
        }
    }

    private static double catchUp(TestMariaDb db, KafkaTestCluster kafka, MasterStatus start, int rows,
                                  Guarantee guarantee, RecordFormat format, String prefix) {
        String name = "bench" + guarantee.ordinal() + prefix.hashCode();
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        Destination d = new Destination(config(db, kafka, start, name, guarantee, format, prefix), meta);
        long began = System.nanoTime();
        d.start();
        try {
            while (status(d).rows() < rows) {
                if (d.failure() != null) {
                    throw new IllegalStateException("destination failed", d.failure());
                }
                if (System.nanoTime() - began > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("catch-up did not finish: " + status(d));
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            d.stop();
            meta.stop();
        }
    }

    private static PublisherStatus status(Destination d) {
        return d.publisher().orElseThrow().status();
    }

    static InstanceConfig config(TestMariaDb db, KafkaTestCluster kafka, MasterStatus start, String name,
                                         Guarantee guarantee, RecordFormat format, String prefix) {
        ParserConfig parser = ParserConfig.builder(name, db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(9000 + (int) (System.nanoTime() & 0xff))
                .start(StartConfig.at(start.file(), start.position()))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
        KafkaServerConfig server = KafkaServerConfig.defaults()
                .withClientProperties(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .withGuarantee(guarantee).withFormat(format)
                .withBatchSize(Integer.getInteger("batchSize", KafkaServerConfig.DEFAULT_BATCH_SIZE));
        KafkaPublisherConfig kafkaConfig = new KafkaPublisherConfig(name, server, TopicRouter.perDatabase(prefix, name),
                Partitioner.byTable());
        return new InstanceConfig(name, parser, SinkFilters.none(), StoreConfig.defaults(), kafkaConfig);
    }
}
