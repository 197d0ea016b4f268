package io.collector.server.net;

import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.NamedThreadFactory;
import io.collector.server.net.handler.ClientRegistry;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.net.handler.Session;
import io.collector.server.service.CollectorService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP server Canal clients connect to: accepts connections on {@link NetConfig#host()} and
 * {@link NetConfig#port()} (0 picks a free port, see {@link #port()}), and serves each with the pipeline of
 * {@link CollectorChannelInitializer} over a {@link CollectorService}.
 *
 * <p>Threads: one acceptor ({@code collector-net-boss}), I/O event loops ({@code collector-net-worker-N}),
 * and a bounded pool ({@code collector-net-get-N}) where requests run (a GET waiting for entries holds no
 * thread of it). {@link #stop()}
 * closes every connection (their unacknowledged batches are rolled back), then stops the threads, waiting a
 * bounded time for each step.
 */
public final class CollectorTcpServer extends AbstractLifecycle {

    /** Most requests running at once (a GET that waits for entries holds none). */
    static final int REQUEST_THREADS = 64;
    /** Most requests waiting for a thread; beyond that a connection is closed. */
    static final int REQUEST_QUEUE = 10_000;
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CollectorTcpServer.class);

    private final NetConfig config;
    private final CollectorService service;
    private final Clock clock;
    private final ClientRegistry registry = new ClientRegistry();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ThreadPoolExecutor requestPool;
    private Channel serverChannel;

    public CollectorTcpServer(NetConfig config, CollectorService service, Clock clock) {
        this.config = config;
        this.service = service;
        this.clock = clock;
    }

    /** The port the server listens on; the chosen one when configured with 0. Only while running. */
    public int port() {
        return address().getPort();
    }

    /** The address the server listens on. Only while running. */
    public InetSocketAddress address() {
        Channel channel = serverChannel;
        if (channel == null || !isRunning()) {
            throw new IllegalStateException("the TCP server is not running");
        }
        return (InetSocketAddress) channel.localAddress();
    }

    /** The server's client identity claims: which connection holds each (destination, client id). */
    public ClientRegistry clients() {
        return registry;
    }

    /** Number of open client connections. */
    public int connections() {
        return channels.size();
    }

    /** Bytes written to client connections and not yet sent, over all connections. */
    public long queuedOutboundBytes() {
        long total = 0;
        for (Channel channel : channels) {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            total += buffer == null ? 0 : buffer.totalPendingWriteBytes();
        }
        return total;
    }

    @Override
    protected void doStart() {
        boss = new NioEventLoopGroup(1, new NamedThreadFactory("collector-net-boss", false));
        workers = new NioEventLoopGroup(0, new NamedThreadFactory("collector-net-worker"));
        requestPool = requestPool();
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new CollectorChannelInitializer(config, service, registry, requestPool, clock,
                        this::track));
        serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        LOG.info("TCP server listening on {}", serverChannel.localAddress());
        logQuickAck();
        if (!config.authenticationRequired() || config.passwordHash().isEmpty()) {
            LOG.warn("No client password is configured (collector.user / collector.password): anyone who reaches "
                    + "{} reads every change of every destination", serverChannel.localAddress());
        }
    }

    private static void logQuickAck() {
        if (QuickAckHandler.ifSupported().isPresent()) {
            LOG.info("TCP quick ACK is in effect: every read is acknowledged at once (TCP_QUICKACK), so clients "
                    + "that keep Nagle's algorithm on (Canal's canal.client) do not wait for delayed ACKs");
        } else {
            LOG.info("TCP quick ACK is not available on this OS or JDK (TCP_QUICKACK): clients that keep Nagle's "
                    + "algorithm on (Canal's canal.client) may wait for a delayed ACK (~40 ms) before each get");
        }
    }

    private static ThreadPoolExecutor requestPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(REQUEST_QUEUE), new NamedThreadFactory("collector-net-get"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void track(Session session) {
        sessions.add(session);
        Channel channel = session.channel();
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
        session.released().thenRun(() -> sessions.remove(session));
    }

    @Override
    protected void doStop() {
        LOG.info("TCP server on {} stopping: closing {} connections", serverChannel == null ? config.host()
                : serverChannel.localAddress(), channels.size());
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(STOP_WAIT.toMillis());
        }
        List<ChannelFuture> closing = channels.stream().map(Channel::close).toList();
        closing.forEach(future -> future.awaitUninterruptibly(STOP_WAIT.toMillis()));
        awaitSessionsReleased();
        stopRequests();
        shutdown(workers);
        shutdown(boss);
        LOG.info("TCP server stopped");
    }

    /** Waits (bounded) until the closed connections rolled back and released what they held. */
    private void awaitSessionsReleased() {
        CompletableFuture<?>[] pending = sessions.stream().map(session -> session.released().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(pending).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} connections still busy after {}; their requests will be interrupted", sessions.size(),
                    STOP_WAIT);
        }
    }

    /** Lets requests finish, interrupts blocking gets after the wait, then releases what is left. */
    private void stopRequests() {
        if (requestPool == null) {
            return;
        }
        requestPool.shutdown();
        if (!awaitTermination(requestPool)) {
            LOG.warn("Requests still running after {}: interrupting them", STOP_WAIT);
            requestPool.shutdownNow();
            awaitTermination(requestPool);
        }
        for (Session session : Set.copyOf(sessions)) {
            session.release();
        }
    }

    private static boolean awaitTermination(ExecutorService pool) {
        try {
            return pool.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(STOP_WAIT.toMillis() * 2);
        }
    }
}
