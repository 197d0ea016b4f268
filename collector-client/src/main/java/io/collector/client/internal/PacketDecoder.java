package io.collector.client.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.UnsafeByteOperations;
import io.collector.protocol.PacketProtocol.Packet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.util.List;

/**
 * Parses one frame (without its length prefix) into a {@link Packet}. Runs on the channel's event loop.
 *
 * <p>The frame is copied once into its own array, which the packet's body then shares instead of copying it
 * again ({@link #aliasing(ByteString)}): a batch's entries and their row changes are parsed from that one copy.
 */
public final class PacketDecoder extends MessageToMessageDecoder<ByteBuf> {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out)
            throws CorruptedFrameException {
        int length = frame.readableBytes();
        try {
            out.add(Packet.parseFrom(aliasing(UnsafeByteOperations.unsafeWrap(ByteBufUtil.getBytes(frame)))));
        } catch (IOException e) {
            throw new CorruptedFrameException("frame of " + length + " bytes is not a Packet", e);
        }
    }

    /**
     * Returns a stream over {@code bytes} whose {@code bytes} fields share their array rather than copying it.
     * Safe because nothing writes to the arrays of received packets.
     */
    static CodedInputStream aliasing(ByteString bytes) {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        return in;
    }
}
