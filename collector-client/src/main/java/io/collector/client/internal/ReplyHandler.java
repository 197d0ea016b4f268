package io.collector.client.internal;

import io.collector.client.CollectorProtocolException;
import io.collector.protocol.PacketProtocol.Packet;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;

/** Last inbound handler: hands decoded packets and errors to the {@link Connection}. Runs on the event loop. */
final class ReplyHandler extends SimpleChannelInboundHandler<Packet> {

    private final Connection connection;

    ReplyHandler(Connection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Packet packet) {
        connection.onPacket(packet);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            connection.reset(new CollectorProtocolException("a frame from " + connection.server()
                    + " is larger than this client accepts (" + cause.getMessage() + "); raise"
                    + " CollectorClientBuilder.maxFrameLength above the largest batch the server sends", cause));
        } else if (cause instanceof DecoderException) {
            connection.reset(new CollectorProtocolException("cannot decode a frame from " + connection.server()
                    + ": " + cause.getMessage(), cause));
        } else {
            connection.reset(cause);
        }
    }
}
