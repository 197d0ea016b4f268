package io.collector.server.publish.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.daemon.Cluster;
import io.collector.server.position.Cursor;
import io.collector.server.testing.Await;
import io.collector.server.testkit.TestMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector processes in kafka mode, started with {@code bin/startup.sh}, share one destination through a
 * real ZooKeeper and publish to a real broker while a writer streams small transactions (inserts, and updates
 * of earlier rows) into MariaDB. The leader is killed with {@code kill -9} five times (exactly-once) or three
 * times (at-least-once), each time only once a {@code read_committed} consumer saw it publish and it acknowledged
 * a batch since it took over, so every kill lands mid-stream; the killed server is started again as the next standby. Exactly-once: the consumer sees
 * every row event exactly once, in order, and each new leader resumed from the positions topic. At-least-once:
 * nothing is lost, rows repeat only as a redelivered tail, each new leader resumed from the cursor the killed
 * one left in ZooKeeper, and the duplicates are counted. (Server logs stay in the temporary folder on failure.)
 */
class KafkaFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Kills of the leader: five for exactly-once (the kill loop), three for at-least-once. */
    private static final int KILLS_EXACTLY_ONCE = 5;
    private static final int KILLS = 3;
    private static final int PARTITIONS = 3;
    /** Records a leader must have published since it took over before it is killed. */
    private static final int PROGRESS = 200;

    private static TestMariaDb db;
    private static TestingServer zk;
    private static KafkaTestCluster kafka;
    private static ZkCursors cursors;

    @BeforeAll
    static void startServices() throws Exception {
        db = TestMariaDb.builder().build().start();
        zk = new TestingServer(true);
        kafka = KafkaTestCluster.start();
        cursors = new ZkCursors(zk.getConnectString());
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (cursors != null) {
            cursors.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void exactlyOnceReadCommittedSeesEveryRowOnceAcrossLeaderKills(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        long began = System.nanoTime();
        Run run = failover(dir, "eos", "exactly-once", KILLS_EXACTLY_ONCE);

        assertThat(Deliveries.byKey(run.records())).as("row events per key").isEqualTo(run.expected());
        Deliveries.assertBinlogOrderPerPartition(run.records());
        List<String> resumed = run.resumedFrom("Kafka publisher ready; resuming from ");
        assertThat(resumed).as("takeovers resuming from a committed position")
                .hasSizeGreaterThanOrEqualTo(KILLS_EXACTLY_ONCE);
        assertThat(committedPositions("eos")).as("positions committed in the positions topic").containsAll(resumed);
        // records of the transactions the kills left open, aborted when the next leader took over
        int aborted = KafkaIts.readAll(kafka, List.of(run.topic()), false).size() - run.records().size();
        System.out.printf("exactly-once: %d records of aborted transactions, invisible to read_committed%n",
                aborted);
        run.print("exactly-once", began);
    }

    @Test
    void atLeastOnceLosesNothingAndOnlyRedeliversTails(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        long began = System.nanoTime();
        Run run = failover(dir, "alo", "at-least-once", KILLS);

        Map<Integer, List<String>> byKey = Deliveries.byKey(run.records());
        assertThat(byKey.keySet()).as("row ids").isEqualTo(run.expected().keySet());
        run.expected().forEach((id, events) -> Deliveries.assertReplayOf(events, byKey.get(id)));
        Deliveries.assertRedeliveriesAreTails(run.records());
        List<String> dumps = run.resumedFrom("dumping 127.0.0.1:" + db.port() + " from ");
        for (Cursor left : run.cursorsLeft()) {
            assertThat(dumps).as("a leader resumed from the ZooKeeper cursor %s", left)
                    .contains(left.restart().toString());
        }
        int events = run.expected().values().stream().mapToInt(List::size).sum();
        int duplicates = byKey.values().stream().mapToInt(List::size).sum() - events;
        System.out.printf("at-least-once duplicates: %d of %d rows (%d row events: inserts and updates)%n",
                duplicates, run.expected().size(), events);
        run.print("at-least-once", began);
    }

    /** Streams into {@code kfo_<destination>}, kills the leader {@code kills} times, and reads the topic back. */
    private static Run failover(Path dir, String destination, String guarantee, int kills) throws Exception {
        String database = "kfo_" + destination;
        String topic = "kfo." + destination;
        RowWriter.createTables(db, database);
        createTopic(topic);
        Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), destination,
                kafkaMode(guarantee, topic, database));
        RowWriter writer = new RowWriter(db, database, 1_000_000, 7, 3);
        Takeovers takeovers;
        try (TopicFollower follower = new TopicFollower(kafka, topic)) {
            writer.start();
            takeovers = new Takeovers(cluster, follower, destination);
            for (int kill = 1; kill <= kills; kill++) {
                takeovers.killLeaderMidStream();
            }
            writer.stop();
            writer.await();
            awaitDoneMarker(follower);
            cluster.assertNoOverlappingLeadership();
            // every start (2 + one per kill) warms its Kafka clients up against the broker
            Await.until("every server start found the broker", WAIT, () -> cluster.logLines("Kafka at "
                    + kafka.bootstrapServers() + " answers: cluster ").size() == 2 + kills);
        } finally {
            writer.stop();
            cluster.stopAll();
        }
        return new Run(destination, topic, KafkaIts.readAll(kafka, List.of(topic), true), expected(database),
                takeovers.millis, takeovers.cursorsLeft, cluster);
    }

    /** Kills the leader once it made progress and measures until its successor's first committed record. */
    private static final class Takeovers {

        final List<Long> millis = new ArrayList<>();
        final List<Cursor> cursorsLeft = new ArrayList<>();
        private final Cluster cluster;
        private final TopicFollower follower;
        private final String destination;
        private Progress progress;

        Takeovers(Cluster cluster, TopicFollower follower, String destination) {
            this.cluster = cluster;
            this.follower = follower;
            this.destination = destination;
            this.progress = new Progress(follower, destination, 0, 0, -1);
        }

        void killLeaderMidStream() throws Exception {
            progress.awaitLeaderProgress();
            long killedAt = cluster.killLeader();
            Cursor left = cursors.read(destination).orElseThrow();
            cursorsLeft.add(left);
            progress = new Progress(follower, destination, follower.read().size(), System.currentTimeMillis(),
                    left.globalId());
            // the killed server comes back as the next standby while the other one takes over
            CompletableFuture<Void> restarted = CompletableFuture.runAsync(cluster::restartDead,
                    task -> new Thread(task, "restart-" + destination).start());
            millis.add((progress.awaitFirst() - killedAt) / 1_000_000);
            restarted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Cluster.Extra kafkaMode(String guarantee, String topic, String database) {
        return new Cluster.Extra(List.of("collector.mode = kafka",
                "kafka.bootstrap.servers = " + kafka.bootstrapServers(),
                "collector.kafka.guarantee = " + guarantee,
                "kafka.linger.ms = 5",
                // small batches back to back: a kill often finds a transaction open
                "collector.kafka.get.timeout = 10ms",
                "collector.kafka.retry.delay = 100ms",
                "collector.kafka.retry.max.delay = 1s"),
                List.of("collector.instance.kafka.topic = " + topic,
                        "collector.instance.kafka.partition.hash = " + database + "\\\\.t:$pk$"));
    }

    /** Made here, so the follower can subscribe before the first leader publishes. */
    private static void createTopic(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
    }

    /**
     * The current leader's progress: the records created after it took over (read from index {@code from} on),
     * and its acknowledged cursor in ZooKeeper, compared with the one the killed leader left.
     */
    private record Progress(TopicFollower follower, String destination, int from, long sinceMillis,
                            long acknowledgedBefore) {

        /** Waits until the leader published {@value KafkaFailoverIT#PROGRESS} records and acknowledged a batch. */
        void awaitLeaderProgress() {
            Await.until(PROGRESS + " committed records and an acknowledgement since " + sinceMillis, WAIT, () -> {
                follower.poll();
                return fromLeader().count() >= PROGRESS && cursors.globalId(destination) > acknowledgedBefore;
            });
        }

        /** Waits for the first committed record of the new leader; returns System.nanoTime() it was read. */
        long awaitFirst() {
            Await.until("a committed record from the new leader", WAIT, () -> {
                follower.poll();
                return fromLeader().findAny().isPresent();
            });
            return fromLeader().findFirst().orElseThrow().atNanos();
        }

        private Stream<TopicFollower.Read> fromLeader() {
            List<TopicFollower.Read> read = follower.read();
            // a record created after the kill returned is not the dead leader's
            return read.subList(from, read.size()).stream().filter(r -> r.record().timestamp() > sinceMillis);
        }
    }

    /** The writer's last row, in {@code notes}, is committed: so is everything before it. */
    private static void awaitDoneMarker(TopicFollower follower) {
        int[] scanned = {0};
        Await.until("the writer's done marker is committed", WAIT, () -> {
            follower.poll();
            List<TopicFollower.Read> read = follower.read();
            boolean found = read.subList(scanned[0], read.size()).stream()
                    .anyMatch(r -> "notes".equals(KafkaIts.json(r.record()).get("table")));
            scanned[0] = read.size();
            return found;
        });
    }

    /** Per id, the row events the database's final state implies: the insert, then the update if it ran. */
    private static Map<Integer, List<String>> expected(String database) {
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (Map<String, Object> row : db.queryIn(database, "SELECT id, v FROM t")) {
            int id = ((Number) row.get("id")).intValue();
            List<String> events = new ArrayList<>(List.of("I:" + id + ":0"));
            if (((Number) row.get("v")).intValue() == 1) {
                events.add("U:" + id + ":1");
            }
            expected.put(id, events);
        }
        return expected;
    }

    /** Every position committed for {@code destination} in the positions topic, as the publisher logs them. */
    private static Set<String> committedPositions(String destination) {
        String topic = KafkaServerConfig.DEFAULT_POSITIONS_TOPIC;
        return KafkaIts.readAll(kafka, List.of(topic), true).stream()
                .filter(r -> destination.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> CursorJson.read(r.value(), topic).toString())
                .collect(Collectors.toSet());
    }

    /** What one failover run gave: the topic's records, the expected events, and the measured takeovers. */
    private record Run(String destination, String topic, List<ConsumerRecord<byte[], byte[]>> records,
                       Map<Integer, List<String>> expected, List<Long> takeoverMillis, List<Cursor> cursorsLeft,
                       Cluster cluster) {

        /** What follows {@code text} in the destination's log lines holding it, from every server. */
        List<String> resumedFrom(String text) {
            String prefix = "[destination=" + destination + "] " + text;
            return cluster.logLines(prefix).stream()
                    .map(line -> line.substring(line.indexOf(prefix) + prefix.length()))
                    .filter(from -> !from.equals("the configured start"))
                    .toList();
        }

        void print(String guarantee, long beganNanos) {
            System.out.printf("%s failover: %d rows, %d row events, %d records; kill -9 to the first committed"
                            + " record of the new leader (ms): %s; test took %d ms%n", guarantee, expected.size(),
                    expected.values().stream().mapToInt(List::size).sum(), records.size(), takeoverMillis,
                    (System.nanoTime() - beganNanos) / 1_000_000);
        }
    }
}
