package io.collector.client;

/**
 * The peer sent something the protocol does not allow here: an unexpected packet type, a wrong protocol
 * version, a compressed body, an undecodable or oversized frame. The client closes that connection and, if
 * it was established, reconnects per its reconnect policy.
 */
public class CollectorProtocolException extends CollectorClientException {

    /**
     * Creates the exception.
     *
     * @param message what was received and what was expected
     * @param cause   the decoding error, may be {@code null}
     */
    public CollectorProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
