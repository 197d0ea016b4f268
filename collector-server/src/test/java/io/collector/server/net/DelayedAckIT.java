package io.collector.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.Message;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Canal's own client ({@code canal.client} 1.1.8) leaves Nagle's algorithm on and writes each packet as two
 * writes (length, then body), and after a batch an ack (which gets no answer) and then the next get: each
 * write after the first waits until the server's kernel acknowledges the previous one. Without the server's
 * quick acknowledgement ({@link QuickAckHandler}) each batch waits for a delayed ACK (40 ms or more on
 * Linux); with it, the median round trip stays at a few milliseconds even on a loaded 2-core machine.
 */
class DelayedAckIT {

    private static final Logger LOG = LoggerFactory.getLogger(DelayedAckIT.class);
    private static final int ROUND_TRIPS = 60;
    private static final int BATCH = 2;
    /** Linux's shortest delayed ACK: with the stall, every round trip takes at least this long. */
    private static final Duration DELAYED_ACK = Duration.ofMillis(40);

    private record Handle(MemoryEventStore store, MemoryMetaManager meta) implements DestinationHandle {
    }

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final Handle main =
            new Handle(new MemoryEventStore("main", new StoreConfig(10_000, 1 << 24, false)), meta);
    private final LocalCollectorService service = new LocalCollectorService(
            name -> name.equals("main") ? Optional.of(main) : Optional.empty());
    private final CollectorTcpServer server = new CollectorTcpServer(
            new NetConfig("127.0.0.1", 0, 1 << 20, Duration.ofMinutes(5), "", ""), service, Clock.systemUTC());

    @BeforeEach
    void start() {
        meta.start();
        main.store().start();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        main.store().stop();
        meta.stop();
    }

    @Test
    void canalsClientGetsEachBatchWithoutWaitingForADelayedAck() throws InterruptedException {
        main.store().put(transactions(ROUND_TRIPS + 5));
        CanalConnector connector = CanalConnectors.newSingleConnector(server.address(), "main", "", "");
        connector.connect();
        try {
            connector.subscribe();
            long[] nanos = new long[ROUND_TRIPS];
            long batchId = connector.getWithoutAck(BATCH).getId();
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long begin = System.nanoTime();
                connector.ack(batchId);
                Message message = connector.getWithoutAck(BATCH);
                nanos[i] = System.nanoTime() - begin;
                assertThat(message.getEntries()).hasSize(BATCH);
                batchId = message.getId();
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            LOG.info("ack + get round trips of canal.client, µs: min {}, quartiles {} / {} / {}, max {}",
                    sorted[0] / 1000, quantile(sorted, 0.25) / 1000, quantile(sorted, 0.5) / 1000,
                    quantile(sorted, 0.75) / 1000, sorted[sorted.length - 1] / 1000);
            assertThat(Duration.ofNanos(quantile(sorted, 0.25))).isLessThan(DELAYED_ACK.dividedBy(2));
            assertThat(Duration.ofNanos(quantile(sorted, 0.5))).isLessThan(DELAYED_ACK);
        } finally {
            connector.disconnect();
        }
    }

    private static List<ChangeEvent> transactions(int count) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestEvents.begin(2L * i + 1));
            events.add(TestEvents.end(2L * i + 2));
        }
        return events;
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[(int) (q * (sorted.length - 1))];
    }
}
