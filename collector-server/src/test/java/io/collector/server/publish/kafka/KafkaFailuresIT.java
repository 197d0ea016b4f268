package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.error.FencedException;
import io.collector.server.instance.Destination;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.position.Cursor;
import io.collector.server.publish.PublisherStatus.Phase;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures while a stream runs: the broker goes away and comes back; an exactly-once destination is taken
 * over again and again by a new instance of itself (same transactional id); an at-least-once destination
 * restarts from an older cursor, as after a crash.
 */
class KafkaFailuresIT {

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

    private static StartConfig here() {
        var status = db.masterStatus();
        return StartConfig.at(status.file(), status.position());
    }

    private static KafkaPublisherConfig config(String destination, Guarantee guarantee, Map<String, String> client) {
        KafkaServerConfig server = KafkaIts.server(kafka, guarantee, 1);
        Map<String, String> properties = new HashMap<>(server.clientProperties());
        properties.putAll(client);
        return new KafkaPublisherConfig(destination, server.withClientProperties(properties),
                TopicRouter.perDatabase("", destination), Partitioner.byTable());
    }

    private static Destination start(String destination, StartConfig start, KafkaPublisherConfig config,
                                     MemoryMetaManager meta) {
        return KafkaIts.start(KafkaIts.config(db, destination, start, config), meta);
    }

    private static MemoryMetaManager meta() {
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        return meta;
    }

