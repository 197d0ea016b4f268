package io.collector.server.net.handler;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Canal's framing (a 4-byte big-endian length, then the packet) with two limits: a small one until the
 * session authenticated, the configured one after. A length above the limit that applies fails at once
 * (the connection closes) without buffering the frame.
 */
public final class BoundedFrameDecoder extends LengthFieldBasedFrameDecoder {

    private static final int LENGTH_FIELD = 4;

    private final Session session;
    private final int unauthenticatedLimit;
    private final int limit;

    /**
     * @param unauthenticatedLimit largest packet before authentication, in bytes (without the length field)
     * @param limit                largest packet after it
     */
    public BoundedFrameDecoder(Session session, int unauthenticatedLimit, int limit) {
        super(Integer.MAX_VALUE, 0, LENGTH_FIELD, 0, LENGTH_FIELD, true);
        this.session = session;
        this.unauthenticatedLimit = unauthenticatedLimit;
        this.limit = limit;
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frame = super.getUnadjustedFrameLength(buf, offset, length, order);
        boolean authenticated = session.authenticated();
        long allowed = authenticated ? limit : Math.min(unauthenticatedLimit, limit);
        if (frame > allowed) {
            throw new TooLongFrameException("packet of " + frame + " bytes exceeds " + allowed + " bytes"
                    + (authenticated ? "" : " (limit before authentication)"));
        }
        return frame;
    }
}
