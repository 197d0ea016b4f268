package io.collector.client;

/**
 * A request got no reply within its deadline: the configured request timeout, plus the server-side wait of a
 * {@code getWithoutAck} with a timeout. A request already on the wire also resets the connection (replies
 * are matched by order, so a late one could no longer be told apart); the client then reconnects, subscribes
 * again and rolls back, as after any connection loss.
 */
public class RequestTimeoutException extends CollectorClientException {

    /**
     * Creates the exception.
     *
     * @param message the request, the deadline and the server address
     */
    public RequestTimeoutException(String message) {
        super(message);
    }

    /**
     * Returns {@code true}: the client resets the connection and reconnects by itself.
     *
     * @return {@code true}
     */
    @Override
    public boolean isRetriable() {
        return true;
    }
}
