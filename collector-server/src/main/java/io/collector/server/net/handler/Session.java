package io.collector.server.net.handler;

import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.CollectorService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one client connection: its handshake seed, whether it authenticated, its idle timeout, the
 * client identities it holds and their unacknowledged batches, and the lane its requests run on.
 *
 * <p>Requests run one at a time on the lane (never on the event loop); replies are written from there.
 * When the connection closes, {@link #closed()} rolls back what it left unacknowledged and releases its
 * identities, after any request still running.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Above this many queued requests the connection stops reading until the lane catches up. */
    static final int MAX_WAITING = 64;

    private final Channel channel;
    private final byte[] seed;
    private final SerialLane lane;
    private final SessionClients clients;
    private final AtomicBoolean releasing = new AtomicBoolean();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final Object blockingLock = new Object();
    private Thread blocked;
    private boolean closing;
    private boolean interruptedByClose;
    private volatile boolean authenticated;
    private volatile Duration idleTimeout;

    /**
     * @param channel     the connection
     * @param seed        the handshake seed (8 random bytes)
     * @param idleTimeout idle timeout until the client names its own
     * @param pool        where requests run; may block
     * @param registry    the server's client identity claims
     * @param service     the service requests go to (used here to roll back on close)
     */
    public Session(Channel channel, byte[] seed, Duration idleTimeout, Executor pool, ClientRegistry registry,
                   CollectorService service) {
        this.channel = channel;
        this.seed = seed.clone();
        this.idleTimeout = idleTimeout;
        this.clients = new SessionClients(this, registry, service);
        this.lane = new SerialLane(pool, this::refused);
    }

    public Channel channel() {
        return channel;
    }

    public byte[] seed() {
        return seed.clone();
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Marks the session authenticated, with the idle timeout that applies from now on. */
    public void authenticated(Duration timeout) {
        this.idleTimeout = timeout;
        this.authenticated = true;
        channel.pipeline().fireUserEventTriggered(IdleTimeoutHandler.TIMEOUT_CHANGED);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public SessionClients clients() {
        return clients;
    }

    /** Whether a request is running or waiting: the connection is not idle then. */
    public boolean busy() {
        return lane.busy();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Queues a request behind the earlier ones; pauses reading while too many wait. */
    public void submit(Runnable request) {
        lane.execute(() -> {
            request.run();
            resumeReadingIfDrained();
        });
        if (lane.waiting() > MAX_WAITING) {
            channel.config().setAutoRead(false);
        }
    }

    public void reply(Packet packet) {
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    /** An error ACK; the connection stays open. */
    public void replyError(int code, String message) {
        reply(Packets.error(code, message));
    }

    /** An error ACK, then the connection closes. */
    public void replyErrorAndClose(int code, String message) {
        channel.writeAndFlush(Packets.error(code, message)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Runs a blocking call (a GET waiting for entries) that the connection's close interrupts: nobody would
     * receive its result. Returns null without calling when the connection is closing already.
     */
    public <T> T runBlocking(Supplier<T> call) {
        synchronized (blockingLock) {
            if (closing) {
                return null;
            }
            blocked = Thread.currentThread();
        }
        try {
            return call.get();
        } finally {
            synchronized (blockingLock) {
                blocked = null;
                if (interruptedByClose) {
                    Thread.interrupted();
                    interruptedByClose = false;
                }
            }
        }
    }

    /**
     * Called once the connection closed: interrupts a blocking call, then releases the identities after the
     * requests still queued.
     */
    public void closed() {
        synchronized (blockingLock) {
            closing = true;
            if (blocked != null) {
                interruptedByClose = true;
                blocked.interrupt();
            }
        }
        lane.execute(this::release);
    }

    /** Rolls back what the session left unacknowledged and releases its identities; runs once. */
    public void release() {
        if (releasing.compareAndSet(false, true)) {
            try {
                clients.releaseAll();
            } finally {
                released.complete(null);
            }
        }
    }

    /** Completes once {@link #release()} ran. */
    public CompletionStage<Void> released() {
        return released;
    }

    private void resumeReadingIfDrained() {
        if (!channel.config().isAutoRead() && lane.waiting() <= MAX_WAITING / 2) {
            channel.config().setAutoRead(true);
        }
    }

    private void refused() {
        if (channel.isActive()) {
            LOG.warn("Request pool refused work for {}: closing the connection", this);
            channel.close();
        } else {
            LOG.debug("Request pool stopped: releasing closed {} at once", this);
        }
        release();
    }

    @Override
    public String toString() {
        return "connection " + channel.remoteAddress();
    }
}
