package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.server.service.CollectorServiceException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of a connection: sends the handshake when it opens, hands each packet to the
 * handler of its type on the session's lane (so the event loop never blocks), and releases the session when
 * the connection closes. Before authentication only CLIENTAUTHENTICATION is accepted (anything else: error
 * ACK and close); after it, a type without handler answers {@code ACK{400}}. Decoding errors (oversized
 * frame, unparseable packet) close the connection.
 */
public final class PacketDispatcher extends SimpleChannelInboundHandler<Packet> {

    private static final Logger LOG = LoggerFactory.getLogger(PacketDispatcher.class);

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final Session session;
    private final PacketHandlers handlers;

    public PacketDispatcher(Session session, PacketHandlers handlers) {
        this.session = session;
        this.handlers = handlers;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        LOG.debug("Accepted {}", session);
        ctx.writeAndFlush(Packets.handshake(session.seed()));
        ctx.executor().schedule(this::closeIfNotAuthenticated, session.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        session.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Packet packet) {
        session.submit(() -> process(packet));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        LOG.debug("Closed {}", session);
        session.closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof DecoderException) {
            LOG.warn("Closing {}: unreadable input: {}", session, cause.getMessage());
        } else {
            LOG.warn("Closing {} after an error", session, cause);
        }
        ctx.close();
    }

    private void closeIfNotAuthenticated() {
        if (session.isOpen() && !session.authenticated()) {
            LOG.info("Closing {}: not authenticated within {}", session, session.handshakeTimeout());
            session.channel().close();
        }
    }

    /**
     * Runs on the session's lane, also after the connection closed: an ack or rollback the client sent before
     * closing still counts (a GET then takes nothing, see {@link GetHandler}).
     */
    private CompletionStage<?> process(Packet packet) {
        try {
            return dispatch(packet);
        } catch (CollectorServiceException e) {
            LOG.debug("{} on {}: ACK {} {}", packet.getType(), session, e.code(), e.getMessage());
            session.replyError(e.code(), e.getMessage());
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Closing {}: unreadable {} body: {}", session, packet.getType(), e.getMessage());
            session.replyErrorAndClose(CollectorServiceException.GENERIC,
                    "malformed " + packet.getType() + " packet: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} failed on {}", packet.getType(), session, e);
            session.replyError(CollectorServiceException.GENERIC,
                    "something goes wrong with " + session + ", exception=" + e);
        }
        return DONE;
    }

    private CompletionStage<?> dispatch(Packet packet) throws InvalidProtocolBufferException {
        PacketType type = packet.getType();
        if (!session.authenticated()) {
            if (session.rejected()) {
                return DONE;
            }
            if (type != PacketType.CLIENTAUTHENTICATION) {
                LOG.warn("Closing {}: {} before authentication", session, type);
                session.replyErrorAndClose(CollectorServiceException.GENERIC,
                        "authentication required before " + type);
                return DONE;
            }
            return handlers.authentication().handleAsync(session, packet);
        }
        PacketHandler handler = handlers.request(type).orElseThrow(() -> new CollectorServiceException(
                CollectorServiceException.GENERIC, "packet type=" + type + " is NOT supported!"));
        return handler.handleAsync(session, packet);
    }
}
