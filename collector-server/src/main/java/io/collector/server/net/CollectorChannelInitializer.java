package io.collector.server.net;

import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.net.handler.ClientRegistry;
import io.collector.server.net.handler.IdleTimeoutHandler;
import io.collector.server.net.handler.PacketDispatcher;
import io.collector.server.net.handler.PacketHandlers;
import io.collector.server.net.handler.Session;
import io.collector.server.service.CollectorService;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The pipeline of one client connection: 4-byte big-endian length framing both ways (a length above
 * {@link NetConfig#maxFrameLength()} closes the connection), protobuf {@code Packet} decoding and encoding,
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
    }

    @Override
    protected void initChannel(Channel channel) {
        Session session = new Session(channel, seed(), config.idleTimeout(), requestPool, registry, service);
        onSession.accept(session);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(maxFrame(), 0, LENGTH_FIELD, 0,
                LENGTH_FIELD, true));
        pipeline.addLast("frameEncoder", new LengthFieldPrepender(LENGTH_FIELD));
        pipeline.addLast("packetDecoder", new ProtobufDecoder(Packet.getDefaultInstance()));
        pipeline.addLast("packetEncoder", new ProtobufEncoder());
        pipeline.addLast("idle", new IdleTimeoutHandler(session, clock));
        pipeline.addLast("dispatcher", new PacketDispatcher(session, handlers));
    }

    /** The decoder's limit counts the length field too. */
    private int maxFrame() {
        return (int) Math.min((long) config.maxFrameLength() + LENGTH_FIELD, Integer.MAX_VALUE);
    }

    private byte[] seed() {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        return seed;
    }
}
