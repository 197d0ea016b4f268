package io.collector.client.internal;

import io.collector.client.CollectorClientException;
import io.collector.client.CollectorServerException;
import io.collector.client.ConnectionLostException;
import io.collector.client.RequestTimeoutException;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection side of a session: NEW → CONNECTING → READY, and after a connection loss RECONNECTING →
 * READY, or FAILED when the reconnect policy is exhausted; DISCONNECTED after {@link #disconnect()} or a
 * failed connect. Requests submitted while CONNECTING or RECONNECTING wait (within their deadline) and are
 * written, in order, once a connection is ready.
 *
 * <p>When the locator signals that the server to connect to changed (a cluster's running server moved), a
 * ready connection to another server is closed and the client reconnects at once, through the usual path
 * (authenticate, subscribe again, roll back); a pending reconnect attempt runs at once.
 *
 * <p>When the locator says this client is no longer the active consumer of its client id, a ready connection is
 * dropped at once and the client reconnects through the locator, which waits until it is active again.
 *
 * <p>All state is confined to the event loop; the public entry points hop onto it.
 */
final class SessionState {

    private static final Logger LOG = LoggerFactory.getLogger(SessionState.class);

    enum State { NEW, CONNECTING, READY, RECONNECTING, FAILED, DISCONNECTED }

    private final EventLoop loop;
    private final String logPrefix;
    private final RequestTimer timer;
    private final ConnectionOpener opener;
    private final Reconnector reconnector;
    private final ErrorReporter errors;
    private final BatchTracker batches;
    private final Requests requests;
    private final ServerLocator locator;
    private final String clientId;
    private final boolean mayReconnect;
    private final Deque<PendingRequest<?>> waiting = new ArrayDeque<>();
    private volatile State state = State.NEW;
    private Connection connection;
    private String filter;
    private boolean rolledBackOnConnection;
    private int generation;
    private CompletableFuture<Void> connecting;
    private CollectorClientException failure;

    SessionState(EventLoop loop, SessionSettings settings, ServerLocator locator,
                 Consumer<? super CollectorClientException> listener, BatchTracker batches) {
        this.loop = loop;
        this.logPrefix = "[destination=" + settings.destination() + "]";
        this.errors = new ErrorReporter(logPrefix, listener);
        this.timer = new RequestTimer(loop, settings.requestTimeout(), settings.destination());
        this.opener = new ConnectionOpener(loop, settings, locator, timer, this::refused);
        this.reconnector = new Reconnector(loop, settings.reconnectPolicy(), logPrefix);
        this.batches = batches;
        this.requests = new Requests(settings.destination(), settings.clientId());
        this.locator = locator;
        this.clientId = settings.clientId();
        this.mayReconnect = settings.reconnectPolicy().maxAttempts() > 0;
        locator.onChange(() -> runOnLoop(this::followServer));
    }

    boolean isReady() {
        return state == State.READY;
    }

    CompletableFuture<Void> connect() {
        return onLoop(() -> switch (state) {
            case READY -> CompletableFuture.completedFuture(null);
            case CONNECTING -> connecting;
            case RECONNECTING -> CompletableFuture.failedFuture(new CollectorClientException(logPrefix
                    + " already connected: the client is reconnecting after a connection loss"));
            default -> startConnecting();
        });
    }

    <T> CompletableFuture<T> submit(PendingRequest<T> request) {
        execute(() -> admit(request), request.future());
        return request.future();
    }

    /** Submits unless {@code check}, run on the event loop, returns an error to fail the request with. */
    <T> CompletableFuture<T> submitChecked(PendingRequest<T> request, Supplier<CollectorClientException> check) {
        execute(() -> {
            CollectorClientException error = check.get();
            if (error == null) {
                admit(request);
            } else {
                request.fail(error);
            }
        }, request.future());
        return request.future();
    }

    /** Submits a request without reply unless {@code skip}, run on the event loop, says it is done already. */
    CompletableFuture<Void> submitUnless(PendingRequest<Void> request, BooleanSupplier skip) {
        execute(() -> {
            if (skip.getAsBoolean()) {
                request.written();
            } else {
                admit(request);
            }
        }, request.future());
        return request.future();
    }

    /** Called on the event loop when the server accepted a subscription. */
    void subscribed(String newFilter) {
        filter = newFilter;
        if (!rolledBackOnConnection && connection != null) {
            rolledBackOnConnection = true;
            batches.rolledBackAll();
            PendingRequest<Void> rollback = PendingRequest.withoutReply(requests.rollback(0),
                    "the rollback of all unacknowledged batches after subscribing");
            arm(rollback);
            connection.send(rollback);
            rollback.future().whenComplete((ok, error) -> {
                if (error instanceof CollectorServerException refusal) {
                    refused(refusal);
                }
            });
        }
    }

    /** Called on the event loop when the server accepted an unsubscription. */
    void unsubscribed() {
        filter = null;
    }

    CompletableFuture<Void> disconnect() {
        return onLoop(() -> {
            generation++;
            reconnector.cancel();
            state = State.DISCONNECTED;
            filter = null;
            CollectorClientException error = new ConnectionLostException(logPrefix + " disconnected by the client",
                    null, false);
            failWaiting(error);
            if (connecting != null) {
                connecting.completeExceptionally(error);
            }
            return closeConnection().whenComplete((closed, failed) -> locator.release());
        });
    }

    private CompletableFuture<Void> startConnecting() {
        state = State.CONNECTING;
        failure = null;
        int current = ++generation;
        connecting = new CompletableFuture<>();
        opener.open(filter).whenComplete((opened, error) -> runOnLoop(() -> connected(current, opened, error)));
        return connecting;
    }

    private void connected(int attemptGeneration, Connection opened, Throwable error) {
        if (attemptGeneration != generation) {
            closeLate(opened);
        } else if (error != null) {
            CollectorClientException cause = ConnectionOpener.unwrap(error);
            state = State.DISCONNECTED;
            failWaiting(cause);
            connecting.completeExceptionally(cause);
        } else {
            ready(opened);
            LOG.info("{} connected to {}", logPrefix, opened.server());
            connecting.complete(null);
            followServer();
        }
    }

    /**
     * Moves to the server the locator names now, if it is another one; drops the connection when this client
     * is no longer the active consumer of its client id.
     */
    private void followServer() {
        if (state == State.READY && !locator.active()) {
            LOG.warn("{} no longer the active consumer of client id {}: dropping the connection, standing by",
                    logPrefix, clientId);
            connection.reset(new ConnectionLostException("another consumer of client id " + clientId
                    + " may be active now", null));
            return;
        }
        String target = locator.current().map(Connection::hostAndPort).orElse(null);
        if (target != null && state == State.RECONNECTING) {
            reconnector.hurry();
        }
        if (state != State.READY || target == null || target.equals(connection.server()) || !mayReconnect) {
            return;
        }
        LOG.info("{} the destination now runs on {}, not on {}: reconnecting", logPrefix, target, connection.server());
        reconnector.hurry();
        connection.reset(new ConnectionLostException("the destination now runs on " + target + ", not on "
                + connection.server(), null));
    }

    private void ready(Connection opened) {
        connection = opened;
        state = State.READY;
        rolledBackOnConnection = filter != null;
        opened.closeFuture().whenComplete((lost, ignored) -> runOnLoop(() -> connectionClosed(opened, lost)));
        for (PendingRequest<?> request = waiting.poll(); request != null; request = waiting.poll()) {
            if (!request.future().isDone()) {
                connection.send(request);
            }
        }
    }

    private void connectionClosed(Connection closed, ConnectionLostException lost) {
        if (closed != connection) {
            return;
        }
        connection = null;
        batches.connectionLost();
        if (state != State.READY) {
            return;
        }
        LOG.warn("{}", lost.getMessage());
        errors.report(lost);
        state = State.RECONNECTING;
        int current = generation;
        reconnector.start(lost, () -> opener.open(filter), this::reconnected, this::gaveUp,
                () -> current == generation);
    }

    private void reconnected(Connection opened) {
        ready(opened);
        LOG.info("{} reconnected to {}{}", logPrefix, opened.server(),
                filter == null ? "" : ", subscribed again and rolled back");
        followServer();
    }

    private void gaveUp(ConnectionLostException error) {
        LOG.error("{}", error.getMessage());
        state = State.FAILED;
        failure = error;
        failWaiting(error);
        errors.report(error);
    }

    private void admit(PendingRequest<?> request) {
        if (request.future().isDone()) {
            return;
        }
        switch (state) {
            case READY -> {
                arm(request);
                connection.send(request);
            }
            case CONNECTING, RECONNECTING -> {
                arm(request);
                waiting.add(request);
            }
            case FAILED -> request.fail(failure);
            default -> request.fail(new ConnectionLostException(logPrefix + " not connected: call connect() before "
                    + request.description(), null, false));
        }
    }

    private void arm(PendingRequest<?> request) {
        timer.arm(request, timeout -> expired(request, timeout));
    }

    private void expired(PendingRequest<?> request, RequestTimeoutException timeout) {
        boolean wasWaiting = waiting.remove(request);
        request.fail(timeout);
        Connection sentOn = request.connection();
        if (!wasWaiting && request.expectsReply() && sentOn != null) {
            sentOn.reset(timeout);
        }
    }

    private void refused(CollectorServerException error) {
        LOG.warn("{} {}", logPrefix, error.getMessage());
        errors.report(error);
    }

    private CompletableFuture<Void> closeConnection() {
        batches.connectionLost();
        Connection open = connection;
        connection = null;
        return open == null ? CompletableFuture.completedFuture(null) : open.close().thenApply(lost -> null);
    }

    private static void closeLate(Connection opened) {
        if (opened != null) {
            opened.close();
        }
    }

    private void failWaiting(CollectorClientException error) {
        for (PendingRequest<?> request = waiting.poll(); request != null; request = waiting.poll()) {
            request.fail(error);
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> body.get().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(ConnectionOpener.unwrap(error));
            }
        }), result);
        return result;
    }

    private void runOnLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            execute(task, new CompletableFuture<>());
        }
    }

    private void execute(Runnable task, CompletableFuture<?> failOnError) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{} unexpected error", logPrefix, e);
                    failOnError.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            failOnError.completeExceptionally(new CollectorClientException(logPrefix + " the client is closed", e));
        }
    }
}