    /** The in-process entries of the range, and their row events ({@code I:id:v}, {@code U:id:v}) of table t. */
    private static List<String> reference(String database, StartConfig start) {
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "ref-" + database, start))) {
            List<ChangeEvent> events = p.takeUntil(Workloads::sawDoneMarker, KafkaIts.WAIT);
            List<String> rows = new ArrayList<>();
            for (ChangeEvent e : Pipeline.rowsEntries(events)) {
                if (e.qualifiedTable().equals(database + ".t")) {
                    String type = e.rowChange().getEventType().name().substring(0, 1);
                    Pipeline.rowImages(List.of(e)).forEach(r -> rows.add(type + ":" + r.get("id") + ":" + r.get("v")));
                }
            }
            return rows;
        }
    }

    /** The row events of table t in a topic of one partition, in offset order. */
    private static List<String> published(String topic, boolean readCommitted) {
        List<String> rows = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaIts.readAll(kafka, List.of(topic), readCommitted)) {
            Map<String, Object> m = KafkaIts.json(r);
            if ("t".equals(m.get("table"))) {
                String type = m.get("type").toString().substring(0, 1);
                for (Object row : (List<?>) m.get("data")) {
                    Map<?, ?> values = (Map<?, ?>) row;
                    rows.add(type + ":" + values.get("id") + ":" + values.get("v"));
                }
            }
        }
        return rows;
    }

    private static long doneGlobalId(String database, StartConfig start) {
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "marker-" + database, start))) {
            return Workloads.doneMarker(p.takeUntil(Workloads::sawDoneMarker, KafkaIts.WAIT)).globalId();
        }
    }

    @Test
    void publisherWaitsOutABrokerOutageAndLosesNothing() throws Exception {
        String name = "outage";
        RowWriter.createTables(db, name);
        StartConfig start = here();
        KafkaPublisherConfig config = config(name, Guarantee.AT_LEAST_ONCE, Map.of("delivery.timeout.ms", "3000",
                "request.timeout.ms", "1000", "linger.ms", "0", "max.block.ms", "2000"));
        Destination d = start(name, start, config, meta());
        RowWriter writer = new RowWriter(db, name, 3000, 10, 5).start();
        try {
            Await.until("some rows published", KafkaIts.WAIT, () -> KafkaIts.publisher(d).status().rows() > 300);
            kafka.stopBroker();
            Await.until("the publisher reports the outage", KafkaIts.WAIT,
                    () -> KafkaIts.publisher(d).status().phase() == Phase.RETRYING);
            assertThat(KafkaIts.publisher(d).status().lastError()).isNotBlank();
            assertThat(d.failure()).isNull();
            kafka.startBroker();
            writer.await();
            KafkaIts.awaitPublished(d, doneGlobalId(name, start));
        } finally {
            d.stop();
        }
        List<String> expected = reference(name, start);
        List<String> published = published(name, false);
        assertThat(new ArrayList<>(new LinkedHashSet<>(published))).isEqualTo(expected);
        assertReplaysOnly(published, expected);
    }

    /**
     * At-least-once duplicates are replays: the published sequence is the expected one with, at each point,
     * possibly a stretch of already published events again.
     */
    private static void assertReplaysOnly(List<String> published, List<String> expected) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            index.put(expected.get(i), i);
        }
        int highest = -1;
        for (String event : published) {
            int i = index.get(event);
            assertThat(i).as("event %s after %s", event, highest < 0 ? "nothing" : expected.get(highest))
                    .isLessThanOrEqualTo(highest + 1);
            highest = Math.max(highest, i);
        }
    }

    @Test
    void exactlyOnceSurvivesRepeatedTakeoversByANewInstance() throws Exception {
        String name = "eos";
        RowWriter.createTables(db, name);
        StartConfig start = here();
        KafkaPublisherConfig config = config(name, Guarantee.EXACTLY_ONCE, Map.of());
        RowWriter writer = new RowWriter(db, name, 3000, 7, 3).start();
        Destination current = start(name, start, config, meta());
        for (int takeover = 1; takeover <= 3; takeover++) {
            Destination old = current;
            long rows = KafkaIts.publisher(old).status().rows();
            Await.until("more rows published", KafkaIts.WAIT, () -> KafkaIts.publisher(old).status().rows() > rows + 200);
            current = start(name, start, config, meta());
            Destination successor = current;
            Await.until("the successor publishes", KafkaIts.WAIT,
                    () -> KafkaIts.publisher(successor).status().batches() > 0);
            Await.until("the old instance is fenced", KafkaIts.WAIT, () -> old.failure() != null);
            assertThat(old.failure()).isInstanceOf(FencedException.class);
            assertThat(KafkaIts.publisher(old).status().phase()).isEqualTo(Phase.FENCED);
            old.stop();
        }
        try {
            writer.await();
            KafkaIts.awaitPublished(current, doneGlobalId(name, start));
        } finally {
            current.stop();
        }
        assertThat(published(name, true)).isEqualTo(reference(name, start));
    }

    @Test
    void atLeastOnceRestartFromAnOlderCursorOnlyRepeats() throws Exception {
        String name = "alo";
        RowWriter.createTables(db, name);
        StartConfig start = here();
        KafkaPublisherConfig config = config(name, Guarantee.AT_LEAST_ONCE, Map.of());
        RowWriter writer = new RowWriter(db, name, 3000, 10, 2).start();
        MemoryMetaManager first = meta();
        Destination d = start(name, start, config, first);
        Await.until("some rows published", KafkaIts.WAIT, () -> KafkaIts.publisher(d).status().rows() > 500);
        Cursor lastFlushed = first.cursor(name, KafkaPublisher.CLIENT_ID).orElseThrow();
        Await.until("more rows published", KafkaIts.WAIT, () -> KafkaIts.publisher(d).status().rows() > 1500);
        d.stop();
        long publishedBeforeCrash = KafkaIts.publisher(d).status().rows();

        MemoryMetaManager restored = meta();
        restored.subscribe(name, KafkaPublisher.CLIENT_ID, "");
        restored.updateCursor(name, KafkaPublisher.CLIENT_ID, lastFlushed);
        Destination again = start(name, start, config, restored);
        try {
            writer.await();
            KafkaIts.awaitPublished(again, doneGlobalId(name, start));
        } finally {
            again.stop();
        }
        List<String> expected = reference(name, start);
        List<String> published = published(name, false);
        Set<String> distinct = new LinkedHashSet<>(published);
        assertThat(new ArrayList<>(distinct)).isEqualTo(expected);
        assertReplaysOnly(published, expected);
        int duplicates = published.size() - distinct.size();
        assertThat(duplicates).isPositive().isLessThan((int) publishedBeforeCrash);
        System.out.printf("at-least-once restart from an older cursor: %d events, %d duplicates%n",
                expected.size(), duplicates);
    }
}
