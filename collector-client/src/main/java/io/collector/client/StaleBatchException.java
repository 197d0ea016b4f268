package io.collector.client;

/**
 * An ack names a batch delivered on an earlier connection. The reconnect rolled that batch back, so the
 * server no longer knows it and will deliver its entries again; acking it now could only acknowledge
 * something else. Process the redelivered batches instead.
 */
public class StaleBatchException extends CollectorClientException {

    /** The stale batch id. */
    private final long batchId;

    /**
     * Creates the exception.
     *
     * @param message what happened, with the batch id and destination
     * @param batchId the stale batch id
     */
    public StaleBatchException(String message, long batchId) {
        super(message);
        this.batchId = batchId;
    }

    /**
     * Returns the batch id the caller tried to acknowledge.
     *
     * @return the stale batch id
     */
    public long batchId() {
        return batchId;
    }
}
