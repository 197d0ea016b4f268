package io.collector.server.error;

/**
 * Another server took over what this one believed it owned: a cursor znode changed since it was read, or the
 * destination's exactly-once Kafka producer (same {@code transactional.id}) was opened elsewhere. This server is
 * most likely no longer the leader of the destination and must stop writing for it. Never retried (a retry
 * would fence the other server in turn); winning leadership again and re-reading the state is the way out.
 */
public class FencedException extends CollectorException {

    public FencedException(String message) {
        super(message, false);
    }

    public FencedException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
