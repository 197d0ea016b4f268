package io.collector.client;

/**
 * Base of every exception the client SDK throws or fails a future with. Unchecked, like the rest of the
 * SDK's errors; the subclasses say what went wrong:
 * <ul>
 *   <li>{@link CollectorServerException}: the server refused a request (its ACK error code and message);</li>
 *   <li>{@link ConnectionLostException}: no usable connection (lost, not connected, reconnecting gave up);</li>
 *   <li>{@link RequestTimeoutException}: no reply within the request timeout;</li>
 *   <li>{@link StaleBatchException}: an ack for a batch delivered before a reconnect;</li>
 *   <li>{@link CollectorProtocolException}: the peer broke the protocol.</li>
 * </ul>
 * Instances of this class itself are used for misuse the subclasses don't cover, such as a closed client.
 *
 * <p>{@link #isRetriable()} tells a consumer loop whether to go on: a retriable error is transient and the
 * client recovers by itself (for example it is reconnecting), so the next call may succeed.
 */
public class CollectorClientException extends RuntimeException {

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, with the destination and server address where known
     */
    public CollectorClientException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, with the destination and server address where known
     * @param cause   the underlying failure, may be {@code null}
     */
    public CollectorClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Returns whether the error is transient: the client recovers by itself (it is reconnecting, or resets
     * the connection), so calling again, for example the next {@code getWithoutAck}, may succeed. Errors
     * that need the caller to act (connect again, fix the configuration, roll back) are not retriable.
     *
     * @return {@code false} here; subclasses say otherwise where it holds
     */
    public boolean isRetriable() {
        return false;
    }
}
