package io.collector.server.error;

/**
 * Another process took over this destination's exactly-once Kafka producer (same {@code transactional.id}):
 * it runs the same destination. Treated like a configuration error, never retried, because a retry would fence
 * the other process in turn; with high availability the other process is the new leader.
 */
public class FencedException extends ConfigException {

    public FencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
