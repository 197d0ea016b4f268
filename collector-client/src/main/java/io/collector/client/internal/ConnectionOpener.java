package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.CollectorServerException;
import io.collector.client.ConnectionLostException;
import io.collector.protocol.PacketProtocol.Handshake;
import io.collector.protocol.Scramble411;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Establishes a session: locate the server, connect, read the handshake, authenticate, and, when the client
 * was subscribed, subscribe again with its filter and roll back so that unacknowledged batches are
 * delivered again. Each step has the request timeout; a failed step closes the connection.
 */
final class ConnectionOpener {

    private final EventLoop loop;
    private final SessionSettings settings;
    private final ServerLocator locator;
    private final ChannelConnector connector;
    private final Requests requests;
    private final RequestTimer timer;
    private final Consumer<CollectorServerException> refusals;

    ConnectionOpener(EventLoop loop, SessionSettings settings, ServerLocator locator, RequestTimer timer,
                     Consumer<CollectorServerException> refusals) {
        this.loop = loop;
        this.settings = settings;
        this.locator = locator;
        this.connector = new ChannelConnector(loop, settings);
        this.requests = new Requests(settings.destination(), settings.clientId());
        this.timer = timer;
        this.refusals = refusals;
    }

    /**
     * Opens a ready connection; {@code filter} is the subscription to restore, {@code null} for none. The
     * future completes on the event loop.
     */
    CompletableFuture<Connection> open(String filter) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        locator.locate()
                .thenComposeAsync(address -> connector.connect(address, refusals), loop)
                .whenComplete((connection, error) -> {
                    if (error != null) {
                        result.completeExceptionally(unwrap(error));
                    } else {
                        greet(connection, filter, result);
                    }
                });
        return result;
    }

    private void greet(Connection connection, String filter, CompletableFuture<Connection> result) {
        PendingRequest<Handshake> handshake = connection.handshake();
        armOn(connection, handshake);
        handshake.future()
                .thenCompose(greeting -> authenticate(connection, greeting))
                .thenCompose(ok -> filter == null ? done() : request(connection, subscribe(filter)))
                .thenCompose(ok -> filter == null ? done() : rollbackAll(connection))
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        result.complete(connection);
                    } else {
                        connection.close();
                        result.completeExceptionally(unwrap(error));
                    }
                });
    }

    /**
     * Authenticates, asking for ack replies when the server offers them: the server then answers every later
     * ack and rollback of the connection, so the connection expects those replies from here on.
     */
    private CompletableFuture<Void> authenticate(Connection connection, Handshake greeting) {
        String token = Scramble411.scrambledHex(settings.password(), greeting.getSeeds().toByteArray());
        String who = settings.user().isEmpty() ? "authentication without a user"
                : "authentication of user '" + settings.user() + "'";
        boolean ackReplies = greeting.getAckReplies();
        PendingRequest<Void> auth = PendingRequest.withReply(Requests.auth(settings.user(), token,
                settings.netReadTimeoutMs(), settings.netWriteTimeoutMs(), ackReplies), who, 0,
                reply -> Replies.ack(who, reply));
        CompletableFuture<Void> result = request(connection, auth);
        if (ackReplies) {
            connection.answersAcks();
        }
        return result;
    }

    private PendingRequest<Void> subscribe(String filter) {
        String what = "the subscription of destination " + settings.destination() + " (filter \"" + filter + "\")";
        return PendingRequest.withReply(requests.subscribe(filter), what, 0, reply -> Replies.ack(what, reply));
    }

    private CompletableFuture<Void> rollbackAll(Connection connection) {
        return request(connection, PendingRequest.withoutReply(requests.rollback(0),
                "the rollback of all unacknowledged batches"));
    }

    private <T> CompletableFuture<T> request(Connection connection, PendingRequest<T> request) {
        armOn(connection, request);
        connection.send(request);
        return request.future();
    }

    private void armOn(Connection connection, PendingRequest<?> request) {
        timer.arm(request, timeout -> {
            request.fail(timeout);
            connection.reset(timeout);
        });
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    static CollectorClientException unwrap(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof CollectorClientException client ? client
                : new ConnectionLostException("cannot establish a session: " + cause, cause, false);
    }
}
