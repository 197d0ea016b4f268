package io.collector.server.net.compat;

import java.util.concurrent.TimeUnit;

/**
 * The calls of a Canal-style client the compatibility suite makes, one client bound to one server address,
 * destination and credentials. Each implementation adapts one real client library; every failure the
 * server reports surfaces as a {@link RuntimeException} whose message carries the server's text.
 */
public interface CompatClient {

    /** Opens the connection and authenticates. */
    void connect();

    /** Subscribes to the destination; an empty filter takes the destination's own. */
    void subscribe(String filter);

    /** Takes the next batch without acknowledging it, returning at once. */
    CompatBatch getWithoutAck(int batchSize);

    /** Takes the next batch without acknowledging it, waiting up to {@code timeout} for a full one. */
    CompatBatch getWithoutAck(int batchSize, long timeout, TimeUnit unit);

    /** Takes and acknowledges the next batch. */
    CompatBatch get(int batchSize, long timeout, TimeUnit unit);

    void ack(long batchId);

    /** Rolls back every unacknowledged batch. */
    void rollback();

    /** Rolls back from batch {@code batchId}. */
    void rollback(long batchId);

    void unsubscribe();

    /** Closes the connection without acknowledging or rolling back anything. */
    void disconnect();
}
