package io.collector.server.net;

import static io.collector.server.net.handler.ClientPackets.ackOf;
import static io.collector.server.net.handler.ClientPackets.messagesOf;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.protobuf.ByteString;
import io.collector.protocol.PacketProtocol.Messages;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.Scramble411;
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
import io.collector.server.testing.Async;
import io.collector.server.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Fuzzing the client port: many connections send random and mutated frames (garbage, oversized and
 * truncated frames, valid frames with random or bit-flipped bodies, requests out of order), before and after
 * authenticating, while a well-behaved client streams from another destination. Every connection ends with a
 * frame the server must refuse, and the server must close it. The server stays up, its heap and threads stay
 * bounded, and the good client receives every entry.
 */
class NetFuzzIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "fuzz";
    private static final String PASSWORD = "fuzz-password";
    private static final int FRAMES = 100_000;
    private static final int FUZZERS = 6;
    private static final int ENTRIES = 20_000;

    private record Handle(MemoryEventStore store, MemoryMetaManager meta) implements DestinationHandle {
    }

    private final MemoryMetaManager meta = new MemoryMetaManager();
    private final Map<String, Handle> destinations = Map.of(
            "main", new Handle(new MemoryEventStore("main", new StoreConfig(4096, 16 << 20, false)), meta),
            "fuzz", new Handle(new MemoryEventStore("fuzz", new StoreConfig(1000, 1 << 20, false)), meta));
    private final LocalCollectorService service =
            new LocalCollectorService(name -> Optional.ofNullable(destinations.get(name)));
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private final List<String> notClosed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private CollectorTcpServer server;
    private Level netLevel;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        destinations.values().forEach(d -> d.store().stop());
        meta.stop();
        netLogger().setLevel(netLevel);
    }

    private static Logger netLogger() {
        return (Logger) LoggerFactory.getLogger("io.collector.server.net");
    }

    @Test
    void theServerSurvivesFuzzedFramesWhileAGoodClientReceivesEveryEntry() throws Throwable {
        netLevel = netLogger().getLevel();
        netLogger().setLevel(Level.ERROR);
        meta.start();
        destinations.values().forEach(d -> d.store().start());
        NetLimits limits = new NetLimits(64 * 1024, Duration.ofSeconds(5), 10_000, 10_000, 256 * 1024, Duration.ZERO);
        server = new CollectorTcpServer(new NetConfig("127.0.0.1", 0, 1 << 20, Duration.ofMinutes(5), USER,
                Scramble411.passwordHash(PASSWORD), limits), service, Clock.systemUTC());
        server.start();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeapAfterGc();

        Async<Set<Long>> good = Async.start("good-client", this::streamEverything);
        Async<Void> producer = Async.start("producer", this::produce);
        List<Async<Void>> fuzzers = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < FUZZERS; i++) {
            long seed = 1000 + i;
            fuzzers.add(Async.start("fuzzer-" + i, () -> fuzz(new Random(seed))));
        }
        for (Async<Void> fuzzer : fuzzers) {
            fuzzer.join(Duration.ofMinutes(3));
        }
        long fuzzMillis = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        producer.join(WAIT);
        Set<Long> received = good.join(WAIT);

        assertThat(frames.get()).isGreaterThanOrEqualTo(FRAMES);
        assertThat(notClosed).as("connections the server left open after a bad frame").isEmpty();
        assertThat(received).hasSize(ENTRIES);
        Await.until("every connection is closed", WAIT, () -> server.connections() == 0);
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(heapGrowth).as("heap growth").isLessThan(64L << 20);
        assertThat(threadsAfter - threadsBefore).as("threads added")
                .isLessThanOrEqualTo(CollectorTcpServer.REQUEST_THREADS + 2 * Runtime.getRuntime().availableProcessors() + 2);
        freshClientWorks();
        System.out.printf("fuzz: %d frames over %d connections (%d closed by the server after their bad frame) in "
                        + "%d ms; good client received %d entries; heap growth %d bytes; threads %d -> %d%n",
                frames.get(), connections.get(), closedByServer.get(), fuzzMillis, received.size(), heapGrowth,
                threadsBefore, threadsAfter);
    }

    private Void produce() throws InterruptedException {
        for (int i = 0; i < ENTRIES; i += 100) {
            List<ChangeEvent> batch = new ArrayList<>();
            for (int j = i; j < i + 100; j++) {
                batch.add(TestEvents.begin(j + 1));
            }
            destinations.get("main").store().put(batch);
            Thread.sleep(5);
        }
        return null;
    }

    /** The well-behaved client: GET and ACK until every entry arrived. */
    private Set<Long> streamEverything() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try (SocketClient client = new SocketClient(serverAddressWhenUp())) {
            assertThat(ackOf(client.request(ClientPackets.auth(USER, PASSWORD, client.seed()))).getErrorCode())
                    .isZero();
            assertThat(ackOf(client.request(ClientPackets.subscribe("main", ""))).getErrorCode()).isZero();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (ids.size() < ENTRIES && System.nanoTime() < deadline) {
                Messages messages = messagesOf(client.request(ClientPackets.get("main", 500, 100, 2)));
                for (ByteString entry : messages.getMessagesList()) {
                    ids.add(io.collector.protocol.EntryProtocol.Entry.parseFrom(entry).getHeader().getPropsList()
                            .stream().filter(p -> p.getKey().equals("globalId")).findFirst()
                            .map(p -> Long.parseLong(p.getValue())).orElseThrow());
                }
                if (messages.getBatchId() > 0) {
                    client.send(ClientPackets.ack("main", messages.getBatchId()));
                }
            }
        }
        return ids;
    }

    private java.net.InetSocketAddress serverAddressWhenUp() {
        return server.address();
    }

    private Void fuzz(Random random) throws IOException {
        while (frames.get() < FRAMES) {
            connections.incrementAndGet();
            try (Socket socket = new Socket()) {
                socket.connect(server.address(), 5_000);
                socket.setSoTimeout(10_000);
                socket.setTcpNoDelay(true);
                fuzzOne(socket, random);
            }
        }
        return null;
    }

    private void fuzzOne(Socket socket, Random random) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] seed = readHandshakeSeed(in);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        int count = 0;
        if (random.nextBoolean()) {
            writeFrame(burst, ClientPackets.auth(USER, PASSWORD, seed).toByteArray());
            count++;
            for (int i = random.nextInt(30); i > 0; i--) {
                writeFrame(burst, FuzzFrames.tolerated(random));
                count++;
            }
        }
        FuzzFrames.Refused last = FuzzFrames.refused(random, count == 0);
        burst.writeBytes(last.bytes());
        try {
            out.write(burst.toByteArray());
            out.flush();
            frames.addAndGet(count + last.frames());
        } catch (IOException e) {
            closedByServer.incrementAndGet();
            return;
        }
        if (last.truncated()) {
            socket.shutdownOutput();
        }
        awaitClose(in, count);
    }

    /** Reads until the server closes; records the connection if it does not within the read timeout. */
    private void awaitClose(InputStream in, int frames) {
        byte[] sink = new byte[8192];
        try {
            while (in.read(sink) != -1) {
                // replies to the tolerated frames
            }
            closedByServer.incrementAndGet();
        } catch (SocketTimeoutException e) {
            notClosed.add("connection after " + frames + " tolerated frames");
        } catch (IOException e) {
            closedByServer.incrementAndGet();
        }
    }

    private static byte[] readHandshakeSeed(InputStream in) throws IOException {
        byte[] length = in.readNBytes(4);
        byte[] body = in.readNBytes(ByteBuffer.wrap(length).getInt());
        return io.collector.protocol.PacketProtocol.Handshake.parseFrom(
                Packet.parseFrom(body).getBody()).getSeeds().toByteArray();
    }

    static void writeFrame(ByteArrayOutputStream out, byte[] body) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(body);
    }

    private void freshClientWorks() throws Exception {
        try (SocketClient client = new SocketClient(server.address())) {
            assertThat(ackOf(client.request(ClientPackets.auth(USER, PASSWORD, client.seed()))).getErrorCode())
                    .isZero();
            assertThat(ackOf(client.request(ClientPackets.subscribe("fuzz", "fresh", ""))).getErrorCode()).isZero();
            assertThat(messagesOf(client.request(ClientPackets.get("fuzz", "fresh", 10, -1, 2))).getBatchId())
                    .isEqualTo(-1);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
