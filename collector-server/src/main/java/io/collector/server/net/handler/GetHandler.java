package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Get;
import io.collector.protocol.PacketProtocol.Packet;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.CollectorService;
import io.collector.server.service.CollectorServiceException;
import io.collector.server.service.Message;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET: takes the next batch without acknowledging it, with Canal's timeout rules ({@code -1} at once, other
 * values ≤ 0 until the batch is full, else up to the timeout in the packet's unit), and answers MESSAGES
 * ({@code batch_id -1} and no entries when nothing came). {@code auto_ack} is ignored, as in Canal. A GET
 * that waits holds no thread: the session's next request waits for it, and closing the connection cancels it.
 */
final class GetHandler implements PacketHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GetHandler.class);
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final CollectorService service;

    GetHandler(CollectorService service) {
        this.service = service;
    }

    @Override
    public void handle(Session session, Packet packet) throws InvalidProtocolBufferException {
        handleAsync(session, packet);
    }

    @Override
    public CompletionStage<?> handleAsync(Session session, Packet packet) throws InvalidProtocolBufferException {
        Get get = Get.parseFrom(packet.getBody());
        ClientIdentity client = Requests.identity(get.getDestination(), get.getClientId(), get);
        if (!session.isOpen()) {
            return DONE;
        }
        Requests.claim(session, client);
        CompletableFuture<Message> result = service.get(client, get.getFetchSize(), get.getTimeout(),
                Requests.unit(get.getUnit()));
        if (!session.awaiting(result)) {
            return DONE;
        }
        if (result.isDone()) {
            return answerNow(session, client, result);
        }
        return result.handleAsync((message, error) -> answer(session, client, message, error), session.executor())
                .thenCompose(queued -> queued);
    }

    /** A batch that was ready at once is answered on this thread: no hand-off to another pool thread. */
    private CompletionStage<Void> answerNow(Session session, ClientIdentity client, CompletableFuture<Message> result) {
        try {
            return answer(session, client, result.join(), null);
        } catch (CompletionException | CancellationException e) {
            return answer(session, client, null, e);
        }
    }

    /** Answers; the result completes once the reply is queued on the channel. */
    private CompletionStage<Void> answer(Session session, ClientIdentity client, Message message, Throwable error) {
        if (error != null) {
            fail(session, client, error instanceof CompletionException ? error.getCause() : error);
            return DONE;
        }
        if (message.batchId() > 0 && !session.clients().delivered(client, message.batchId())) {
            service.rollback(client);
            return DONE;
        }
        LOG.trace("[destination={}] batch {} of {} entries to client {}", client.destination(), message.batchId(),
                message.events().size(), client.clientId());
        return session.replyQueued(Packets.messagesBuffer(message));
    }

    private static void fail(Session session, ClientIdentity client, Throwable error) {
        if (error instanceof CancellationException) {
            return;
        }
        if (error instanceof CollectorServiceException e) {
            LOG.debug("GET on {}: ACK {} {}", session, e.code(), e.getMessage());
            session.replyError(e.code(), e.getMessage());
            return;
        }
        LOG.warn("[destination={}] GET of client {} failed on {}", client.destination(), client.clientId(), session,
                error);
        session.replyError(CollectorServiceException.GENERIC, "GET failed: " + error);
    }
}
