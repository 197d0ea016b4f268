package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import io.collector.client.StaleBatchException;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The client's protocol session: the Canal requests on top of a {@link SessionState} that connects,
 * reconnects and queues requests while no connection is ready. The API methods may be called from any
 * thread; their work runs on the client's event loop, and the returned futures complete there.
 */
public final class Session {

    private final SessionSettings settings;
    private final Requests requests;
    private final SessionState state;
    private final BatchTracker batches = new BatchTracker();

    /**
     * Creates a session; nothing happens until {@link #connect()}.
     *
     * @param loop          the event loop all of the session's work runs on
     * @param settings      the client's settings
     * @param locator       where to connect, asked before every (re)connect
     * @param errorListener told about errors no caller waits for; runs on {@code loop}
     */
    public Session(EventLoop loop, SessionSettings settings, ServerLocator locator,
                   Consumer<? super CollectorClientException> errorListener) {
        this.settings = settings;
        this.requests = new Requests(settings.destination(), settings.clientId());
        this.state = new SessionState(loop, settings, locator, errorListener, batches);
    }

    /**
     * Connects and authenticates; restores the subscription if the client had one and reconnecting gave up.
     *
     * @return completes once the session is ready, or fails with the connect, authentication or
     *         subscription error
     */
    public CompletableFuture<Void> connect() {
        return state.connect();
    }

    /**
     * Subscribes with a filter (empty: the destination's own). The first subscription on a connection is
     * followed by a rollback, so that batches left unacknowledged earlier are delivered again.
     *
     * @param filter Canal table filter, {@code null} or empty for none
     * @return completes when the server accepted the subscription
     */
    public CompletableFuture<Void> subscribe(String filter) {
        String normalized = filter == null ? "" : filter;
        String what = "the subscription of destination " + settings.destination() + " with filter \""
                + normalized + "\"";
        return state.submit(PendingRequest.withReply(requests.subscribe(normalized), what, 0, reply -> {
            Replies.ack(what, reply);
            state.subscribed(normalized);
            return null;
        }));
    }

    /**
     * Unsubscribes; the client no longer subscribes again after a reconnect.
     *
     * @return completes when the server accepted it
     */
    public CompletableFuture<Void> unsubscribe() {
        String what = "the unsubscription of destination " + settings.destination();
        return state.submit(PendingRequest.withReply(requests.unsubscribe(), what, 0, reply -> {
            Replies.ack(what, reply);
            state.unsubscribed();
            return null;
        }));
    }

    /**
     * Takes the next batch without acknowledging it.
     *
     * @param batchSize  the most entries to take, positive
     * @param waitMillis {@link Requests#NO_WAIT} to answer at once, or how long the server may wait to fill
     *                   the batch
     * @return the batch, possibly empty
     */
    public CompletableFuture<Message> getWithoutAck(int batchSize, long waitMillis) {
        String what = "getWithoutAck(batchSize=" + batchSize + (waitMillis > 0 ? ", wait=" + waitMillis + " ms" : "")
                + ")";
        return state.submit(PendingRequest.withReply(requests.get(batchSize, waitMillis), what,
                Math.max(0, waitMillis), reply -> {
                    Message message = Replies.messages(what, reply);
                    batches.delivered(message.batchId());
                    return message;
                }));
    }

    /**
     * Acknowledges a batch. On a connection with ack replies completes with the server's answer; otherwise
     * once written, and a refusal arrives later and fails the next request.
     *
     * @param batchId the batch to acknowledge; the empty batch's id is ignored
     * @return completes when answered or written; fails with {@link StaleBatchException} for a batch delivered before a
     *         reconnect
     */
    public CompletableFuture<Void> ack(long batchId) {
        if (batchId == Message.EMPTY_BATCH_ID) {
            return CompletableFuture.completedFuture(null);
        }
        PendingRequest<Void> ack = PendingRequest.withoutReply(requests.ack(batchId), "the ack of batch " + batchId);
        return state.submitChecked(ack, () -> {
            if (batches.ack(batchId) == BatchTracker.Verdict.STALE) {
                return new StaleBatchException("[destination=" + settings.destination() + "] cannot ack batch "
                        + batchId + ": it was delivered before the client reconnected, and the reconnect rolled it "
                        + "back; its entries are delivered again", batchId);
            }
            return null;
        });
    }

    /**
     * Rolls back one batch, or all unacknowledged batches for batch id 0. A batch delivered before a
     * reconnect was rolled back by it already; rolling it back again does nothing.
     *
     * @param batchId the batch, 0 for all; the empty batch's id is ignored
     * @return completes when answered (ack replies) or written
     */
    public CompletableFuture<Void> rollback(long batchId) {
        if (batchId == Message.EMPTY_BATCH_ID) {
            return CompletableFuture.completedFuture(null);
        }
        String what = batchId == 0 ? "the rollback of all unacknowledged batches" : "the rollback of batch " + batchId;
        PendingRequest<Void> rollback = PendingRequest.withoutReply(requests.rollback(batchId), what);
        return state.submitUnless(rollback, () -> batches.rollback(batchId) == BatchTracker.Verdict.STALE);
    }

    /**
     * Closes the connection and stops reconnecting; waiting and outstanding requests fail. The subscription
     * is forgotten: after {@link #connect()} the client must subscribe again.
     *
     * @return completes when the connection is closed
     */
    public CompletableFuture<Void> disconnect() {
        return state.disconnect();
    }

    /**
     * Returns whether a connection is ready right now.
     *
     * @return {@code true} while connected and not reconnecting
     */
    public boolean isConnected() {
        return state.isReady();
    }
}
