package io.collector.server.parser;

import static io.collector.server.parser.SourceFailoverIT.await;
import static io.collector.server.parser.SourceFailoverIT.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import io.collector.server.instance.Pipeline;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.parser.ParserConfig.Failover;
import io.collector.server.parser.ParserConfig.Source;
import io.collector.server.parser.ParserConfig.SwitchBack;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.TcpFaultProxy;
import io.collector.server.testkit.TestMariaDb;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A destination that lost its preferred source (a primary it reads through a proxy), reads the replica, and returns
 * to the old primary once that one is back as a replica of the promoted one and has caught up (GTID mode), or by
 * timestamp once the primary answers again (without GTIDs).
 */
class SourceSwitchBackIT {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSwitchBackIT.class);

    @Test
    void thePreferredSourceIsReadAgainOnceItHoldsEveryDeliveredTransaction() throws Exception {
        try (TestMariaDb primary = SourceFailoverIT.server(1); TestMariaDb replica = SourceFailoverIT.server(2);
             TcpFaultProxy link = new TcpFaultProxy(primary.host(), primary.port())) {
            SourceFailoverIT.replicate(primary, replica);
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            DestinationStats stats = new DestinationStats();
            try (Pipeline p = Pipeline.start(config(link, replica), meta, stats)) {
                SourceFailoverIT.Consumer consumer = new SourceFailoverIT.Consumer(p);
                SourceFailoverIT.awaitStreaming(primary, consumer);
                FailoverWriter writer = new FailoverWriter(primary);
                try {
                    switchOverAndBack(primary, replica, link, consumer, stats, writer);
                } finally {
                    writer.close();
                }
                assertThat(p.destination().parser().failure()).isNull();
                assertThat(stats.parser().sourceChanges()).isEqualTo(2);
                assertThat(stats.parser().source()).contains(":" + link.port());
            }
        }
    }

    /**
     * The primary is cut off from the collector (not from its replica), the replica promoted, the old primary made
     * its replica, first stopped, then started.
     */
    private static void switchOverAndBack(TestMariaDb primary, TestMariaDb replica, TcpFaultProxy link,
                                          SourceFailoverIT.Consumer consumer, DestinationStats stats,
                                          FailoverWriter writer) throws Exception {
        consumer.takeUntil(ids -> ids.size() >= 30);
        // the collector loses the primary (the writer and the replication do not)
        link.retarget("127.0.0.1", closedPort());
        link.cutAll();
        consumer.takeUntil(ids -> stats.parser().sourceServerId() == 2);
        // planned failover: the replica is promoted, the old primary becomes its (stopped) replica
        writer.pause();
        await("replica caught up", () -> ids(replica).size() == ids(primary).size());
        SourceFailoverIT.promote(replica);
        primary.execute("CHANGE MASTER TO MASTER_HOST='" + replica.host() + "', MASTER_PORT=" + replica.port()
                + ", MASTER_USER='" + replica.replicationUser() + "', MASTER_PASSWORD='"
                + replica.replicationPassword() + "', MASTER_USE_GTID=current_pos");
        int firstOnReplica = writer.moveTo(replica);
        writer.awaitRowsAfterMove(30);
        // the old primary answers again but lacks the promoted replica's transactions: no switch back
        link.retarget(primary.host(), primary.port());
        consumer.takeFor(Duration.ofMillis(1_500));
        assertThat(stats.parser().sourceServerId()).isEqualTo(2);
        primary.execute("START SLAVE");
        consumer.takeUntil(ids -> stats.parser().sourceServerId() == 1);
        writer.awaitRowsAfterMove(90);
        writer.close();
        List<Integer> all = ids(replica);
        await("old primary caught up", () -> ids(primary).equals(all));
        consumer.takeUntil(ids -> ids.containsAll(all));
        consumer.takeFor(Duration.ofMillis(500));
        SourceFailoverIT.assertDeliveredOnce(consumer, all, firstOnReplica);
    }

    @Test
    void withoutGtidsThePreferredSourceIsReadAgainByTimestampRepeatingOnlyTheAnnouncedInterval() throws Exception {
        try (TestMariaDb primary = SourceFailoverIT.server(1); TestMariaDb replica = SourceFailoverIT.server(2);
             TcpFaultProxy link = new TcpFaultProxy(primary.host(), primary.port())) {
            SourceFailoverIT.replicate(primary, replica);
            MemoryMetaManager meta = new MemoryMetaManager();
            meta.start();
            DestinationStats stats = new DestinationStats();
            try (Pipeline p = Pipeline.start(config("backts", link, replica, SwitchBack.TIMESTAMP), meta, stats)) {
                SourceFailoverIT.Consumer consumer = new SourceFailoverIT.Consumer(p);
                SourceFailoverIT.awaitStreaming(primary, consumer);
                FailoverWriter writer = new FailoverWriter(primary);
                try {
                    consumer.takeUntil(ids -> ids.size() >= 30);
                    link.retarget("127.0.0.1", closedPort());
                    link.cutAll();
                    consumer.takeUntil(ids -> stats.parser().sourceServerId() == 2);
                    int onReplica = consumer.ids.size();
                    consumer.takeUntil(ids -> ids.size() >= onReplica + 30);
                    link.retarget(primary.host(), primary.port());
                    consumer.takeUntil(ids -> stats.parser().sourceServerId() == 1);
                    int back = consumer.ids.size();
                    consumer.takeUntil(ids -> ids.size() >= back + 30);
                } finally {
                    writer.close();
                }
                List<Integer> all = ids(primary);
                consumer.takeUntil(ids -> ids.containsAll(all));
                consumer.takeFor(Duration.ofMillis(500));
                assertThat(new LinkedHashSet<>(consumer.ids)).containsExactlyElementsOf(all);
                List<Long> lags = repeatLags(consumer);
                LOG.info("switch back by timestamp: {} rows delivered, {} of them again, lags {} ms", all.size(),
                        lags.size(), new TreeSet<>(lags));
                // 2 s of fallback; plus 1 s when the newest row belongs to a transaction cut mid-way a second later
                // than the last one delivered whole, from which the fallback is counted
                assertThat(lags).isNotEmpty().allSatisfy(ms -> assertThat(ms).isBetween(0L, 3_000L));
                assertThat(stats.parser().sourceChanges()).isEqualTo(2);
            }
        }
    }

    /**
     * For each row delivered again: how long before the newest row delivered until then it was committed (binlog
     * times); the fallback interval bounds it.
     */
    private static List<Long> repeatLags(SourceFailoverIT.Consumer consumer) {
        Set<Integer> seen = new HashSet<>();
        long newest = 0;
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < consumer.ids.size(); i++) {
            long time = consumer.executeTimes.get(i);
            if (seen.add(consumer.ids.get(i))) {
                newest = Math.max(newest, time);
            } else {
                lags.add(newest - time);
            }
        }
        return lags;
    }

    private static InstanceConfig config(TcpFaultProxy link, TestMariaDb standby) {
        return config("back", link, standby, SwitchBack.GTID);
    }

    private static InstanceConfig config(String destination, TcpFaultProxy link, TestMariaDb standby,
                                         SwitchBack switchBack) {
        Failover failover = new Failover(List.of(new Source(standby.host(), standby.port())), "SELECT 1",
                Duration.ofMillis(300), 2, Duration.ofSeconds(2), switchBack);
        ParserConfig parser = ParserConfig.builder(destination, "127.0.0.1", link.port())
                .user(standby.replicationUser(), standby.replicationPassword()).serverId(7200 + destination.length())
                .gtidMode(switchBack == SwitchBack.GTID).heartbeat(Duration.ofSeconds(1))
                .connectTimeout(Duration.ofSeconds(2)).retry(Duration.ofMillis(100), Duration.ofSeconds(1))
                .failover(failover).build();
        return new InstanceConfig(destination, parser, SinkFilters.none(), StoreConfig.defaults());
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
