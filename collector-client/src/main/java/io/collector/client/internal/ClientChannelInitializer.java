package io.collector.client.internal;

import io.netty.channel.ChannelInitializer;
import io.collector.client.ConnectionLostException;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;

/** Builds a client channel's pipeline: TLS when configured, frame splitter, packet decoder, packet encoder, reply handler. */
final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final PacketEncoder ENCODER = new PacketEncoder();

    private final int maxFrameLength;
    private final Connection connection;
    private final ClientTls tls;
    private final InetSocketAddress address;

    /** @param tls TLS to the server at {@code address}, or null for none */
    ClientChannelInitializer(int maxFrameLength, Connection connection, ClientTls tls, InetSocketAddress address) {
        this.maxFrameLength = maxFrameLength;
        this.connection = connection;
        this.tls = tls;
        this.address = address;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        connection.attach(channel);
        if (tls != null) {
            SslHandler handler = tls.newHandler(channel.alloc(), address.getHostString(), address.getPort());
            handler.handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    connection.reset(new ConnectionLostException("TLS handshake with " + connection.server()
                            + " failed: " + handshake.cause().getMessage(), handshake.cause(), false));
                }
            });
            channel.pipeline().addLast("tls", handler);
        }
        channel.pipeline()
                .addLast("frames", FrameDecoders.newFrameDecoder(maxFrameLength))
                .addLast("packets", new PacketDecoder())
                .addLast("encoder", ENCODER)
                .addLast("replies", new ReplyHandler(connection));
    }
}
