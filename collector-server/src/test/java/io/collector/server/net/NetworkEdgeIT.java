package io.collector.server.net;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.TestEvents;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.net.handler.ClientPackets;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.net.handler.NetLimits;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.testing.Await;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limits over real sockets: waiting GETs hold no thread, a client that does not read holds a
 * bounded amount of memory, small frames and a deadline before authentication, connection caps.
 */
class NetworkEdgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WRITE_BUFFER = 256 * 1024;

    private record Handle(MemoryEventStore store, MemoryMetaManager meta) implements DestinationHandle {
    }

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final Map<String, Handle> destinations = Map.of(
            "main", new Handle(new MemoryEventStore("main", new StoreConfig(10_000, 64 << 20, false)), meta),
            "side", new Handle(new MemoryEventStore("side", new StoreConfig(1000, 1 << 20, false)), meta));
    private final LocalCollectorService service =
            new LocalCollectorService(name -> Optional.ofNullable(destinations.get(name)));
    private final List<AutoCloseable> clients = new ArrayList<>();
    private CollectorTcpServer server;

    private void start(NetLimits limits) {
        meta.start();
        destinations.values().forEach(d -> d.store().start());
        server = new CollectorTcpServer(new NetConfig("127.0.0.1", 0, 1 << 20, Duration.ofMinutes(5), "", "", limits),
                service, Clock.systemUTC());
        server.start();
    }

    private static NetLimits limits(int perAddress, Duration handshake) {
        return new NetLimits(1024, handshake, 5000, perAddress, WRITE_BUFFER, Duration.ZERO);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        for (AutoCloseable client : clients) {
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

    @Test
    void aThousandWaitingGetsHoldNoThreadAndDoNotBlockAFreshClient() throws Exception {
        start(limits(2000, Duration.ofSeconds(30)));
        for (int i = 0; i < 1000; i++) {
            SocketClient client = login();
            String clientId = Integer.toString(5000 + i);
            assertThat(ackOf(client.request(ClientPackets.subscribe("main", clientId, ""))).getErrorCode()).isZero();
            client.send(ClientPackets.get("main", clientId, 100, 0, 2));
        }
        Await.until("1000 gets wait", WAIT, () -> service.waitingGets() == 1000);
        assertThat(CollectorTcpServerIT.aThreadWaitsInAStore()).isFalse();
        assertThat(requestThreads()).isLessThanOrEqualTo(CollectorTcpServer.REQUEST_THREADS);

        SocketClient fresh = login();
        long begin = System.nanoTime();
        assertThat(ackOf(fresh.request(ClientPackets.subscribe("side", ""))).getErrorCode()).isZero();
        assertThat(messagesOf(fresh.request(ClientPackets.get("side", 10))).getBatchId()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));

        destinations.get("main").store().put(entries(100));
        // every client id has its own subscription, so each waiting get receives the new entries
        Await.until("every waiting get is answered", WAIT, () -> service.waitingGets() == 0);
    }

    @Test
    void aClientThatSendsGetAndRollbackWithoutReadingHoldsBoundedMemory() throws Exception {
        start(limits(10, Duration.ofSeconds(30)));
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(TestEvents.ofSize(i + 1, 16 * 1024));
        }
        destinations.get("main").store().put(events);
        SocketClient client = login();
        assertThat(ackOf(client.request(ClientPackets.subscribe("main", ""))).getErrorCode()).isZero();
        long heapBefore = usedHeapAfterGc();
        int pairs = 60;
        for (int i = 0; i < pairs; i++) {
            client.send(ClientPackets.get("main", 200));
            client.send(ClientPackets.rollback("main", 0));
        }
        long reply = 200L * (16 * 1024 + 8) + 64;
        long bound = WRITE_BUFFER + reply;
        long maxQueued = 0;
        for (int sample = 0; sample < 40; sample++) {
            maxQueued = Math.max(maxQueued, server.queuedOutboundBytes());
            Thread.sleep(50);
        }
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        assertThat(maxQueued).as("bytes queued for the client").isPositive().isLessThanOrEqualTo(bound);
        assertThat(heapGrowth).as("heap growth").isLessThan(32L << 20);

        for (int i = 0; i < pairs; i++) {
            Messages messages = messagesOf(client.read());
            assertThat(messages.getMessagesCount()).isEqualTo(200);
        }
        System.out.printf("non-reading client: %d GET+ROLLBACK pairs of %d-byte replies; at most %d bytes queued "
                + "(bound %d), heap growth %d bytes%n", pairs, reply, maxQueued, bound, heapGrowth);
    }

    @Test
    void aLargeFrameBeforeAuthenticationClosesTheConnection() throws Exception {
        start(limits(10, Duration.ofSeconds(30)));
        SocketClient client = new SocketClient(server.address());
        clients.add(client);
        client.send(ClientPackets.packet(PacketType.CLIENTAUTHENTICATION, ByteString.copyFrom(new byte[2048])));
        assertThat(client.closedByServer()).isTrue();
        SocketClient after = login();
        String longFilter = "s\\.t" + ",s\\.t".repeat(500);
        assertThat(ClientPackets.subscribe("side", longFilter).getSerializedSize()).isGreaterThan(2048);
        assertThat(ackOf(after.request(ClientPackets.subscribe("side", longFilter))).getErrorCode()).isZero();
    }

    @Test
    void aConnectionThatDoesNotAuthenticateIsClosedAfterTheHandshakeTimeout() throws Exception {
        start(limits(10, Duration.ofMillis(500)));
        SocketClient silent = new SocketClient(server.address());
        clients.add(silent);
        SocketClient authenticated = login();
        Await.until("the silent connection is closed", WAIT, () -> server.connections() == 1);
        assertThat(silent.closedByServer()).isTrue();
        assertThat(ackOf(authenticated.request(ClientPackets.subscribe("side", ""))).getErrorCode()).isZero();
    }

    @Test
    void connectionsBeyondThePerAddressCapAreClosedAtOnce() throws Exception {
        start(limits(3, Duration.ofSeconds(30)));
        for (int i = 0; i < 3; i++) {
            login();
        }
        try (Socket refused = new Socket(server.address().getAddress(), server.port())) {
            refused.setSoTimeout(10_000);
            InputStream in = refused.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        ((SocketClient) clients.get(0)).close();
        Await.until("a connection closed", WAIT, () -> server.connections() == 2);
        assertThat(login().seed()).hasSize(8);
    }

    private static List<ChangeEvent> entries(int entries) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            events.add(TestEvents.begin(i + 1));
        }
        return events;
    }

    private static long requestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("collector-net-get-")).count();
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
