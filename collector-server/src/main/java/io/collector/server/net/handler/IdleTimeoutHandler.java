package io.collector.server.net.handler;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that neither sent nor received a packet for its session's idle timeout (the server's
 * setting, or the client's {@code net_read_timeout} once it authenticated). A connection waiting for a
 * request to finish, such as a blocking GET, is not idle. Time comes from the injected clock; checks run on
 * the channel's event loop.
 */
public final class IdleTimeoutHandler extends ChannelDuplexHandler {

    /** User event: the session's idle timeout changed, check again now. */
    static final Object TIMEOUT_CHANGED = new Object() {
        @Override
        public String toString() {
            return "IDLE_TIMEOUT_CHANGED";
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(IdleTimeoutHandler.class);

    private final Session session;
    private final Clock clock;
    private long lastActivityMillis;
    private ScheduledFuture<?> check;

    public IdleTimeoutHandler(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        lastActivityMillis = clock.millis();
        schedule(ctx, session.idleTimeout().toMillis());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastActivityMillis = clock.millis();
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        lastActivityMillis = clock.millis();
        super.write(ctx, msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == TIMEOUT_CHANGED) {
            check(ctx);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long timeout = session.idleTimeout().toMillis();
        if (session.busy()) {
            lastActivityMillis = clock.millis();
        }
        long idle = clock.millis() - lastActivityMillis;
        if (idle >= timeout) {
            LOG.info("Closing {}: idle for {} ms (timeout {} ms)", session, idle, timeout);
            ctx.close();
            return;
        }
        schedule(ctx, timeout - idle);
    }

    private void schedule(ChannelHandlerContext ctx, long delayMillis) {
        cancel();
        check = ctx.executor().schedule(() -> check(ctx), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
