package io.collector.server.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Canal's embedded server API: clients subscribe to a destination, take batches with
 * {@code getWithoutAck}, then acknowledge or roll them back.
 *
 * <p>Each client id of a destination is an independent subscription: it receives the whole stream its filter
 * accepts, with its own batches (ids from 1), acks, rollbacks and cursor, persisted under its own id. One parser
 * and one store serve them all; the store frees an entry once every subscription acknowledged it, so the
 * slowest subscription holds the others back once the store is full.
 *
 * <p>Thread-safe; {@code getWithoutAck} may block, so it must not run on a network event loop. Every
 * refusal is a {@link CollectorServiceException} carrying Canal's ACK error code and a message naming the
 * destination, the client id and, where one is involved, the batch id.
 */
public interface CollectorService {

    /**
     * Subscribes a client, or replaces its filter. A non-empty {@code filter} (Canal table filter syntax)
     * narrows what the client receives: it never widens the destination's own filter.
     *
     * @throws CollectorServiceException 401 for an unknown destination, 400 for an invalid filter
     */
    void subscribe(ClientIdentity client, String filter);

    /**
     * Removes a client's subscription and its cursor.
     *
     * @throws CollectorServiceException 401 for an unknown destination
     */
    void unsubscribe(ClientIdentity client);

    /**
     * Takes the next batch of at most {@code batchSize} entries without acknowledging it.
     *
     * @param timeout -1 returns at once with what is there; any other value ≤ 0 waits until the batch is
     *                full; a positive value waits up to that long for a full batch, then returns what is there
     * @return the batch, or {@link Message#empty()} when nothing is available, or when the calling thread is
     *         interrupted while waiting (its interrupt flag is then set again)
     * @throws CollectorServiceException 401 if the destination is unknown or the client not subscribed, 400 for
     *                                   a batch size below 1 or a destination that is not running
     */
    Message getWithoutAck(ClientIdentity client, int batchSize, long timeout, TimeUnit unit);

    /**
     * {@link #getWithoutAck} without holding the calling thread while it waits: the result completes on
     * another thread once the batch is there or the timeout passed. Cancelling the result abandons the wait;
     * a batch taken for a cancelled result is rolled back.
     *
     * @throws CollectorServiceException as {@link #getWithoutAck}, at once for what can be checked at once,
     *                                   else through the result (a destination stopping meanwhile)
     */
    CompletableFuture<Message> get(ClientIdentity client, int batchSize, long timeout, TimeUnit unit);

    /**
     * Acknowledges batch {@code batchId}, which must be the oldest outstanding one, and persists the cursor
     * after it for this client. Batch id -1 (the id of an empty message) is ignored.
     *
     * @throws CollectorServiceException 402 for batch id 0, 401 if not subscribed, 400 for an unknown or
     *                                   out-of-order batch id
     */
    void ack(ClientIdentity client, long batchId);

    /**
     * Rolls back every outstanding batch: the next gets deliver everything unacknowledged again.
     *
     * @throws CollectorServiceException 401 if not subscribed
     */
    void rollback(ClientIdentity client);

    /**
     * Canal's rollback of one batch. Batch id 0 means all; -1 is ignored; any other id must be outstanding.
     * Either way everything unacknowledged is delivered again, as in Canal.
     *
     * @throws CollectorServiceException 401 if not subscribed, 400 if the batch is not outstanding
     */
    void rollback(ClientIdentity client, long batchId);
}
