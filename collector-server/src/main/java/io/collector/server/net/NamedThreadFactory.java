package io.collector.server.net;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads named {@code prefix-N} (or exactly {@code prefix} for a single-thread pool), each with an
 * uncaught-exception handler that logs at ERROR. They are Netty {@link FastThreadLocalThread}s, which event
 * loops run best on.
 */
final class NamedThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger next = new AtomicInteger(1);

    private NamedThreadFactory(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named {@code prefix-1}, {@code prefix-2}, ... */
    static NamedThreadFactory numbered(String prefix) {
        return new NamedThreadFactory(prefix, true);
    }

    /** Threads all named {@code name}: for a pool of one thread. */
    static NamedThreadFactory single(String name) {
        return new NamedThreadFactory(name, false);
    }

    @Override
    public Thread newThread(Runnable task) {
        String name = numbered ? prefix + "-" + next.getAndIncrement() : prefix;
        Thread thread = new FastThreadLocalThread(task, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in thread {}", t.getName(), e));
        return thread;
    }
}
