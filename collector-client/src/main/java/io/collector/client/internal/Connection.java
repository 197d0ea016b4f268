package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.CollectorProtocolException;
import io.collector.client.CollectorServerException;
import io.collector.client.ConnectionLostException;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.PacketProtocol.Packet;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a server: writes requests, routes replies through {@link InFlightRequests}, and on
 * close fails whatever is still outstanding. Expects the server's handshake from the start. Once ack replies
 * are negotiated ({@link #answersAcks()}), every ack and rollback written waits for its own reply.
 *
 * <p>Confined to its channel's event loop, except {@link #closeFuture()} and {@link #server()}.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String server;
    private final String logPrefix;
    private final InFlightRequests inFlight;
    private final PendingRequest<Handshake> handshake;
    private final CompletableFuture<ConnectionLostException> closed = new CompletableFuture<>();
    private Channel channel;
    private Throwable closeCause;
    private boolean closedByClient;
    private boolean ackReplies;

    Connection(InetSocketAddress address, String destination, Consumer<CollectorServerException> refusals) {
        this.server = hostAndPort(address);
        this.logPrefix = "[destination=" + destination + ", server=" + server + "]";
        this.inFlight = new InFlightRequests(refusals);
        this.handshake = PendingRequest.unrequested("the handshake", Replies::handshake);
        handshake.sentOn(this);
        inFlight.admit(handshake);
    }

    /** Binds the connection to its channel; called once, from the channel initializer. */
    void attach(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(future -> onClosed());
    }

    /** The server as {@code host:port}, for messages. */
    String server() {
        return server;
    }

    static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** The handshake request, completed with the server's handshake. */
    PendingRequest<Handshake> handshake() {
        return handshake;
    }

    /**
     * From now on acks and rollbacks expect a reply: called when the CLIENTAUTHENTICATION asking for ack replies
     * is sent, as the server answers every later ack and rollback of the connection.
     */
    void answersAcks() {
        ackReplies = true;
    }

    /** Completes, with the error that failed outstanding requests, once the channel is closed. */
    CompletableFuture<ConnectionLostException> closeFuture() {
        return closed;
    }

    boolean isOpen() {
        return channel != null && channel.isActive() && closeCause == null;
    }

    /** Writes a request, or fails it if the connection is closed or an earlier refusal must fail it. */
    void send(PendingRequest<?> request) {
        if (!isOpen()) {
            request.fail(lost("cannot send " + request.description() + ": the connection is closed", closeCause));
            return;
        }
        if (ackReplies) {
            request.expectReply();
        }
        CollectorServerException earlierRefusal = inFlight.admit(request);
        if (earlierRefusal != null) {
            request.fail(earlierRefusal);
            return;
        }
        request.sentOn(this);
        channel.writeAndFlush(request.packet()).addListener(write -> {
            if (!write.isSuccess()) {
                reset(lost("cannot write " + request.description(), write.cause()));
            } else if (!request.expectsReply()) {
                request.written();
            }
        });
    }

    void onPacket(Packet packet) {
        try {
            if (!inFlight.dispatch(packet)) {
                reset(new CollectorProtocolException("a batch arrived for a request that was cancelled; "
                        + "reconnecting so that it is delivered again", null));
            }
        } catch (CollectorProtocolException e) {
            reset(e);
        }
    }

    /** Closes the connection because of {@code cause}; outstanding requests fail with it as their cause. */
    void reset(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
            LOG.warn("{} closing the connection: {}", logPrefix, cause.toString());
        }
        if (channel != null) {
            channel.close();
        } else {
            onClosed();
        }
    }

    /** Closes the connection on the client's request. */
    CompletableFuture<ConnectionLostException> close() {
        if (closeCause == null) {
            closeCause = new CollectorClientException("disconnected by the client");
            closedByClient = true;
        }
        if (channel != null) {
            channel.close();
        } else {
            onClosed();
        }
        return closed;
    }

    private void onClosed() {
        if (closed.isDone()) {
            return;
        }
        String reason = closeCause == null ? "the server closed the connection"
                : "connection closed: " + closeCause.getMessage();
        ConnectionLostException error = lost(reason, closeCause);
        inFlight.failAll(error);
        closed.complete(error);
    }

    private ConnectionLostException lost(String message, Throwable cause) {
        return new ConnectionLostException(logPrefix + " " + message, cause, !closedByClient);
    }

    @Override
    public String toString() {
        return logPrefix;
    }
}
