package io.collector.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Blocking client of one destination, with Canal's {@code CanalConnector} API: {@code connect},
 * {@code subscribe}, {@code getWithoutAck}, {@code ack}, {@code rollback}, {@code unsubscribe},
 * {@code disconnect}. A thin layer over {@link CollectorAsyncClient}; see there for reconnects and failures.
 *
 * <pre>{@code
 * try (CollectorClient client = new CollectorClient(config)) {
 *     client.connect();
 *     client.subscribe("shop\\..*");
 *     while (running) {
 *         Message message = client.getWithoutAck(100, Duration.ofSeconds(1));
 *         process(message.rows());
 *         client.ack(message.batchId());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Methods block the calling thread (never the client's I/O thread) until the reply
 * arrives or the request's deadline passes. They may be called from several threads; requests are sent in
 * call order. If the waiting thread is interrupted, the method cancels the request, sets the interrupt flag
 * again and throws a {@link CollectorClientException}; a batch whose get was cancelled is delivered again.
 *
 * <p><b>Fetching ahead.</b> Configured with {@link CollectorClientBuilder#prefetch(boolean)}, the client writes the
 * next GET (same batch size, no server wait) as soon as a get returned a full batch (as many entries as asked
 * for), so that the server sends it while the application processes this one. The next get returns it, even with
 * another batch size; if it came back empty, that get asks the server as usual; if it failed, that get throws
 * its failure. Acks keep their order. A rollback drops it and the server delivers it again; while a batch is
 * ahead, a rollback of one batch is sent as a rollback of all unacknowledged ones (the server delivers all of
 * them again anyway). A disconnect drops it too.
 *
 * <p><b>Failures.</b> Every method throws only unchecked exceptions: {@link CollectorClientException} and its
 * subclasses, and {@link IllegalArgumentException} for invalid arguments.
 */
public final class CollectorClient implements AutoCloseable {

    private final CollectorAsyncClient async;
    private final Prefetcher prefetcher;

    /**
     * Creates a client; it does not connect yet.
     *
     * @param config the checked configuration
     */
    public CollectorClient(CollectorClientConfig config) {
        this(new CollectorAsyncClient(config));
    }

    /**
     * Wraps an asynchronous client; closing this client closes it.
     *
     * @param async the client to wrap
     */
    public CollectorClient(CollectorAsyncClient async) {
        this.async = async;
        this.prefetcher = async.config().prefetch() ? new Prefetcher(async) : null;
    }

    /**
     * Returns the asynchronous client underneath, for pipelining.
     *
     * @return the asynchronous client
     */
    public CollectorAsyncClient async() {
        return async;
    }

    /**
     * Connects and authenticates. See {@link CollectorAsyncClient#connect()}.
     *
     * @throws ConnectionLostException   if the server cannot be reached, or (cluster client) no server ran the
     *                                   destination within the connect timeout
     * @throws CollectorServerException  if authentication is refused
     * @throws RequestTimeoutException   if the server does not answer
     */
    public void connect() {
        await(async.connect(), "connect");
    }

    /**
     * Subscribes with the destination's own filter. See {@link CollectorAsyncClient#subscribe(String)}.
     *
     * @throws CollectorServerException if the server refuses (401: unknown destination)
     */
    public void subscribe() {
        await(async.subscribe(), "subscribe");
    }

    /**
     * Subscribes with a table filter, followed by a rollback on the first subscription of a connection.
     * See {@link CollectorAsyncClient#subscribe(String)}.
     *
     * @param filter Canal table filter, {@code null} or empty for the destination's
     * @throws CollectorServerException if the server refuses (401: unknown destination, 400: bad filter)
     */
    public void subscribe(String filter) {
        await(async.subscribe(filter), "subscribe");
    }

    /**
     * Unsubscribes. See {@link CollectorAsyncClient#unsubscribe()}.
     *
     * @throws CollectorServerException if the server refuses
     */
    public void unsubscribe() {
        await(async.unsubscribe(), "unsubscribe");
    }

    /**
     * Takes what is available now, without acknowledging it.
     *
     * @param batchSize the most entries to take, at least 1
     * @return the batch, empty (batch id -1) when nothing is available
     * @throws CollectorServerException if the server refuses, or (a Canal server) refused an earlier ack or rollback
     */
    public Message getWithoutAck(int batchSize) {
        return fetch(batchSize, null);
    }

    /**
     * Takes at most {@code batchSize} entries, letting the server wait up to {@code timeout} to fill the
     * batch, without acknowledging them.
     *
     * @param batchSize the most entries to take, at least 1
     * @param timeout   how long the server may wait, between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return the batch, empty (batch id -1) when nothing arrived in time
     * @throws CollectorServerException if the server refuses, or (a Canal server) refused an earlier ack or rollback
     */
    public Message getWithoutAck(int batchSize, Duration timeout) {
        CollectorAsyncClient.checkTimedGet(batchSize, timeout);
        return fetch(batchSize, timeout);
    }

    /**
     * Takes what is available now and acknowledges it at once (at-most-once if processing then fails).
     *
     * @param batchSize the most entries to take, at least 1
     * @return the batch, already acknowledged
     */
    public Message get(int batchSize) {
        return acknowledged(getWithoutAck(batchSize));
    }

    /**
     * Takes a batch as {@link #getWithoutAck(int, Duration)} does and acknowledges it at once.
     *
     * @param batchSize the most entries to take, at least 1
     * @param timeout   how long the server may wait, at least 1 ms
     * @return the batch, already acknowledged
     */
    public Message get(int batchSize, Duration timeout) {
        return acknowledged(getWithoutAck(batchSize, timeout));
    }

    /**
     * Acknowledges a batch. Against our server (ack replies negotiated) returns once the server accepted it and
     * throws its refusal; against a Canal server returns once written, and a refusal is thrown by the next call.
     *
     * @param batchId the batch id; -1 (empty batch) is ignored
     * @throws StaleBatchException if the batch was delivered before a reconnect
     * @throws CollectorServerException if our server refused the ack
     */
    public void ack(long batchId) {
        await(async.ack(batchId), "ack");
    }

    /**
     * Rolls back every unacknowledged batch; returns once accepted (our server) or written (a Canal server),
     * as {@link #ack(long)}.
     */
    public void rollback() {
        rollback(0);
    }

    /**
     * Rolls back one batch (0: all); returns once accepted (our server) or written (a Canal server), as
     * {@link #ack(long)}.
     *
     * @param batchId the batch id; -1 (empty batch) is ignored
     */
    public void rollback(long batchId) {
        await(prefetcher == null ? async.rollback(batchId) : prefetcher.rollback(batchId), "rollback");
    }

    /**
     * Closes the connection and stops reconnecting. See {@link CollectorAsyncClient#disconnect()}.
     */
    public void disconnect() {
        await(prefetcher == null ? async.disconnect() : prefetcher.disconnect(), "disconnect");
    }

    /**
     * Returns whether a connection is ready right now.
     *
     * @return {@code false} before connecting, while reconnecting, after giving up or disconnecting
     */
    public boolean isConnected() {
        return async.isConnected();
    }

    /**
     * Disconnects and releases the client's thread. See {@link CollectorAsyncClient#close()}.
     */
    @Override
    public void close() {
        async.close();
    }

    /** A batch: the one asked for ahead if there is one and it is not empty, else one asked for now. */
    private Message fetch(int batchSize, Duration timeout) {
        CollectorAsyncClient.checkGet(batchSize, timeout);
        if (prefetcher == null) {
            return await(request(batchSize, timeout), "getWithoutAck");
        }
        CompletableFuture<Message> ahead = prefetcher.take();
        Message message = ahead == null ? null : await(ahead, "getWithoutAck");
        if (message == null || message.batchId() == Message.EMPTY_BATCH_ID) {
            message = await(request(batchSize, timeout), "getWithoutAck");
        }
        prefetcher.after(message, batchSize);
        return message;
    }

    private CompletableFuture<Message> request(int batchSize, Duration timeout) {
        return timeout == null ? async.getWithoutAck(batchSize) : async.getWithoutAck(batchSize, timeout);
    }

    private Message acknowledged(Message message) {
        ack(message.batchId());
        return message;
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new CollectorClientException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CollectorClientException(String.valueOf(cause), cause);
    }
}
