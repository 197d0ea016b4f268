package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.CollectorProtocolException;
import io.collector.client.CollectorServerException;
import io.collector.protocol.PacketProtocol.Ack;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.protocol.PacketProtocol.PacketType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the replies of one connection to its requests. The server answers requests in order.
 *
 * <p>Against our server the connection negotiates ack replies in the handshake (the {@code ack_replies} fields
 * of Handshake and ClientAuth): the server then answers every ack and rollback too, error-free on success, so
 * every request expects exactly one reply ({@link PendingRequest#expectReply()}) and each reply, error or not,
 * answers the oldest request. Nothing is ambiguous then.
 *
 * <p>Against a Canal server (no {@code ack_replies} in its handshake) acks and rollbacks are answered only when
 * refused, so:
 * <ul>
 *   <li>a MESSAGES or an error-free ACK answers the oldest request that expects a reply; every ack or rollback
 *       before it succeeded;</li>
 *   <li>an error ACK while the oldest request is an ack or rollback refuses that request or one of the acks and
 *       rollbacks right after it (the message names them all; the oldest is removed). It is passed to
 *       the refusal listener and fails the next request that expects a reply (when that reply arrives) or, if
 *       none is outstanding, the next request submitted. A rollback in between settles it instead: everything
 *       unacknowledged is delivered again anyway.</li>
 * </ul>
 * One ambiguity remains against a Canal server only: if an ack or rollback succeeded and the following request
 * is refused, the refusal is taken as the ack's or rollback's; that request then gets no reply of its own,
 * times out, and the connection is reset.
 *
 * <p>Confined to the connection's event loop; not thread-safe.
 */
final class InFlightRequests {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);

    private static final String REFUSAL_ADVICE =
            " (batches not acknowledged stay outstanding; rollback() has them delivered again)";

    private final Deque<PendingRequest<?>> queue = new ArrayDeque<>();
    private final Consumer<CollectorServerException> refusalListener;
    private CollectorServerException pendingError;

    InFlightRequests(Consumer<CollectorServerException> refusalListener) {
        this.refusalListener = refusalListener;
    }

    /**
     * Queues a request about to be written, or returns the refusal of an earlier ack that must fail it
     * instead (the request is then neither queued nor to be written).
     */
    CollectorServerException admit(PendingRequest<?> request) {
        CollectorServerException error = pendingError;
        if (error != null && request.type() != PacketType.CLIENTROLLBACK) {
            pendingError = null;
            return error;
        }
        if (error != null) {
            LOG.debug("{} settles the earlier refusal: {}", request, error.getMessage());
            pendingError = null;
        }
        queue.add(request);
        return null;
    }

    /**
     * Routes one reply. Returns {@code false} when a batch arrived for a request nobody waits for any more.
     *
     * @throws CollectorProtocolException if the reply matches no request or is not allowed as its reply
     */
    boolean dispatch(Packet reply) {
        Ack error = Replies.errorAck(reply);
        if (error != null && !headExpectsReply()) {
            refusedWithoutReply(queue.poll(), error);
            return true;
        }
        while (!queue.isEmpty() && !queue.peek().expectsReply()) {
            queue.poll();
        }
        PendingRequest<?> head = queue.poll();
        if (head == null) {
            throw new CollectorProtocolException("received " + reply.getType() + " but no request waits for a reply",
                    null);
        }
        return head.complete(reply);
    }

    /** Fails every queued request that has not completed. */
    void failAll(CollectorClientException error) {
        for (PendingRequest<?> request = queue.poll(); request != null; request = queue.poll()) {
            request.fail(error);
        }
        pendingError = null;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    private boolean headExpectsReply() {
        return !queue.isEmpty() && queue.peek().expectsReply();
    }

    private void refusedWithoutReply(PendingRequest<?> refused, Ack ack) {
        CollectorServerException error = Replies.refusal(candidates(refused), ack, REFUSAL_ADVICE);
        PendingRequest<?> next = nextUnsettled();
        if (next != null) {
            next.poison(error);
        } else if (!rollbackQueued()) {
            if (pendingError == null) {
                pendingError = error;
            } else {
                pendingError.addSuppressed(error);
            }
        }
        refusalListener.accept(error);
    }

    /**
     * Names what the refusal may answer: the refused request and every other ack or rollback written after the
     * last answered request, since any of them may be the one refused.
     */
    private String candidates(PendingRequest<?> refused) {
        if (refused == null) {
            return "a request (error without a request waiting)";
        }
        List<String> names = new ArrayList<>();
        names.add(refused.description());
        for (PendingRequest<?> request : queue) {
            if (request.expectsReply()) {
                break;
            }
            names.add(request.description());
        }
        return names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
    }

    /** The first queued request expecting a reply, unless a rollback comes before it. */
    private PendingRequest<?> nextUnsettled() {
        for (PendingRequest<?> request : queue) {
            if (request.type() == PacketType.CLIENTROLLBACK) {
                return null;
            }
            if (request.expectsReply()) {
                return request;
            }
        }
        return null;
    }

    private boolean rollbackQueued() {
        return queue.stream().anyMatch(request -> request.type() == PacketType.CLIENTROLLBACK);
    }
}
