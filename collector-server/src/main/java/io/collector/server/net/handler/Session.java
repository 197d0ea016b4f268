package io.collector.server.net.handler;

import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.CollectorService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one client connection: its handshake seed, whether it authenticated, its idle timeout, the
 * client identities it holds and their unacknowledged batches, and the lane its requests run on.
 *
 * <p>Requests run one at a time on the lane (never on the event loop), each only while the channel is
 * writable; replies are written from there. A request that waits (a GET waiting for entries) holds no thread.
 * When the connection closes, {@link #closed()} cancels a waiting request, rolls back what the connection
 * left unacknowledged and releases its identities, after any request still running.
 */
public final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** Above this many queued requests the connection stops reading until the lane catches up. */
    static final int MAX_WAITING = 64;

    private final Channel channel;
    private final byte[] seed;
    private final SerialLane lane;
    private final SessionClients clients;
    private final AtomicBoolean releasing = new AtomicBoolean();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final Object lock = new Object();
    private final NetLimits limits;
    private final Executor pool;
    private CompletableFuture<?> pending;
    private CompletableFuture<Void> writable;
    private boolean closing;
    private volatile boolean rejected;
    private volatile boolean authenticated;
    private volatile boolean ackReplies;
    private volatile Duration idleTimeout;

    /**
     * @param channel     the connection
     * @param seed        the handshake seed (8 random bytes)
     * @param idleTimeout idle timeout until the client names its own
     * @param limits      the server's connection limits
     * @param pool        where requests run; may block
     * @param registry    the server's client identity claims
     * @param service     the service requests go to (used here to roll back on close)
     */
    public Session(Channel channel, byte[] seed, Duration idleTimeout, NetLimits limits, Executor pool,
                   ClientRegistry registry, CollectorService service) {
        this.channel = channel;
        this.limits = limits;
        this.pool = pool;
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

    /**
     * From now on a successful ack or rollback is answered with an error-free ACK ({@link #accepted()}): the
     * client asked for it in CLIENTAUTHENTICATION. Never set for Canal's clients, which get no such answer.
     */
    public void answerAcks() {
        this.ackReplies = true;
    }

    /** Answers an ack or rollback that succeeded (or was ignored, as Canal does), if the client asked for it. */
    public void accepted() {
        if (ackReplies && channel.isActive()) {
            reply(Packets.ok());
        }
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

    /**
     * Queues a request behind the earlier ones; it runs once the channel is writable and the lane moves on
     * when the stage it returns completes. Pauses reading while too many requests wait.
     */
    public void submit(Supplier<? extends CompletionStage<?>> request) {
        lane.submit(() -> {
            resumeReadingIfDrained();
            CompletableFuture<Void> writableNow = whenWritable();
            if (writableNow.isDone()) {
                return request.get();
            }
            return writableNow.thenComposeAsync(ready -> request.get().thenApply(done -> null), pool);
        });
        if (lane.waiting() > MAX_WAITING) {
            channel.config().setAutoRead(false);
        }
    }

    public void reply(Packet packet) {
        channel.writeAndFlush(packet, channel.voidPromise());
    }

    /**
     * Writes a reply (a {@link Packet}, or a buffer holding one serialized); the result completes once the event
     * loop queued it, so the channel's writability counts it when the next request of the connection starts.
     */
    public CompletableFuture<Void> replyQueued(Object packet) {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        channel.writeAndFlush(packet, channel.voidPromise());
        try {
            channel.eventLoop().execute(() -> queued.complete(null));
        } catch (RejectedExecutionException e) {
            queued.complete(null);
        }
        return queued;
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
     * Registers the pending result of a request (a waiting GET): closing the connection cancels it, since
     * nobody would receive it. Returns false, with the future cancelled, when the connection is closing already.
     */
    public boolean awaiting(CompletableFuture<?> result) {
        synchronized (lock) {
            if (closing) {
                result.cancel(false);
                return false;
            }
            pending = result;
        }
        result.whenComplete((value, error) -> clearPending(result));
        return true;
    }

    private void clearPending(CompletableFuture<?> result) {
        synchronized (lock) {
            if (pending == result) {
                pending = null;
            }
        }
    }

    /** The pool requests run on: where a request that completes later (a waiting GET) finishes. */
    public Executor executor() {
        return pool;
    }

    /**
     * Refuses the connection after a failed authentication: the error answer and the close come after the
     * configured delay (at once with none), and nothing the client sends meanwhile is processed.
     */
    public void reject(int code, String message) {
        rejected = true;
        long delay = limits.authFailureDelay().toMillis();
        if (delay == 0) {
            replyErrorAndClose(code, message);
            return;
        }
        channel.config().setAutoRead(false);
        channel.eventLoop().schedule(() -> replyErrorAndClose(code, message), delay, TimeUnit.MILLISECONDS);
    }

    /** Whether the connection failed authentication and waits to be closed. */
    public boolean rejected() {
        return rejected;
    }

    public Duration handshakeTimeout() {
        return limits.handshakeTimeout();
    }

    /** Called on the event loop when the channel's writability changed: resumes a request waiting for it. */
    public void writabilityChanged() {
        if (channel.isWritable() || !channel.isActive()) {
            CompletableFuture<Void> waiter;
            synchronized (lock) {
                waiter = writable;
                writable = null;
            }
            if (waiter != null) {
                waiter.complete(null);
            }
        }
    }

    /**
     * Completes when the channel is writable (or closed): a request runs only then, so a client that does not
     * read holds at most the outgoing buffer's high-water mark plus one reply.
     */
    private CompletableFuture<Void> whenWritable() {
        if (channel.isWritable() || !channel.isActive()) {
            return DONE;
        }
        CompletableFuture<Void> waiter;
        synchronized (lock) {
            if (writable == null) {
                writable = new CompletableFuture<>();
            }
            waiter = writable;
        }
        writabilityChanged();
        return waiter;
    }

    /**
     * Called once the connection closed: interrupts a blocking call, then releases the identities after the
     * requests still queued.
     */
    public void closed() {
        CompletableFuture<?> result;
        synchronized (lock) {
            closing = true;
            result = pending;
        }
        if (result != null) {
            result.cancel(false);
        }
        writabilityChanged();
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
