package io.collector.server.service;

import static io.collector.server.service.CollectorServiceException.GENERIC;
import static io.collector.server.service.CollectorServiceException.INVALID_BATCH_ID;
import static io.collector.server.service.CollectorServiceException.NOT_SUBSCRIBED;

import io.collector.server.error.CollectorException;
import io.collector.server.error.ConfigException;
import io.collector.server.position.Cursor;
import io.collector.server.store.Batch;
import io.collector.server.store.StoreSubscription;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process {@link CollectorService} over the destinations of a {@link DestinationRegistry}: gets, acks
 * and rollbacks go to the client's own subscription of the destination's store, subscriptions and acknowledged
 * cursors to its meta manager. A client's filter is applied to the batches it takes (see {@link #subscribe}).
 * A client's store subscription is created with its subscription, or on first use from the cursor the meta
 * manager holds, and removed when it unsubscribes.
 */
public final class LocalCollectorService implements CollectorService {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCollectorService.class);

    private final DestinationRegistry registry;
    private final DeliveryListener listener;
    private final Map<ClientIdentity, ClientFilter> filters = new ConcurrentHashMap<>();
    private final PendingGets pending;

    /** Waiting gets of {@link #get} run on a timer thread of this service (named, idle ones end). */
    public LocalCollectorService(DestinationRegistry registry) {
        this(registry, DeliveryListener.NONE, timer());
    }

    /** @param listener told of every batch taken and every acknowledgement */
    public LocalCollectorService(DestinationRegistry registry, DeliveryListener listener) {
        this(registry, listener, timer());
    }

    /** @param timer where waiting gets of {@link #get} are checked and expire; must never block */
    public LocalCollectorService(DestinationRegistry registry, ScheduledExecutorService timer) {
        this(registry, DeliveryListener.NONE, timer);
    }

    /**
     * @param listener told of every batch taken and every acknowledgement
     * @param timer    where waiting gets of {@link #get} are checked and expire; must never block
     */
    public LocalCollectorService(DestinationRegistry registry, DeliveryListener listener,
                                 ScheduledExecutorService timer) {
        this.registry = registry;
        this.listener = listener;
        this.pending = new PendingGets(timer);
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "collector-get-waiter");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Uncaught error on {}", t.getName(), e));
            return thread;
        });
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Override
    public void subscribe(ClientIdentity client, String filter) {
        DestinationHandle destination = destination(client);
        ClientFilter compiled = compile(client, filter);
        try {
            destination.meta().subscribe(client.destination(), client.clientId(), compiled.expression());
            reader(client, destination);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error(GENERIC, client, "cannot subscribe: " + e.getMessage(), e);
        }
        filters.put(client, compiled);
        LOG.info("[{}] subscribed with filter \"{}\"", client, printable(compiled.expression()));
    }

    @Override
    public void unsubscribe(ClientIdentity client) {
        DestinationHandle destination = destination(client);
        try {
            destination.meta().unsubscribe(client.destination(), client.clientId());
            destination.store().unsubscribe(client.clientId());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw error(GENERIC, client, "cannot unsubscribe: " + e.getMessage(), e);
        }
        filters.remove(client);
        LOG.info("[{}] unsubscribed", client);
    }

    @Override
    public Message getWithoutAck(ClientIdentity client, int batchSize, long timeout, TimeUnit unit) {
        DestinationHandle destination = subscribed(client);
        if (batchSize < 1) {
            throw error(GENERIC, client, "batch size must be at least 1, got " + batchSize);
        }
        Batch batch = take(client, destination, batchSize, waitNanos(timeout, unit));
        if (batch.isEmpty()) {
            return Message.empty();
        }
        return message(client, destination, batch);
    }

    @Override
    public CompletableFuture<Message> get(ClientIdentity client, int batchSize, long timeout, TimeUnit unit) {
        DestinationHandle destination = subscribed(client);
        if (batchSize < 1) {
            throw error(GENERIC, client, "batch size must be at least 1, got " + batchSize);
        }
        long nanos = waitNanos(timeout, unit);
        Batch ready = nanos == 0 ? take(client, destination, batchSize, 0) : poll(client, destination, batchSize);
        if (nanos == 0 || !ready.isEmpty()) {
            return CompletableFuture.completedFuture(message(client, destination, ready));
        }
        CompletableFuture<Batch> batch = pending.take(reader(client, destination), batchSize, nanos);
        CompletableFuture<Message> result = new CompletableFuture<>();
        result.whenComplete((message, error) -> batch.cancel(false));
        batch.whenComplete((taken, error) -> deliver(client, destination, taken, error, result));
        return result;
    }

    /** Gets of {@link #get} waiting for entries now (none of them holds a thread). */
    public int waitingGets() {
        return pending.pending();
    }

    private void deliver(ClientIdentity client, DestinationHandle destination, Batch batch, Throwable error,
                         CompletableFuture<Message> result) {
        if (error != null) {
            result.completeExceptionally(error instanceof IllegalStateException
                    ? unreadable(client, error) : error);
            return;
        }
        Message message;
        try {
            message = message(client, destination, batch);
        } catch (RuntimeException e) {
            reader(client, destination).rollback();
            result.completeExceptionally(e);
            return;
        }
        if (!result.complete(message) && !batch.isEmpty()) {
            LOG.debug("[{}] batch {} taken for a get cancelled meanwhile: rolling back", client, batch.id());
            reader(client, destination).rollback();
        }
    }

    private Message message(ClientIdentity client, DestinationHandle destination, Batch batch) {
        if (batch.isEmpty()) {
            return Message.empty();
        }
        Message message = new Message(batch.id(), filter(client, destination).apply(batch.events()));
        listener.delivered(client, message);
        return message;
    }

    @Override
    public void ack(ClientIdentity client, long batchId) {
        if (batchId == 0) {
            throw error(INVALID_BATCH_ID, client, "batch id 0 cannot be acknowledged");
        }
        if (batchId == -1) {
            return;
        }
        DestinationHandle destination = subscribed(client);
        Cursor cursor;
        try {
            cursor = reader(client, destination).ack(batchId);
        } catch (IllegalArgumentException e) {
            throw error(GENERIC, client, e.getMessage(), e);
        }
        updateCursor(client, destination, batchId, cursor);
        listener.acknowledged(client, cursor);
        LOG.debug("[{}] acknowledged batch {} up to {}", client, batchId, cursor);
    }

    @Override
    public void rollback(ClientIdentity client) {
        DestinationHandle destination = subscribed(client);
        reader(client, destination).rollback();
        LOG.debug("[{}] rolled back", client);
    }

    @Override
    public void rollback(ClientIdentity client, long batchId) {
        if (batchId == 0) {
            rollback(client);
            return;
        }
        if (batchId == -1) {
            return;
        }
        DestinationHandle destination = subscribed(client);
        StoreSubscription reader = reader(client, destination);
        if (!reader.outstandingBatches().contains(batchId)) {
            throw error(GENERIC, client, "cannot roll back batch " + batchId + ": it is not outstanding");
        }
        reader.rollback();
        LOG.debug("[{}] rolled back from batch {}", client, batchId);
    }

    /** Canal's get timeout: -1 at once, other values ≤ 0 until the batch is full, else up to the timeout. */
    static long waitNanos(long timeout, TimeUnit unit) {
        if (timeout == -1) {
            return 0;
        }
        return timeout <= 0 ? Long.MAX_VALUE : unit.toNanos(timeout);
    }

    private Batch take(ClientIdentity client, DestinationHandle destination, int batchSize, long nanos) {
        try {
            return reader(client, destination).get(batchSize, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Batch.EMPTY;
        } catch (IllegalStateException e) {
            throw unreadable(client, e);
        }
    }

    private Batch poll(ClientIdentity client, DestinationHandle destination, int batchSize) {
        try {
            return reader(client, destination).poll(batchSize);
        } catch (IllegalStateException e) {
            throw unreadable(client, e);
        }
    }

    /** The client's own subscription of the destination's store, created from its recorded cursor if absent. */
    private static StoreSubscription reader(ClientIdentity client, DestinationHandle destination) {
        return destination.store().subscription(client.clientId(),
                destination.meta().cursor(client.destination(), client.clientId()));
    }

    private void updateCursor(ClientIdentity client, DestinationHandle destination, long batchId, Cursor cursor) {
        try {
            destination.meta().updateCursor(client.destination(), client.clientId(), cursor);
        } catch (IllegalStateException | CollectorException e) {
            // not written (ZooKeeper unreachable, another server took over, or stopping): the ack is not durable
            throw error(GENERIC, client, "batch " + batchId + " was acknowledged but its cursor " + cursor
                    + " could not be recorded: " + e.getMessage(), e);
        }
    }

    private ClientFilter filter(ClientIdentity client, DestinationHandle destination) {
        return filters.computeIfAbsent(client, c -> compile(c,
                destination.meta().filter(c.destination(), c.clientId()).orElse("")));
    }

    private ClientFilter compile(ClientIdentity client, String filter) {
        try {
            return ClientFilter.of(filter);
        } catch (ConfigException e) {
            throw error(GENERIC, client, "invalid filter: " + e.getMessage(), e);
        }
    }

    private DestinationHandle destination(ClientIdentity client) {
        return registry.find(client.destination())
                .orElseThrow(() -> error(NOT_SUBSCRIBED, client, "unknown destination " + client.destination()));
    }

    private DestinationHandle subscribed(ClientIdentity client) {
        DestinationHandle destination = destination(client);
        if (!destination.delivering()) {
            throw error(GENERIC, client, "destination " + client.destination() + " is not ready on this server: it"
                    + " does not lead it (any more)");
        }
        if (destination.meta().filter(client.destination(), client.clientId()).isEmpty()) {
            throw error(NOT_SUBSCRIBED, client, "client " + client.clientId() + " has not subscribed to destination "
                    + client.destination());
        }
        return destination;
    }

    /** A client's text fit for a log line: control characters as '?', at most 512 characters. */
    static String printable(String text) {
        StringBuilder clean = new StringBuilder(Math.min(text.length(), 515));
        for (int i = 0; i < text.length() && i < 512; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > 512 ? clean.append("...").toString() : clean.toString();
    }

    /** The store refused a read: it is not running, the subscription was removed, or its catch-up reader failed. */
    private static CollectorServiceException unreadable(ClientIdentity client, Throwable cause) {
        return error(GENERIC, client, "cannot read: " + cause.getMessage(), cause);
    }

    private static CollectorServiceException error(int code, ClientIdentity client, String message) {
        return new CollectorServiceException(code, "[" + client + "] " + message);
    }

    private static CollectorServiceException error(int code, ClientIdentity client, String message, Throwable cause) {
        return new CollectorServiceException(code, "[" + client + "] " + message, cause);
    }
}
