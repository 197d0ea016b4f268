package io.collector.client.internal;

import io.collector.protocol.PacketProtocol.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/**
 * Writes a {@link Packet} as one frame: a 4-byte big-endian length, then the serialized packet. Stateless, so
 * one instance may serve every channel.
 */
@ChannelHandler.Sharable
public final class PacketEncoder extends MessageToByteEncoder<Packet> {

    /** Length of the frame's length prefix in bytes. */
    public static final int LENGTH_PREFIX = 4;

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, ByteBuf out) throws IOException {
        int size = packet.getSerializedSize();
        out.ensureWritable(LENGTH_PREFIX + size);
        out.writeInt(size);
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            packet.writeTo(stream);
        }
    }
}
