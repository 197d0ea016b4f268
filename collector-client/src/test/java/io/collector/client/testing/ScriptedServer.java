package io.collector.client.testing;

import io.collector.client.internal.FrameDecoders;
import io.collector.client.internal.NamedThreadFactory;
import io.collector.client.internal.PacketDecoder;
import io.collector.client.internal.PacketEncoder;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the server, on a loopback ephemeral port: sends a handshake to each connection, then answers
 * each request from a script. The script is, per packet type, a queue of one-shot handlers ({@link #once}),
 * falling back to a standing handler ({@link #on}); the standing defaults accept authentication, subscribe
 * and unsubscribe, answer GET with an empty batch, and stay silent on acks and rollbacks, as a server does.
 * Everything received is recorded with the number of the connection it came on (1, 2, ...).
 */
public final class ScriptedServer implements AutoCloseable {

    /** A handler of one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange);
    }

    /** One request and the means to answer it. */
    public record Exchange(int connection, Packet request, Channel channel) {

        public void reply(Packet packet) {
            channel.writeAndFlush(packet);
        }

        public void close() {
            channel.close();
        }
    }

    /** A packet the server received. */
    public record Received(int connection, Packet packet) {
    }

    public static final byte[] SEED = {1, 2, 3, 4, 5, 6, 7, 8};

    private final EventLoopGroup group = new NioEventLoopGroup(1, new NamedThreadFactory("scripted-server"));
    private final Map<PacketType, Handler> standing = new EnumMap<>(PacketType.class);
    private final Map<PacketType, Deque<Handler>> oneShot = new EnumMap<>(PacketType.class);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Packet handshake = ServerPackets.handshake(SEED);
    private Channel server;

    private ScriptedServer() {
        on(PacketType.CLIENTAUTHENTICATION, exchange -> exchange.reply(ServerPackets.ack()));
        on(PacketType.SUBSCRIPTION, exchange -> exchange.reply(ServerPackets.ack()));
        on(PacketType.UNSUBSCRIPTION, exchange -> exchange.reply(ServerPackets.ack()));
        on(PacketType.GET, exchange -> exchange.reply(ServerPackets.empty()));
        on(PacketType.CLIENTACK, exchange -> { });
        on(PacketType.CLIENTROLLBACK, exchange -> { });
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    public static ScriptedServer start() {
        ScriptedServer server = new ScriptedServer();
        server.bind(0);
        return server;
    }

    /** Starts listening again on the same port after {@link #stopListening()}. */
    public void listenAgain() {
        bind(port());
    }

    private void bind(int port) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted(channel);
                    }
                })
                .bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    /** Replaces the standing handler of a packet type. */
    public synchronized ScriptedServer on(PacketType type, Handler handler) {
        standing.put(type, handler);
        return this;
    }

    /** Queues a one-shot handler for the next request of a type, before the standing one. */
    public synchronized ScriptedServer once(PacketType type, Handler handler) {
        oneShot.computeIfAbsent(type, t -> new ArrayDeque<>()).add(handler);
        return this;
    }

    /** Sets the packet sent on accept; {@code null} sends none. */
    public ScriptedServer handshake(Packet packet) {
        this.handshake = packet;
        return this;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    public int connections() {
        return connections.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Packet> received(PacketType type) {
        return received.stream().filter(r -> r.packet().getType() == type).map(Received::packet).toList();
    }

    public List<Packet> received(int connection, PacketType type) {
        return received.stream().filter(r -> r.connection() == connection && r.packet().getType() == type)
                .map(Received::packet).toList();
    }

    /** The packet types received on one connection, in order. */
    public List<PacketType> types(int connection) {
        return received.stream().filter(r -> r.connection() == connection).map(r -> r.packet().getType()).toList();
    }

    public void awaitReceived(PacketType type, int count) {
        Conditions.await(count + " " + type + " packet(s)", () -> received(type).size() >= count);
    }

    /** Waits until a connection received exactly these packet types so far, in this order. */
    public void awaitTypes(int connection, PacketType... types) {
        List<PacketType> expected = List.of(types);
        Conditions.await("connection " + connection + " to receive " + expected,
                () -> types(connection).equals(expected));
    }

    public void awaitConnections(int count) {
        Conditions.await(count + " connection(s)", () -> connections() >= count);
    }

    /** Closes every open client connection. */
    public void dropConnections() {
        channels.forEach(Channel::close);
        Conditions.await("client connections closed", Duration.ofSeconds(5),
                () -> channels.stream().noneMatch(Channel::isActive));
    }

    /** Closes the listening socket; open connections stay. */
    public void stopListening() {
        server.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        if (!group.isShuttingDown()) {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void accepted(SocketChannel channel) {
        int number = connections.incrementAndGet();
        channels.add(channel);
        channel.pipeline()
                .addLast(FrameDecoders.newFrameDecoder(64 * 1024 * 1024))
                .addLast(new PacketDecoder())
                .addLast(new PacketEncoder())
                .addLast(new SimpleChannelInboundHandler<Packet>() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        Packet greeting = handshake;
                        if (greeting != null) {
                            ctx.writeAndFlush(greeting);
                        }
                    }

                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Packet packet) {
                        received.add(new Received(number, packet));
                        handlerFor(packet.getType()).handle(new Exchange(number, packet, ctx.channel()));
                    }
                });
    }

    private synchronized Handler handlerFor(PacketType type) {
        Deque<Handler> queued = oneShot.get(type);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        return standing.getOrDefault(type, exchange -> exchange.reply(ServerPackets.errorAck(400,
                "unexpected packet type " + type)));
    }
}
