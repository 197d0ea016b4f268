package io.collector.server.lifecycle;

/**
 * The start/stop contract every component follows: {@link #start()} runs at most once, {@link #stop()} is
 * idempotent and may be called from any thread, also before or without a start.
 */
public interface Lifecycle extends AutoCloseable {

    /** Starts the component. Throws {@link IllegalStateException} if it was started or stopped before. */
    void start();

    /** Stops the component and releases its resources; does nothing after the first call. */
    void stop();

    boolean isRunning();

    @Override
    default void close() {
        stop();
    }
}
