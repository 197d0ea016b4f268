package io.collector.client.internal;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes daemon threads named {@code <prefix>-<n>} with an uncaught-exception handler that logs, for the
 * client's event loop.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    /**
     * Creates a factory.
     *
     * @param prefix the thread name prefix, e.g. {@code collector-client-example-io}
     */
    public NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Returns a new, unstarted daemon thread.
     *
     * @param task what the thread runs
     * @return the thread
     */
    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new FastThreadLocalThread(task, prefix + "-" + next.getAndIncrement());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("uncaught exception in thread {}", t.getName(), e));
        return thread;
    }
}
