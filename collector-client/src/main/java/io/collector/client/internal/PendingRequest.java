package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.CollectorProtocolException;
import io.collector.client.CollectorServerException;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/**
 * One request and the future its caller waits on. A request either expects a reply, which its decoder turns
 * into the future's value, or none (ack, rollback): its future then completes once it is written. On a
 * connection that negotiated ack replies an ack or rollback expects its reply too ({@link #expectReply()}).
 *
 * <p>Created on any thread; everything else happens on the client's event loop.
 */
final class PendingRequest<T> {

    private final Packet packet;
    private final String description;
    private boolean expectsReply;
    private final long serverWaitMillis;
    private final Function<Packet, T> decoder;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private CollectorServerException poison;
    private Connection connection;
    private ScheduledFuture<?> timer;

    private PendingRequest(Packet packet, String description, boolean expectsReply, long serverWaitMillis,
                           Function<Packet, T> decoder) {
        this.packet = packet;
        this.description = description;
        this.expectsReply = expectsReply;
        this.serverWaitMillis = serverWaitMillis;
        this.decoder = decoder;
        future.whenComplete((value, error) -> cancelTimer());
    }

    /** A request whose reply {@code decoder} reads; the server may take {@code serverWaitMillis} to answer. */
    static <T> PendingRequest<T> withReply(Packet packet, String description, long serverWaitMillis,
                                           Function<Packet, T> decoder) {
        return new PendingRequest<>(packet, description, true, serverWaitMillis, decoder);
    }

    /**
     * A request the server answers only when it refuses it (ack, rollback), unless the connection negotiated
     * ack replies: then its reply is an ACK, error-free on success.
     */
    static PendingRequest<Void> withoutReply(Packet packet, String description) {
        return new PendingRequest<>(packet, description, false, 0, reply -> Replies.ack(description, reply));
    }

    /** A reply expected without a request: the server's handshake. */
    static <T> PendingRequest<T> unrequested(String description, Function<Packet, T> decoder) {
        return new PendingRequest<>(null, description, true, 0, decoder);
    }

    Packet packet() {
        return packet;
    }

    PacketType type() {
        return packet == null ? PacketType.HANDSHAKE : packet.getType();
    }

    String description() {
        return description;
    }

    boolean expectsReply() {
        return expectsReply;
    }

    /** Makes an ack or rollback wait for its reply: the connection it is written to answers every one. */
    void expectReply() {
        expectsReply = true;
    }

    long serverWaitMillis() {
        return serverWaitMillis;
    }

    CompletableFuture<T> future() {
        return future;
    }

    /** The connection the request was written to, or {@code null} while it waits for one. */
    Connection connection() {
        return connection;
    }

    void sentOn(Connection connection) {
        this.connection = connection;
    }

    void armTimer(ScheduledFuture<?> timer) {
        this.timer = timer;
        if (future.isDone()) {
            cancelTimer();
        }
    }

    /** Makes the request fail with {@code error} when its reply arrives (an earlier ack was refused). */
    void poison(CollectorServerException error) {
        if (poison == null) {
            poison = error;
        } else {
            poison.addSuppressed(error);
        }
    }

    /** Completes a request without reply once written. */
    void written() {
        future.complete(null);
    }

    boolean fail(CollectorClientException error) {
        return future.completeExceptionally(error);
    }

    /**
     * Takes the reply. Returns {@code false} if nobody waits for it any more (the caller cancelled) so that
     * data the server now counts as delivered was dropped: the connection must then be reset.
     *
     * @throws CollectorProtocolException if the reply is not one this request allows
     */
    boolean complete(Packet reply) {
        if (poison != null) {
            fail(poisonFor(reply));
            return true;
        }
        if (!future.isDone()) {
            try {
                if (future.complete(decoder.apply(reply))) {
                    return true;
                }
            } catch (CollectorServerException e) {
                fail(e);
                return true;
            } catch (RuntimeException e) {
                CollectorProtocolException error = e instanceof CollectorProtocolException protocol ? protocol
                        : new CollectorProtocolException("cannot read the reply to " + description + ": " + e, e);
                fail(error);
                throw error;
            }
        }
        return !carriesBatch(reply);
    }

    private CollectorServerException poisonFor(Packet reply) {
        if (!carriesBatch(reply)) {
            return poison;
        }
        CollectorServerException error = new CollectorServerException(poison.getMessage() + "; the batch this "
                + description + " received was dropped, call rollback() to have it delivered again",
                poison.errorCode(), poison.serverMessage());
        error.initCause(poison);
        return error;
    }

    private static boolean carriesBatch(Packet reply) {
        return Replies.batchIdOf(reply) != io.collector.client.Message.EMPTY_BATCH_ID;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
