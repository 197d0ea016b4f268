package io.collector.client;

import io.collector.client.internal.NamedThreadFactory;
import io.collector.client.internal.ServerLocator;
import io.collector.client.internal.Session;
import io.collector.client.internal.SessionSettings;
import io.collector.client.internal.ZooKeeperServerLocator;
import io.collector.client.internal.ZooKeeperSettings;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Asynchronous client of one destination over one connection (the core behind {@link CollectorClient}).
 * Every method returns at once with a future.
 *
 * <p><b>Threads.</b> Methods may be called from any thread. Requests are written in the order they are
 * submitted and the server answers in that order, so requests can be pipelined (several
 * {@code getWithoutAck}s outstanding). All network work and all completions happen on the client's single
 * I/O thread ({@code collector-client-<destination>-io-1}, or a thread of the caller's group): don't block in
 * dependent stages; use the {@code *Async} variants with your own executor for slow work.
 *
 * <p><b>Failures.</b> Futures fail with a {@link CollectorClientException}: {@link CollectorServerException}
 * for a refusal, {@link RequestTimeoutException} when no reply arrives within the request timeout (plus a
 * get's wait), {@link ConnectionLostException} when the connection broke or the client is not connected,
 * {@link StaleBatchException} for an ack of a batch delivered before a reconnect. Acks and rollbacks get no
 * reply on success; a refusal arrives later, fails the next request and is passed to the error listener.
 *
 * <p><b>Reconnect.</b> After losing an established connection the client reconnects per its
 * {@link ReconnectPolicy}, authenticates, subscribes again with the last filter and rolls back, so that
 * unacknowledged batches are delivered again. Requests outstanding at the loss fail; requests submitted
 * while reconnecting wait for the new connection within their timeout.
 *
 * <p><b>Cluster.</b> Configured with {@link CollectorClientBuilder#zookeeper(String)}, the client connects to
 * the server that ZooKeeper's {@code /otter/canal/destinations/{destination}/running} znode names, asked
 * again at every (re)connect. When that znode names another server while the client is connected, it
 * closes the connection and reconnects to the new server at once (same path as above: authenticate,
 * subscribe, roll back; requests outstanding at that moment fail retriably). When no server runs the
 * destination, {@code connect()} and each reconnect attempt wait up to the connect timeout for one and then
 * fail with a {@link ConnectionLostException} naming the destination and the znode. Only one consumer of a
 * client id is active at a time (Canal's client running znode, see
 * {@link CollectorClientBuilder#zookeeper(String)}): a standby's {@code connect()} completes once it becomes the
 * active one. The ZooKeeper session (threads {@code collector-client-<destination>-zk-N}) starts at the first
 * connect and ends with {@link #close()}.
 */
public final class CollectorAsyncClient implements AutoCloseable {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration MAX_WAIT = Duration.ofMillis(Integer.MAX_VALUE);

    private final CollectorClientConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final EventLoop loop;
    private final ServerLocator locator;
    private final Session session;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates a client for the configured server or cluster. Starts its I/O thread (unless a group was
     * configured) but does not connect, neither to the server nor to ZooKeeper.
     *
     * @param config the checked configuration
     */
    public CollectorAsyncClient(CollectorClientConfig config) {
        this(config, loop -> locator(config, loop));
    }

    CollectorAsyncClient(CollectorClientConfig config, ServerLocator locator) {
        this(config, loop -> locator);
    }

    private CollectorAsyncClient(CollectorClientConfig config, Function<EventLoop, ServerLocator> locators) {
        this.config = config;
        this.ownsGroup = config.eventLoopGroup().isEmpty();
        this.group = config.eventLoopGroup().orElseGet(() -> new NioEventLoopGroup(config.eventLoopThreads(),
                new NamedThreadFactory("collector-client-" + config.destination() + "-io")));
        this.loop = group.next();
        this.locator = locators.apply(loop);
        this.session = new Session(loop, settings(config), locator, config.errorListener());
    }

    private static ServerLocator locator(CollectorClientConfig config, EventLoop loop) {
        return config.address().map(ServerLocator::fixed).orElseGet(() -> new ZooKeeperServerLocator(
                new ZooKeeperSettings(config.zookeeper().orElseThrow(), config.zookeeperSessionTimeout(),
                        config.zookeeperConnectionTimeout()),
                config.destination(), config.clientId(), config.connectTimeout(), loop));
    }

    private static SessionSettings settings(CollectorClientConfig config) {
        return new SessionSettings(config.destination(), config.clientId(), config.user(), config.password(),
                (int) config.netReadTimeout().toMillis(), (int) config.netWriteTimeout().toMillis(),
                config.connectTimeout(), config.requestTimeout(), config.maxFrameLength(), config.reconnectPolicy(),
                config.tls().orElse(null));
    }

    /**
     * Returns the configuration.
     *
     * @return the immutable configuration this client was created with
     */
    public CollectorClientConfig config() {
        return config;
    }

    /**
     * Connects to the server and authenticates. When the client had subscribed and reconnecting gave up, it
     * also subscribes again and rolls back. Completes at once when already connected. A cluster client first
     * looks up the server running the destination in ZooKeeper, waiting up to the connect timeout for one.
     *
     * @return completes on the I/O thread when connected; fails with {@link ConnectionLostException} if the
     *         server cannot be reached or (cluster client) no server ran the destination within the connect
     *         timeout, {@link CollectorServerException} (400) if authentication is refused,
     *         {@link RequestTimeoutException} if the server does not answer
     */
    public CompletableFuture<Void> connect() {
        return open() ? session.connect() : closedFuture();
    }

    /**
     * Subscribes with the destination's own filter. See {@link #subscribe(String)}.
     *
     * @return completes when the server accepted the subscription
     */
    public CompletableFuture<Void> subscribe() {
        return subscribe("");
    }

    /**
     * Subscribes to the destination. The first subscription on a connection is followed by a rollback, so that
     * batches left unacknowledged by an earlier connection of this client id are delivered again (as Canal's
     * client does on connect). The filter is kept and used again after a reconnect.
     *
     * @param filter Canal table filter (comma-separated {@code schema.table} regexes); {@code null} or empty
     *               for the destination's filter. Note that on a Canal server a non-empty filter replaces the
     *               destination's filter.
     * @return completes when the server accepted the subscription; fails with {@link CollectorServerException}
     *         (401 unknown destination, 400 bad filter)
     */
    public CompletableFuture<Void> subscribe(String filter) {
        return open() ? session.subscribe(filter) : closedFuture();
    }

    /**
     * Unsubscribes; the server drops this client id's cursor, and the client stops subscribing again after
     * reconnects.
     *
     * @return completes when the server accepted it
     */
    public CompletableFuture<Void> unsubscribe() {
        return open() ? session.unsubscribe() : closedFuture();
    }

    /**
     * Takes what is available now, at most {@code batchSize} entries, without acknowledging it.
     *
     * @param batchSize the most entries to take, at least 1
     * @return the batch; empty (batch id -1) when nothing is available
     * @throws IllegalArgumentException if {@code batchSize} is below 1
     */
    public CompletableFuture<Message> getWithoutAck(int batchSize) {
        return get(batchSize, -1);
    }

    /**
     * Takes at most {@code batchSize} entries without acknowledging them, letting the server wait up to
     * {@code timeout} for the batch to fill. The request's deadline is that timeout plus the request timeout.
     *
     * @param batchSize the most entries to take, at least 1
     * @param timeout   how long the server may wait, between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return the batch; empty (batch id -1) when nothing arrived in time
     * @throws IllegalArgumentException if {@code batchSize} or {@code timeout} is out of range
     */
    public CompletableFuture<Message> getWithoutAck(int batchSize, Duration timeout) {
        checkTimedGet(batchSize, timeout);
        return get(batchSize, timeout.toMillis());
    }

    /** Checks the arguments of a get with a server wait. */
    static void checkTimedGet(int batchSize, Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must be between 1 ms and " + MAX_WAIT.toMillis()
                    + " ms, got null");
        }
        checkGet(batchSize, timeout);
    }

    /** Checks a get's arguments; {@code timeout} {@code null} for a get without server wait. */
    static void checkGet(int batchSize, Duration timeout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (timeout != null && (timeout.compareTo(MAX_WAIT) > 0 || timeout.toMillis() < 1)) {
            throw new IllegalArgumentException("timeout must be between 1 ms and " + MAX_WAIT.toMillis()
                    + " ms, got " + timeout);
        }
    }

    private CompletableFuture<Message> get(int batchSize, long waitMillis) {
        checkGet(batchSize, null);
        return open() ? session.getWithoutAck(batchSize, waitMillis) : closedFuture();
    }

    /**
     * Acknowledges a batch: the server moves this client's cursor past it. Batches must be acknowledged in
     * the order they were delivered. Our server offers ack replies in its handshake and the client takes them:
     * the server then answers every ack, and the future completes with that answer (fails with
     * {@link CollectorServerException} on a refusal). A Canal server does not answer a successful ack: the future
     * then completes once written, and a refusal fails the next request and goes to the error listener.
     *
     * @param batchId a batch id from {@link Message#batchId()}; the empty batch's -1 is ignored
     * @return completes when the ack is accepted (our server) or written (a Canal server); fails with
     *         {@link StaleBatchException} if the batch was delivered before a reconnect
     * @throws IllegalArgumentException for batch id 0 or below -1, which no batch has
     */
    public CompletableFuture<Void> ack(long batchId) {
        if (batchId == 0 || batchId < Message.EMPTY_BATCH_ID) {
            throw new IllegalArgumentException("no batch has id " + batchId);
        }
        return open() ? session.ack(batchId) : closedFuture();
    }

    /**
     * Rolls back every unacknowledged batch: the next gets deliver them again.
     *
     * @return completes when accepted (our server) or written (a Canal server), as {@link #ack(long)}
     */
    public CompletableFuture<Void> rollback() {
        return rollback(0);
    }

    /**
     * Rolls back one batch (Canal's semantics: everything unacknowledged is delivered again). A batch delivered
     * before a reconnect was rolled back by it already: nothing is sent.
     *
     * @param batchId the batch, 0 for all; the empty batch's -1 is ignored
     * @return completes when accepted (our server) or written (a Canal server), as {@link #ack(long)}
     * @throws IllegalArgumentException for a batch id below -1
     */
    public CompletableFuture<Void> rollback(long batchId) {
        if (batchId < Message.EMPTY_BATCH_ID) {
            throw new IllegalArgumentException("no batch has id " + batchId);
        }
        return open() ? session.rollback(batchId) : closedFuture();
    }

    /**
     * Closes the connection without rolling back and stops reconnecting; outstanding and waiting requests fail
     * with {@link ConnectionLostException}. The client can {@link #connect()} again, and must then subscribe
     * again.
     *
     * @return completes when the connection is closed
     */
    public CompletableFuture<Void> disconnect() {
        return open() ? session.disconnect() : CompletableFuture.completedFuture(null);
    }

    /**
     * Returns whether a connection is ready right now.
     *
     * @return {@code false} before {@code connect()}, while reconnecting, after giving up or disconnecting
     */
    public boolean isConnected() {
        return session.isConnected();
    }

    /**
     * Disconnects, closes a cluster client's ZooKeeper session, and stops the client's I/O thread (a caller's
     * group is left running). Waits up to 5 s for each, unless called on the I/O thread itself. Idempotent;
     * later calls of other methods fail with "the client is closed". If the calling thread is interrupted it
     * stops waiting and keeps the interrupt.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean mayWait = !loop.inEventLoop();
        CompletableFuture<Void> disconnected = session.disconnect();
        boolean interrupted = mayWait && !Waits.await(disconnected, CLOSE_WAIT, "disconnecting");
        locator.close();
        if (ownsGroup) {
            Future<?> stopped = group.shutdownGracefully(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (mayWait && !interrupted) {
                Waits.await(stopped, CLOSE_WAIT, "stopping the I/O thread");
            }
        }
    }

    private boolean open() {
        return !closed.get();
    }

    private <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new CollectorClientException("[destination=" + config.destination()
                + "] the client is closed"));
    }
}
