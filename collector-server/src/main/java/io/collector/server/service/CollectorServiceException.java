package io.collector.server.service;

import io.collector.server.error.CollectorException;

/**
 * A request the {@link CollectorService} refuses. {@link #code()} is the error code Canal puts into its ACK
 * packet for the same case, so the network layer can pass it on unchanged.
 */
public class CollectorServiceException extends CollectorException {

    /** Anything else: an unknown or out-of-order batch, a bad argument, a destination not running. */
    public static final int GENERIC = 400;
    /** The destination is unknown, or the client has not subscribed to it. */
    public static final int NOT_SUBSCRIBED = 401;
    /** Batch id 0 in an ack. */
    public static final int INVALID_BATCH_ID = 402;

    private final int code;

    public CollectorServiceException(int code, String message) {
        super(message, false);
        this.code = code;
    }

    public CollectorServiceException(int code, String message, Throwable cause) {
        super(message, false, cause);
        this.code = code;
    }

    /** Canal's ACK error code: 400, 401 or 402. */
    public int code() {
        return code;
    }
}
