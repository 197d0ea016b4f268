package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.FileMetaConfig;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.Failover;
import io.collector.server.parser.ParserConfig.Source;
import io.collector.server.service.Message;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.TcpFaultProxy;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination that follows its source from a primary to a promoted replica (MariaDB GTID replication with
 * {@code log_slave_updates}) while a writer keeps writing, and one that finds its source's binlog reset.
 */
class SourceFailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFailoverIT.class);
    static final Duration WAIT = Duration.ofSeconds(90);

    /** Writers of the running test, stopped after it whatever its outcome. */
    private final List<FailoverWriter> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() throws InterruptedException {
        for (FailoverWriter w : writers) {
            w.close();
        }
    }

    private FailoverWriter writer(TestMariaDb first) {
        FailoverWriter w = new FailoverWriter(first);
        writers.add(w);
        return w;
    }

    static TestMariaDb server(int serverId) {
        return TestMariaDb.builder().withArgs("--server-id=" + serverId, "--log-slave-updates=ON").build().start();
    }

    /** {@code replica} replicates {@code primary} by GTID, with the test table on both. */
    static void replicate(TestMariaDb primary, TestMariaDb replica) {
        replica.execute("CHANGE MASTER TO MASTER_HOST='" + primary.host() + "', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='" + primary.replicationUser() + "', MASTER_PASSWORD='"
                + primary.replicationPassword() + "', MASTER_USE_GTID=slave_pos", "START SLAVE");
        primary.execute("CREATE DATABASE shop", "CREATE TABLE shop.t (id INT PRIMARY KEY, v VARCHAR(20))");
        await("table replicated", () -> "1".equals(replica.queryString(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'shop' AND table_name = 't'")));
    }

    /** Applies what the replica received, then makes it a primary. */
    static void promote(TestMariaDb replica) {
        Map<String, Object> status = replica.query("SHOW SLAVE STATUS").get(0);
        String received = String.valueOf(status.get("Gtid_IO_Pos"));
        replica.execute("SELECT MASTER_GTID_WAIT('" + received + "', 60)", "STOP SLAVE", "RESET SLAVE ALL");
        LOG.info("replica promoted after applying {}", received);
    }

    private static InstanceConfig config(String destination, TestMariaDb source, boolean gtid, List<TestMariaDb> standbys) {
        Failover failover = new Failover(standbys.stream().map(s -> new Source(s.host(), s.port())).toList(),
                "SELECT 1", Duration.ofMillis(300), 2, Duration.ofSeconds(2));
        ParserConfig parser = ParserConfig.builder(destination, source.host(), source.port())
                .user(source.replicationUser(), source.replicationPassword()).serverId(7000 + destination.length())
                .gtidMode(gtid).heartbeat(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(2))
                .retry(Duration.ofMillis(100), Duration.ofSeconds(1)).failover(failover).build();
        return new InstanceConfig(destination, parser, SinkFilters.none(), StoreConfig.defaults());
    }

    @Test
    void killOfThePrimaryFollowsThePromotedReplicaByGtidWithNothingLostOrRepeated() throws Exception {
        try (TestMariaDb primary = server(1); TestMariaDb replica = server(2)) {
            replicate(primary, replica);
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            DestinationStats stats = new DestinationStats();
            try (Pipeline p = Pipeline.start(config("gtidfailover", primary, true, List.of(replica)), meta, stats)) {
                Consumer consumer = new Consumer(p);
                awaitStreaming(primary, consumer);
                FailoverWriter writer = writer(primary);
                consumer.takeUntil(ids -> ids.size() >= 60);
                // the replica holds every committed row at the kill (a tail it never received would be lost)
                writer.pause();
                await("replica caught up", () -> ids(replica).size() == ids(primary).size());
                primary.kill();
                promote(replica);
                int firstOnReplica = writer.moveTo(replica);
                writer.awaitRowsAfterMove(90);
                writer.close();
                List<Integer> onReplica = ids(replica);
                consumer.takeUntil(ids -> ids.containsAll(onReplica));
                assertDeliveredOnce(consumer, onReplica, firstOnReplica);
                assertThat(p.destination().parser().failure()).isNull();
                assertThat(stats.parser().sourceChanges()).isEqualTo(1);
                assertThat(stats.parser().sourceServerId()).isEqualTo(2);
                assertThat(stats.parser().source()).contains(":" + replica.port());
            }
        }
    }

    @Test
    void anotherServerBehindTheSameAddressIsFollowedByGtid() throws Exception {
        try (TestMariaDb primary = server(1); TestMariaDb replica = server(2);
             TcpFaultProxy vip = new TcpFaultProxy(primary.host(), primary.port())) {
            replicate(primary, replica);
            DestinationStats stats = new DestinationStats();
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            InstanceConfig config = config("vip", primary, true, List.of());
            ParserConfig viaVip = config.parser().toBuilder().source("127.0.0.1", vip.port()).serverId(7100)
                    .build();
            try (Pipeline p = Pipeline.start(new InstanceConfig("vip", viaVip, SinkFilters.none(),
                    StoreConfig.defaults()), meta, stats)) {
                Consumer consumer = new Consumer(p);
                awaitStreaming(primary, consumer);
                FailoverWriter writer = writer(primary);
                consumer.takeUntil(ids -> ids.size() >= 30);
                writer.pause();
                await("replica caught up", () -> ids(replica).size() == ids(primary).size());
                promote(replica);
                vip.retarget(replica.host(), replica.port());
                vip.cutAll();
                int firstOnReplica = writer.moveTo(replica);
                writer.awaitRowsAfterMove(30);
                writer.close();
                List<Integer> onReplica = ids(replica);
                consumer.takeUntil(ids -> ids.containsAll(onReplica));
                assertDeliveredOnce(consumer, onReplica, firstOnReplica);
                assertThat(stats.parser().sourceChanges()).isEqualTo(1);
                assertThat(stats.parser().sourceServerId()).isEqualTo(2);
            }
        }
    }

    @Test
    void plannedSwitchWithoutGtidsResumesByTimestampAndRepeatsOnlyTheAnnouncedInterval() throws Exception {
        try (TestMariaDb primary = server(1); TestMariaDb replica = server(2)) {
            replicate(primary, replica);
            try (Pipeline p = Pipeline.start(config("tsfailover", primary, false, List.of(replica)))) {
                Consumer consumer = new Consumer(p);
                awaitStreaming(primary, consumer);
                FailoverWriter writer = writer(primary);
                consumer.takeUntil(ids -> ids.size() >= 60);
                writer.pause();
                await("replica caught up", () -> ids(replica).size() == ids(primary).size());
                primary.close();
                promote(replica);
                int firstOnReplica = writer.moveTo(replica);
                writer.awaitRowsAfterMove(30);
                writer.close();
                List<Integer> onReplica = ids(replica);
                consumer.takeUntil(ids -> new LinkedHashSet<>(ids).containsAll(onReplica)
                        && ids.get(ids.size() - 1) >= onReplica.get(onReplica.size() - 1));
                assertThat(new LinkedHashSet<>(consumer.ids)).containsExactlyElementsOf(onReplica);
                // every row delivered twice was committed within the announced 2 s before the last one delivered
                // from the old primary, and every row of that last second came again
                List<Integer> repeated = consumer.repeated();
                long lastBeforeSwitch = consumer.lastTimeBeforeFirstRepeat();
                LOG.info("timestamp fallback: {} rows of {} delivered again", repeated.size(), onReplica.size());
                assertThat(repeated).isNotEmpty().allSatisfy(id -> assertThat(id).isLessThan(firstOnReplica));
                assertThat(consumer.executeTimesOf(repeated))
                        .allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(lastBeforeSwitch - 2_000));
                assertThat(consumer.idsDeliveredBeforeTheSwitchAt(lastBeforeSwitch)).isNotEmpty().isSubsetOf(repeated);
            }
        }
    }

    @Test
    void aCursorInsideATransactionResumesOnThePromotedReplicaAfterTheAckedEntries(@TempDir Path dir) throws Exception {
        try (TestMariaDb primary = server(1); TestMariaDb replica = server(2)) {
            replicate(primary, replica);
            FileMetaManager meta = new FileMetaManager(new FileMetaConfig(dir, 0));
            meta.start();
            InstanceConfig config = config("partial", primary, true, List.of(replica));
            try (Pipeline p = Pipeline.start(config, meta)) {
                Consumer consumer = new Consumer(p);
                awaitStreaming(primary, consumer);
                insert(primary, 1, 5);
                insert(primary, 6, 10);
                consumer.takeUntil(ids -> ids.size() >= 3);
                assertThat(consumer.ids).containsExactly(1, 2, 3);
            }
            meta.stop();
            await("replica caught up", () -> ids(replica).size() == 10);
            primary.kill();
            promote(replica);
            insert(replica, 11, 13);
            FileMetaManager again = new FileMetaManager(new FileMetaConfig(dir, 0));
            again.start();
            try (Pipeline p = Pipeline.start(config, again)) {
                Consumer consumer = new Consumer(p);
                consumer.takeUntil(ids -> ids.size() >= 10);
                consumer.takeFor(Duration.ofMillis(500));
                assertThat(consumer.ids).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
            } finally {
                again.stop();
            }
        }
    }

    /** One transaction inserting ids {@code from..to}, one statement (one rows entry) each. */
    private static void insert(TestMariaDb db, int from, int to) {
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN");
        for (int id = from; id <= to; id++) {
            statements.add("INSERT INTO shop.t VALUES (" + id + ", 'tx')");
        }
        statements.add("COMMIT");
        db.execute(statements.toArray(String[]::new));
    }

    @Test
    void resetMasterWhileStoppedStopsTheDestinationInsteadOfSkipping(@TempDir Path dir) throws Exception {
        try (TestMariaDb solo = server(1)) {
            solo.execute("CREATE DATABASE shop", "CREATE TABLE shop.t (id INT PRIMARY KEY, v VARCHAR(20))");
            FileMetaManager meta = new FileMetaManager(new FileMetaConfig(dir, 0));
            meta.start();
            try (Pipeline p = Pipeline.start(config("reset", solo, true, List.of()), meta)) {
                Consumer consumer = new Consumer(p);
                awaitStreaming(solo, consumer);
                FailoverWriter writer = writer(solo);
                consumer.takeUntil(ids -> ids.size() >= 30);
                writer.close();
            }
            meta.stop();
            solo.execute("RESET MASTER");
            for (int i = 0; i < 60; i++) {
                solo.execute("INSERT INTO shop.t VALUES (" + (100_000 + i) + ", 'after reset')");
            }
            FileMetaManager again = new FileMetaManager(new FileMetaConfig(dir, 0));
            again.start();
            try (Pipeline p = Pipeline.start(config("reset", solo, true, List.of()), again)) {
                await("parser stopped", () -> p.destination().parser().failure() != null);
                assertThat(p.destination().parser().failure()).hasMessageContaining("was reset or replaced");
                assertThat(p.service().getWithoutAck(p.client(), 100, 200, TimeUnit.MILLISECONDS).events()).isEmpty();
            } finally {
                again.stop();
            }
        }
    }

    static void assertDeliveredOnce(Consumer consumer, List<Integer> onReplica, int firstOnReplica) {
        assertThat(consumer.repeated()).isEmpty();
        assertThat(consumer.ids).isSorted().containsAll(onReplica);
        List<Integer> notOnReplica = consumer.ids.stream().filter(id -> !onReplica.contains(id)).toList();
        LOG.info("failover: {} rows delivered, {} on the promoted replica, {} read from the primary only",
                consumer.ids.size(), onReplica.size(), notOnReplica.size());
        assertThat(notOnReplica).allSatisfy(id -> assertThat(id).isLessThan(firstOnReplica));
        assertThat(consumer.globalIds).isSorted().doesNotHaveDuplicates();
    }

    /** Writes marker rows (negative ids, not counted) until the destination delivers one: it reads the binlog. */
    static void awaitStreaming(TestMariaDb db, Consumer consumer) {
        for (int marker = -1; !consumer.streaming; marker--) {
            db.execute("INSERT INTO shop.t VALUES (" + marker + ", 'marker')");
            consumer.takeFor(Duration.ofMillis(500));
            assertThat(-marker).as("markers written before the destination delivered one").isLessThan(200);
        }
    }

    static void await(String what, java.util.function.BooleanSupplier condition) {
        FailoverWriter.awaitCondition(what, condition);
    }

    static List<Integer> ids(TestMariaDb db) {
        return db.query("SELECT id FROM shop.t WHERE id > 0 ORDER BY id").stream().map(r -> ((Number) r.get("id")).intValue())
                .toList();
    }

    /** Gets in batches of 2 entries (so acks fall inside transactions) and acks each batch. */
    static final class Consumer {

        private final Pipeline pipeline;
        final List<Integer> ids = new ArrayList<>();
        final List<Long> executeTimes = new ArrayList<>();
        private final List<Long> globalIds = new ArrayList<>();
        private boolean streaming;

        Consumer(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        void takeUntil(java.util.function.Predicate<List<Integer>> done) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.test(ids)) {
                assertThat(System.nanoTime()).as("rows received in time: " + ids.size()).isLessThan(deadline);
                takeOnce();
            }
        }

        void takeFor(Duration time) {
            long deadline = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < deadline) {
                takeOnce();
            }
        }

        /** One get of at most 2 entries, acked; marker rows (id &lt;= 0) only mark that rows arrive. */
        private void takeOnce() {
            assertThat(pipeline.destination().parser().failure()).isNull();
            Message m = pipeline.service().getWithoutAck(pipeline.client(), 2, 100, TimeUnit.MILLISECONDS);
            for (ChangeEvent e : m.events()) {
                globalIds.add(e.globalId());
                for (Map<String, String> row : Pipeline.rowImages(List.of(e))) {
                    int id = Integer.parseInt(row.get("id"));
                    streaming = true;
                    if (id > 0) {
                        ids.add(id);
                        executeTimes.add(e.header().getExecuteTime());
                    }
                }
            }
            if (m.batchId() > 0) {
                pipeline.service().ack(pipeline.client(), m.batchId());
            }
        }

        /** The binlog time of the row delivered just before the first row delivered a second time. */
        long lastTimeBeforeFirstRepeat() {
            Set<Integer> seen = new LinkedHashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!seen.add(ids.get(i))) {
                    return executeTimes.get(i - 1);
                }
            }
            throw new AssertionError("no row was delivered twice");
        }

        /**
         * The ids whose binlog time is {@code ms}, among the rows delivered before the first repeat (from the old
         * primary); rows of that second delivered only after the switch are no repeats.
         */
        List<Integer> idsDeliveredBeforeTheSwitchAt(long ms) {
            List<Integer> at = new ArrayList<>();
            Set<Integer> seen = new LinkedHashSet<>();
            for (int i = 0; i < ids.size() && seen.add(ids.get(i)); i++) {
                if (executeTimes.get(i) == ms) {
                    at.add(ids.get(i));
                }
            }
            return at;
        }

        List<Integer> repeated() {
            Set<Integer> seen = new LinkedHashSet<>();
            return ids.stream().filter(id -> !seen.add(id)).toList();
        }

        /** The binlog time of the first delivery of each id. */
        List<Long> executeTimesOf(List<Integer> wanted) {
            return wanted.stream().map(id -> executeTimes.get(ids.indexOf(id))).toList();
        }
    }

}
