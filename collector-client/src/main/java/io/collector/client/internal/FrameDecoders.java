package io.collector.client.internal;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** Builds the inbound frame splitter: 4-byte big-endian length, then that many bytes. */
public final class FrameDecoders {

    private FrameDecoders() {
    }

    /**
     * Returns a new decoder that emits each frame's body without its length prefix and fails at once with a
     * {@link io.netty.handler.codec.TooLongFrameException} when a frame announces more than the limit.
     *
     * @param maxFrameLength the largest accepted body length in bytes
     * @return a new decoder; decoders keep state, so use one per channel
     */
    public static LengthFieldBasedFrameDecoder newFrameDecoder(int maxFrameLength) {
        int prefix = PacketEncoder.LENGTH_PREFIX;
        long limit = Math.min((long) maxFrameLength + prefix, Integer.MAX_VALUE);
        return new LengthFieldBasedFrameDecoder((int) limit, 0, prefix, 0, prefix);
    }
}
