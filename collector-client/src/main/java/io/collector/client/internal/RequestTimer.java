package io.collector.client.internal;

import io.collector.client.RequestTimeoutException;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Arms the deadline of requests: the request timeout plus the request's server-side wait. */
final class RequestTimer {

    private final EventLoop loop;
    private final Duration requestTimeout;
    private final String logPrefix;

    RequestTimer(EventLoop loop, Duration requestTimeout, String destination) {
        this.loop = loop;
        this.requestTimeout = requestTimeout;
        this.logPrefix = "[destination=" + destination + "]";
    }

    /**
     * Schedules {@code onExpiry} with the timeout error unless the request completes first. Call on the
     * event loop.
     */
    void arm(PendingRequest<?> request, Consumer<RequestTimeoutException> onExpiry) {
        long millis = requestTimeout.toMillis() + request.serverWaitMillis();
        request.armTimer(loop.schedule(() -> {
            if (!request.future().isDone()) {
                onExpiry.accept(new RequestTimeoutException(logPrefix + " no reply to " + request.description()
                        + " within " + millis + " ms" + where(request)));
            }
        }, millis, TimeUnit.MILLISECONDS));
    }

    private static String where(PendingRequest<?> request) {
        Connection connection = request.connection();
        return connection == null ? " (no connection to send it on)" : " from " + connection.server();
    }
}
