package io.collector.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges what a client sent at once instead of after Linux's delayed-ACK timer (40 ms or more): sets
 * {@code TCP_QUICKACK} on the connection's socket after each read. Linux then sends the pending ACK right away
 * and leaves its "ping-pong" (interactive) mode, in which it holds ACKs hoping to piggyback them on the reply.
 * The option is not sticky: the kernel enters that mode again as soon as the server answers, hence after every
 * read.
 *
 * <p>Why it matters: a client that leaves Nagle's algorithm on (Canal's {@code canal.client} does) cannot send
 * a small write while an earlier small segment is unacknowledged. It writes every packet as two writes (length,
 * then body), and after each batch an ack that the server does not answer, then the next get: without this
 * handler the rest of the ack and the get wait for the server's delayed ACK of the ack's length, once per batch.
 *
 * <p>Only where the OS and JDK offer the option ({@link #ifSupported()}); the server logs which at start-up.
 * Runs on the event loop; one {@code setsockopt} per read.
 */
@Sharable
final class QuickAckHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(QuickAckHandler.class);
    private static final Optional<QuickAckHandler> SUPPORTED = probe();

    private final ChannelOption<Boolean> option;

    private QuickAckHandler(SocketOption<Boolean> option) {
        this.option = NioChannelOption.of(option);
    }

    /** The handler where this JDK can set {@code TCP_QUICKACK} on a TCP socket (Linux), else empty. */
    static Optional<QuickAckHandler> ifSupported() {
        return SUPPORTED;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (channel.isActive()) {
            try {
                channel.config().setOption(option, true);
            } catch (ChannelException e) {
                LOG.debug("Could not set TCP_QUICKACK on {} (closing?): {}", channel, e.getMessage());
            }
        }
        ctx.fireChannelReadComplete();
    }

    private static Optional<QuickAckHandler> probe() {
        try (SocketChannel socket = SocketChannel.open()) {
            if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                return Optional.of(new QuickAckHandler(ExtendedSocketOptions.TCP_QUICKACK));
            }
        } catch (IOException e) {
            LOG.warn("Could not open a socket to check for TCP_QUICKACK: {}", e.toString());
        } catch (LinkageError e) {
            LOG.debug("No jdk.net module in this runtime: no TCP_QUICKACK", e);
        }
        return Optional.empty();
    }
}
