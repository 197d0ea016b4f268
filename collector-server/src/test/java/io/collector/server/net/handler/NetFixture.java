package io.collector.server.net.handler;

import static io.collector.server.entry.TestEvents.begin;
import static io.collector.server.entry.TestEvents.end;
import static io.collector.server.entry.TestEvents.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.Scramble411;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.net.CollectorChannelInitializer;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import io.collector.server.store.StoreSubscription;
import io.collector.server.testing.MutableClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A real {@link LocalCollectorService} over one memory store and meta manager (destination
 * {@value #DESTINATION}), and connections to it on {@link EmbeddedChannel}s sharing one client registry.
 */
final class NetFixture implements AutoCloseable {

    static final String DESTINATION = "example";
    static final int MAX_FRAME = 4096;

    record Handle(EventStore store, MetaManager meta) implements DestinationHandle {
    }

    final MemoryEventStore store = new MemoryEventStore(DESTINATION, new StoreConfig(1000, 1 << 20, false));
    final MemoryMetaManager meta = new MemoryMetaManager();
    final LocalCollectorService service = new LocalCollectorService(
            name -> name.equals(DESTINATION) ? Optional.of(new Handle(store, meta)) : Optional.empty());
    final ClientRegistry registry = new ClientRegistry();
    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    final List<Session> sessions = new ArrayList<>();
    private final NetConfig config;
    private CollectorChannelInitializer initializer;
    private final Executor pool;
    private long nextId = 1;

    /** Requests run at once on the calling thread. */
    NetFixture(NetConfig config) {
        this(config, Runnable::run);
    }

    NetFixture(NetConfig config, Executor pool) {
        this.config = config;
        this.pool = pool;
        store.start();
        meta.start();
    }

    /**
     * Limits that stay out of the way of tests about something else: no handshake deadline within the tests'
     * times, no delay after a failed login.
     */
    static final NetLimits LENIENT = new NetLimits(MAX_FRAME, Duration.ofDays(1), 100, 100, 1 << 20, Duration.ZERO);

    static NetConfig open() {
        return new NetConfig("127.0.0.1", 0, MAX_FRAME, Duration.ofMinutes(1), "", "", LENIENT);
    }

    static NetConfig withPassword(String user, String password) {
        return new NetConfig("127.0.0.1", 0, MAX_FRAME, Duration.ofMinutes(1), user,
                Scramble411.passwordHash(password), LENIENT);
    }

    /** A new connection, its handshake read. */
    TestConnection connect() throws Exception {
        EmbeddedChannel channel = channel();
        TestConnection connection = new TestConnection(channel);
        connection.handshake();
        return connection;
    }

    /** A new connection, as the server accepts it (counted for the connection caps), nothing read. */
    EmbeddedChannel channel() {
        if (initializer == null) {
            initializer = new CollectorChannelInitializer(config, service, registry, pool, clock, sessions::add);
        }
        return new EmbeddedChannel(initializer);
    }

    /** A new connection authenticated without password (the server must not require one). */
    TestConnection login() throws Exception {
        TestConnection connection = connect();
        assertThat(ClientPackets.ackOf(connection.request(ClientPackets.auth("", null, connection.seed())))
                .getErrorCode()).isZero();
        return connection;
    }

    /** A logged-in connection subscribed to {@value #DESTINATION} without filter. */
    TestConnection subscribed() throws Exception {
        TestConnection connection = login();
        assertThat(ClientPackets.ackOf(connection.request(ClientPackets.subscribe(DESTINATION, ""))).getErrorCode())
                .isZero();
        return connection;
    }

    /** Puts {@code count} transactions of begin, one insert into {@code db.t}, end. */
    List<ChangeEvent> putTransactions(int count) throws InterruptedException {
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(begin(nextId++));
            events.add(row(nextId++, "db", "t", EventType.INSERT));
            events.add(end(nextId++));
        }
        store.put(events);
        return events;
    }

    @Override
    public void close() {
        store.stop();
        meta.stop();
    }

    /** Client 1001's subscription of the store. */
    StoreSubscription subscription() {
        return store.subscription(ClientPackets.CLIENT_ID, Optional.empty());
    }

    /** The batches client 1001 holds. */
    List<Long> outstandingBatches() {
        return subscription().outstandingBatches();
    }
}
