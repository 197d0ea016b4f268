package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.instance.Destination;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.publish.PublisherStatus.Phase;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A row larger than the producer's {@code max.request.size}: the destination stops with an error naming the
 * table, the binlog position, the size and the setting to raise, under both guarantees; it is not retried for
 * ever, not reported as fenced, and nothing is skipped.
 */
class KafkaOversizedIT {

    private static final int MAX_REQUEST = 200_000;
    private static TestMariaDb db;
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startServices() {
        db = TestMariaDb.builder().build().start();
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopServices() {
        if (kafka != null) {
            kafka.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Guarantee.class)
    void aRowAboveMaxRequestSizeStopsTheDestinationNamingTableSizeAndSetting(Guarantee guarantee) {
        String name = "big_" + guarantee.name().toLowerCase().replace('_', '0');
        db.execute("CREATE DATABASE " + name);
        db.executeIn(name, "CREATE TABLE blobs (id INT PRIMARY KEY, b LONGBLOB)");
        var status = db.masterStatus();
        StartConfig start = StartConfig.at(status.file(), status.position());
        db.executeIn(name, "INSERT INTO blobs VALUES (1, 'small')");
        db.executeIn(name, "INSERT INTO blobs VALUES (2, REPEAT('x', 300000))");
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        Destination d = KafkaIts.start(KafkaIts.config(db, name, start, config(name, guarantee)), meta);
        try {
            Await.until("the publisher gives up", KafkaIts.WAIT,
                    () -> KafkaIts.publisher(d).status().phase() == Phase.FAILED);
            Throwable failure = KafkaIts.publisher(d).failure();
            assertThat(failure).isInstanceOf(CollectorException.class).isNotInstanceOf(FencedException.class);
            assertThat(((CollectorException) failure).retriable()).isFalse();
            assertThat(failure.getMessage()).contains("table " + name + ".blobs", "binlog position " + status.file()
                    + ":", "kafka.max.request.size", "RecordTooLargeException").containsPattern("\\): 3\\d{5} bytes");
            List<String> ids = KafkaIts.readAll(kafka, List.of(name), guarantee == Guarantee.EXACTLY_ONCE).stream()
                    .map(r -> ((List<?>) KafkaIts.json(r).get("data")).get(0).toString()).toList();
            // at-least-once sends records one by one: the small row before it is in Kafka; exactly-once commits a
            // store batch as one transaction: the small row is there only if it came in an earlier batch
            assertThat(ids).hasSizeBetween(guarantee == Guarantee.EXACTLY_ONCE ? 0 : 1, 1)
                    .allMatch(row -> row.contains("id=1"));
            System.out.printf("%s: %s%n", guarantee, failure.getMessage());
        } finally {
            d.stop();
            meta.stop();
        }
    }

    private static KafkaPublisherConfig config(String destination, Guarantee guarantee) {
        KafkaServerConfig server = KafkaIts.server(kafka, guarantee, 1);
        Map<String, String> properties = new HashMap<>(server.clientProperties());
        properties.put("max.request.size", Integer.toString(MAX_REQUEST));
        properties.put("linger.ms", "0");
        return new KafkaPublisherConfig(destination, server.withClientProperties(properties),
                TopicRouter.perDatabase("", destination), Partitioner.byTable());
    }
}
