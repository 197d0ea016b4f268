package io.collector.client;

/**
 * There is no usable connection: connecting failed, the connection broke while a request was outstanding,
 * the client is not connected, or reconnecting gave up after the configured attempts. The message names the
 * server address and destination; the cause, where there is one, is the network error.
 *
 * <p>A request that fails with this exception while the client is reconnecting may be retried: new requests
 * wait for the new connection (up to their timeout). Batches delivered before the connection broke are
 * rolled back by the reconnect and delivered again.
 */
public class ConnectionLostException extends CollectorClientException {

    /** Whether the client reconnects by itself. */
    private final boolean retriable;

    /**
     * Creates a retriable exception: the connection broke and the client reconnects by itself.
     *
     * @param message what was lost and where
     * @param cause   the network error, may be {@code null}
     */
    public ConnectionLostException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /**
     * Creates the exception.
     *
     * @param message   what was lost and where
     * @param cause     the network error, may be {@code null}
     * @param retriable {@code true} if the client reconnects by itself, {@code false} if the caller must
     *                  call {@code connect()} (not connected, disconnected, reconnecting gave up)
     */
    public ConnectionLostException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * Returns whether the client is reconnecting by itself.
     *
     * @return {@code true} when the next request waits for the client's own reconnect
     */
    @Override
    public boolean isRetriable() {
        return retriable;
    }
}
