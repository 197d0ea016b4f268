package io.collector.client.internal;

import io.collector.client.CollectorServerException;
import io.collector.client.ConnectionLostException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Opens TCP connections on one event loop. The host of an unresolved address is resolved by Netty. */
final class ChannelConnector {

    private final EventLoop loop;
    private final SessionSettings settings;

    ChannelConnector(EventLoop loop, SessionSettings settings) {
        this.loop = loop;
        this.settings = settings;
    }

    /** Connects; the future completes on the event loop once the TCP connection is up. */
    CompletableFuture<Connection> connect(InetSocketAddress address, Consumer<CollectorServerException> refusals) {
        Connection connection = new Connection(address, settings.destination(), refusals);
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ClientChannelInitializer(settings.maxFrameLength(), connection, settings.tls(), address));
        bootstrap.connect(address).addListener((ChannelFuture connect) -> {
            if (connect.isSuccess()) {
                result.complete(connection);
            } else {
                result.completeExceptionally(new ConnectionLostException("[destination=" + settings.destination()
                        + "] cannot connect to " + Connection.hostAndPort(address) + ": " + connect.cause().getMessage(),
                        connect.cause(), false));
            }
        });
        return result;
    }
}
