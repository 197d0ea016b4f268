package io.collector.server.error;

/**
 * Shared state that this server believed it owned was changed by another server since it was read: this
 * server is most likely no longer the leader of the destination and must stop writing for it. Not retriable;
 * reading the state again (after winning leadership again) is the way out.
 */
public class FencedException extends CollectorException {

    public FencedException(String message) {
        super(message, false);
    }

    public FencedException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
