package io.collector.server.net;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.handler.ClientPackets;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Async;
import io.collector.server.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real sockets (no database): binding, thread names, blocking gets, stopping. */
class CollectorTcpServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Handle(MemoryEventStore store, MemoryMetaManager meta) implements DestinationHandle {
    }

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final Map<String, Handle> destinations = Map.of(
            "main", new Handle(new MemoryEventStore("main", new StoreConfig(1000, 1 << 20, false)), meta),
            "side", new Handle(new MemoryEventStore("side", new StoreConfig(1000, 1 << 20, false)), meta));
    private final LocalCollectorService service =
            new LocalCollectorService(name -> Optional.ofNullable(destinations.get(name)));
    private final CollectorTcpServer server = new CollectorTcpServer(
            new NetConfig("127.0.0.1", 0, 1 << 20, Duration.ofMinutes(5), "", ""), service, Clock.systemUTC());
    private final List<SocketClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        meta.start();
        destinations.values().forEach(d -> d.store().start());
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        for (SocketClient client : clients) {
            client.close();
        }
        destinations.values().forEach(d -> d.store().stop());
        meta.stop();
    }

    private SocketClient login() throws Exception {
        SocketClient client = new SocketClient(server.address());
        clients.add(client);
        assertThat(ackOf(client.request(ClientPackets.auth("", null, client.seed()))).getErrorCode()).isZero();
        return client;
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Whether any thread waits inside a store's blocking get. */
    static boolean aThreadWaitsInAStore() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> List.of(stack).stream()
                .anyMatch(frame -> frame.getClassName().equals(MemoryEventStore.class.getName())
                        && frame.getMethodName().equals("get")));
    }

    @Test
    void portZeroBindsAFreePortAndEveryThreadIsNamed() throws Exception {
        assertThat(server.port()).isPositive();
        SocketClient client = login();
        client.request(ClientPackets.subscribe("main", ""));
        assertThat(threadNames()).contains("collector-net-boss", "collector-net-worker-1", "collector-net-get-1");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void blockingGetsDoNotHoldUpOtherConnections() throws Throwable {
        List<Async<Long>> blocked = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SocketClient client = login();
            String clientId = Integer.toString(2001 + i);
            client.request(ClientPackets.subscribe("main", clientId, ""));
            client.send(ClientPackets.get("main", clientId, 100, 3, 3));
            blocked.add(Async.start("blocked-get-" + i, () -> messagesOf(client.read()).getBatchId()));
        }
        SocketClient free = login();
        long begin = System.nanoTime();
        assertThat(ackOf(free.request(ClientPackets.subscribe("side", ""))).getErrorCode()).isZero();
        assertThat(messagesOf(free.request(ClientPackets.get("side", 10))).getBatchId()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(1));
        for (Async<Long> get : blocked) {
            assertThat(get.join(WAIT)).isEqualTo(-1);
        }
    }

    @Test
    void stoppingClosesConnectionsAndRollsBackWhatTheyHeld() throws Exception {
        List<ChangeEvent> events = List.of(TestEvents.begin(1), TestEvents.end(2));
        destinations.get("main").store().put(events);
        SocketClient client = login();
        client.request(ClientPackets.subscribe("main", ""));
        assertThat(messagesOf(client.request(ClientPackets.get("main", 10))).getMessagesCount()).isEqualTo(2);
        assertThat(outstandingBatches()).hasSize(1);
        server.stop();
        assertThat(client.closedByServer()).isTrue();
        assertThat(outstandingBatches()).isEmpty();
        assertThat(server.clients().size()).isZero();
        Await.until("the server's threads end", WAIT,
                () -> threadNames().stream().noneMatch(name -> name.startsWith("collector-net-")));
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stoppingEndsAGetThatWaitsForAFullBatch() throws Exception {
        SocketClient client = login();
        client.request(ClientPackets.subscribe("main", ""));
        client.send(ClientPackets.get("main", "1001", 100, 0, 2));
        Await.until("the get is waiting", WAIT, () -> service.waitingGets() == 1);
        assertThat(aThreadWaitsInAStore()).isFalse();
        long begin = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(CollectorTcpServer.STOP_WAIT);
        assertThat(client.closedByServer()).isTrue();
        assertThat(server.clients().size()).isZero();
        assertThat(service.waitingGets()).isZero();
    }

    @Test
    void aClientLeavingDuringAWaitingGetEndsItAndFreesItsIdentity() throws Exception {
        SocketClient client = login();
        client.request(ClientPackets.subscribe("main", ""));
        client.send(ClientPackets.get("main", "1001", 100, 0, 2));
        Await.until("the get is waiting", WAIT, () -> service.waitingGets() == 1);
        client.close();
        Await.until("the get is cancelled", WAIT, () -> service.waitingGets() == 0);
        Await.until("the identity is released", WAIT, () -> server.clients().size() == 0);
        SocketClient next = login();
        assertThat(ackOf(next.request(ClientPackets.subscribe("main", ""))).getErrorCode()).isZero();
        destinations.get("main").store().put(List.of(TestEvents.begin(1), TestEvents.end(2)));
        assertThat(messagesOf(next.request(ClientPackets.get("main", 10))).getMessagesCount()).isEqualTo(2);
    }

    /** The batches the test client holds on destination "main". */
    private List<Long> outstandingBatches() {
        return destinations.get("main").store().subscription(ClientPackets.CLIENT_ID, Optional.empty())
                .outstandingBatches();
    }
}
