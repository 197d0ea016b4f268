package io.collector.client;

/**
 * The server answered a request with an error ACK. {@link #errorCode()} is Canal's code: 400 for most
 * refusals (failed authentication, unknown or out-of-order batch), 401 for an unknown destination or a
 * client that has not subscribed, 402 for batch id 0.
 *
 * <p>Acks and rollbacks get no reply on success, so their refusal arrives later: the client fails the next
 * request with this exception (naming the refused ack or rollback) and also passes it to the error listener.
 */
public class CollectorServerException extends CollectorClientException {

    /** The ACK's error code. */
    private final int errorCode;
    /** The ACK's error message. */
    private final String serverMessage;

    /**
     * Creates the exception for one error ACK.
     *
     * @param message       what the client was doing and what the server said
     * @param errorCode     the ACK's error code
     * @param serverMessage the ACK's error message, verbatim
     */
    public CollectorServerException(String message, int errorCode, String serverMessage) {
        super(message);
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /**
     * Returns the error code the server sent.
     *
     * @return Canal's ACK error code (400, 401, 402, ...)
     */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Returns the error message the server sent, without the client's context.
     *
     * @return the ACK's error message, possibly empty
     */
    public String serverMessage() {
        return serverMessage;
    }
}
