package io.collector.server.net;

import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.net.handler.BoundedFrameDecoder;
import io.collector.server.net.handler.ClientRegistry;
import io.collector.server.net.handler.IdleTimeoutHandler;
import io.collector.server.net.handler.NetConfig;
import io.collector.server.net.handler.NetLimits;
import io.collector.server.net.handler.NetTls;
import io.collector.server.net.handler.PacketDispatcher;
import io.collector.server.net.handler.PacketHandlers;
import io.collector.server.net.handler.Session;
import io.collector.server.service.CollectorService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The pipeline of one client connection: immediate ACKs of what the client sent ({@link QuickAckHandler}, where
 * the OS offers them), TLS when configured ({@link NetTls}), 4-byte big-endian length framing both ways (a length above
 * {@link NetConfig#maxFrameLength()}, or above {@link NetLimits#unauthenticatedFrameLength()} before the client
 * authenticated, closes the connection), the outgoing buffer's high-water mark, protobuf {@code Packet} decoding and encoding,
 * the idle timeout, and the {@link PacketDispatcher} with a new {@link Session}.
 */
public final class CollectorChannelInitializer extends ChannelInitializer<Channel> {

    static final int SEED_LENGTH = 8;
    private static final int LENGTH_FIELD = 4;

    private final NetConfig config;
    private final CollectorService service;
    private final PacketHandlers handlers;
    private final ClientRegistry registry;
    private final Executor requestPool;
    private final Clock clock;
    private final Consumer<Session> onSession;
    private final SecureRandom random = new SecureRandom();
    private final ConnectionCaps caps;
    private final SslContext tls;

    /**
     * @param requestPool where sessions run their requests, which may block
     * @param onSession   told of each new session (on the event loop), e.g. to release it at shutdown
     */
    public CollectorChannelInitializer(NetConfig config, CollectorService service, ClientRegistry registry,
                                       Executor requestPool, Clock clock, Consumer<Session> onSession) {
        this.config = config;
        this.service = service;
        this.handlers = PacketHandlers.canal(config, service);
        this.registry = registry;
        this.requestPool = requestPool;
        this.clock = clock;
        this.onSession = onSession;
        this.caps = new ConnectionCaps(config.limits());
        this.tls = config.tls().context().orElse(null);
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!caps.admit(channel)) {
            channel.close();
            return;
        }
        NetLimits limits = config.limits();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(limits.writeBufferBytes() / 2,
                limits.writeBufferBytes()));
        Session session = new Session(channel, seed(), config.idleTimeout(), limits, requestPool, registry,
                service);
        onSession.accept(session);
        ChannelPipeline pipeline = channel.pipeline();
        QuickAckHandler.ifSupported().ifPresent(handler -> pipeline.addLast("quickAck", handler));
        if (tls != null) {
            SslHandler handler = tls.newHandler(channel.alloc());
            handler.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
            pipeline.addLast("tls", handler);
        }
        pipeline.addLast("frameDecoder", new BoundedFrameDecoder(session, limits.unauthenticatedFrameLength(),
                config.maxFrameLength()));
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(LENGTH_FIELD));
        pipeline.addLast("packetDecoder", new ProtobufDecoder(Packet.getDefaultInstance()));
        pipeline.addLast("packetEncoder", new ProtobufEncoder());
        pipeline.addLast("idle", new IdleTimeoutHandler(session, clock));
        pipeline.addLast("dispatcher", new PacketDispatcher(session, handlers));
    }

    /** Open connections, as counted for the connection caps. */
    public int connections() {
        return caps.open();
    }

    private byte[] seed() {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return seed;
    }
}
