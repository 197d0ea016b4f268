package io.collector.server.lifecycle;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes daemon threads named {@code <prefix>-N} (N from 1) whose uncaught exceptions are logged as errors.
 * Pass {@code numbered = false} for a single thread that is named exactly {@code prefix}. The server's one
 * thread factory: its threads are Netty {@link FastThreadLocalThread}s, which event loops run best on and
 * which behave as plain threads elsewhere.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final boolean numbered;
    private final AtomicInteger count = new AtomicInteger();

    public NamedThreadFactory(String prefix, boolean numbered) {
        this.prefix = prefix;
        this.numbered = numbered;
    }

    /** Threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
    public NamedThreadFactory(String prefix) {
        this(prefix, true);
    }

    @Override
    public Thread newThread(Runnable task) {
        String name = numbered ? prefix + "-" + count.incrementAndGet() : prefix;
        Thread thread = new FastThreadLocalThread(task, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught exception in {}", t.getName(), e));
        return thread;
    }
}
