package io.collector.client.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Builds a client channel's pipeline: frame splitter, packet decoder, packet encoder, reply handler. */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final PacketEncoder ENCODER = new PacketEncoder();

    private final int maxFrameLength;
    private final Connection connection;

    ClientChannelInitializer(int maxFrameLength, Connection connection) {
        this.maxFrameLength = maxFrameLength;
        this.connection = connection;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connection.attach(channel);
        channel.pipeline()
                .addLast("frames", FrameDecoders.newFrameDecoder(maxFrameLength))
                .addLast("packets", new PacketDecoder())
                .addLast("encoder", ENCODER)
                .addLast("replies", new ReplyHandler(connection));
    }
}
