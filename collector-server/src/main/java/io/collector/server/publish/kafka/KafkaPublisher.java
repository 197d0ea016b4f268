package io.collector.server.publish.kafka;

import io.collector.server.entry.EntryForm;
import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.lifecycle.Backoff;
import io.collector.server.meta.MetaManager;
import io.collector.server.position.Cursor;
import io.collector.server.publish.Publisher;
import io.collector.server.publish.PublisherStatus;
import io.collector.server.publish.PublisherStatus.Phase;
import io.collector.server.store.Batch;
import io.collector.server.store.EventStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one destination's store to Kafka on its own thread, {@code collector-<destination>-kafka}: takes a
 * store batch, routes and encodes it ({@link PreparedBatch}), delivers it with the configured {@link Guarantee},
 * and acknowledges the store batch only then. A failed delivery is retried, same batch and same records, after
 * an exponential backoff, as long as it takes: nothing is skipped, and no later batch is sent before it. The
 * error shows in {@link #status()} (RETRYING) and in a WARN per attempt. A fenced exactly-once producer or a
 * configuration Kafka rejects stops the publisher; {@link #failure()} then returns it.
 *
 * <p>Where the destination resumes ({@link #resumeCursor()}): at-least-once, the cursor of meta client
 * {@value #CLIENT_ID}, updated after every acknowledged batch; exactly-once, the position committed last in the
 * positions topic, read once this publisher has fenced every older producer of the destination (so the call
 * blocks until Kafka answers).
 *
 * <p>Under high availability it sends only while its server leads the destination: checked before every send and,
 * exactly-once, again before every commit (a transaction begun while leading is aborted when leadership was lost
 * meanwhile). While not leading it waits, keeping its batch. A stop waits at most {@value #JOIN_MS} ms for the
 * thread, so a stop after a suspended ZooKeeper connection ends before the session can expire; a send still in
 * flight then is either fenced (exactly-once) or one the successor repeats (at-least-once).
 */
public final class KafkaPublisher extends AbstractLifecycle implements Publisher {

    /** The meta manager client id under which the at-least-once cursor is kept. */
    public static final String CLIENT_ID = "kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final long JOIN_MS = 1_000;
    private static final long LEADERSHIP_POLL_MS = 100;

    private final KafkaPublisherConfig config;
    private final EventStore store;
    private final MetaManager meta;
    private final Clock clock;
    private final KafkaClients clients;
    private final StatusHolder status;
    private final BooleanSupplier leading;
    private final CompletableFuture<Optional<Cursor>> resume = new CompletableFuture<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Throwable failure;
    private Thread thread;

    public KafkaPublisher(KafkaPublisherConfig config, EventStore store, MetaManager meta, Clock clock) {
        this(config, store, meta, clock, new DefaultKafkaClients(config));
    }

    /** A publisher whose producers' metrics go to {@code registry}. */
    public KafkaPublisher(KafkaPublisherConfig config, EventStore store, MetaManager meta, Clock clock,
                          io.micrometer.core.instrument.MeterRegistry registry) {
        this(config, store, meta, clock, registry, () -> true);
    }

    /**
     * A publisher whose producers' metrics go to {@code registry}, sending only while {@code leading} says this
     * server leads the destination.
     */
    public KafkaPublisher(KafkaPublisherConfig config, EventStore store, MetaManager meta, Clock clock,
                          io.micrometer.core.instrument.MeterRegistry registry, BooleanSupplier leading) {
        this(config, store, meta, clock,
                new MeteredKafkaClients(new DefaultKafkaClients(config), registry, config.destination()), leading);
    }

    KafkaPublisher(KafkaPublisherConfig config, EventStore store, MetaManager meta, Clock clock,
                   KafkaClients clients) {
        this(config, store, meta, clock, clients, () -> true);
    }

    KafkaPublisher(KafkaPublisherConfig config, EventStore store, MetaManager meta, Clock clock,
                   KafkaClients clients, BooleanSupplier leading) {
        this.leading = leading;
        this.config = config;
        this.store = store;
        this.meta = meta;
        this.clock = clock;
        this.clients = clients;
        this.status = new StatusHolder(clock);
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @Override
    public PublisherStatus status() {
        return status.get();
    }

    /** FlatMessage JSON is written from the parser's own row objects; Canal packets carry the entry bytes. */
    @Override
    public EntryForm entryForm() {
        return config.server().format() == RecordFormat.JSON ? EntryForm.PARSED : EntryForm.SERIALIZED;
    }

    @Override
    public Optional<Cursor> resumeCursor() throws InterruptedException {
        if (config.server().guarantee() == Guarantee.AT_LEAST_ONCE) {
            return metaCursor();
        }
        try {
            return resume.get();
        } catch (ExecutionException e) {
            throw new CollectorException("[destination=" + config.destination() + "] no resume position: "
                    + e.getCause().getMessage(), true, e.getCause());
        }
    }

    @Override
    protected void doStart() {
        meta.subscribe(config.destination(), CLIENT_ID, "");
        LOG.info("[destination={}] publishing to Kafka {} ({}, {} records)", config.destination(),
                config.server().clientProperties().get("bootstrap.servers"), config.server().guarantee().spelling(),
                config.server().format().spelling());
        thread = new Thread(this::run, "collector-" + config.destination() + "-kafka");
        thread.setUncaughtExceptionHandler((t, e) ->
                LOG.error("[destination={}] Kafka publisher thread died", config.destination(), e));
        thread.start();
    }

    @Override
    protected void doStop() {
        stopping.countDown();
        thread.interrupt();
        try {
            thread.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("[destination={}] Kafka publisher thread still running {} ms after the stop (it sends nothing"
                    + " more once it no longer leads)", config.destination(), JOIN_MS);
        }
        resume.completeExceptionally(new CollectorException("publisher stopped", true));
        status.moveTo(Phase.STOPPED, null);
    }

    private void run() {
        try (KafkaClients c = clients; BatchSender sender = newSender()) {
            Optional<Cursor> start = open(sender);
            resume.complete(start);
            Optional<Cursor> from = config.server().guarantee() == Guarantee.AT_LEAST_ONCE ? metaCursor() : start;
            LOG.info("[destination={}] Kafka publisher ready; resuming from {}", config.destination(),
                    from.map(Object::toString).orElse("the configured start"));
            loop(sender, new BatchRouter(config, new TopicPartitions(config, c)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stopped(e);
        } finally {
            resume.completeExceptionally(new CollectorException("publisher stopped", true));
        }
    }

    private Optional<Cursor> metaCursor() {
        return meta.cursor(config.destination(), CLIENT_ID);
    }

    private BatchSender newSender() {
        return config.server().guarantee() == Guarantee.EXACTLY_ONCE
                ? new ExactlyOnceSender(clients, config, clock, leading) : new AtLeastOnceSender(clients, config.destination());
    }

    private Optional<Cursor> open(BatchSender sender) throws InterruptedException {
        Backoff backoff = new Backoff(config.server().retryDelay(), config.server().retryMaxDelay());
        while (true) {
            try {
                return sender.open();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                retryOrThrow("cannot connect", e, backoff);
            }
        }
    }

    private void loop(BatchSender sender, BatchRouter router) throws InterruptedException {
        RecordEncoder encoder = RecordEncoder.of(config.server().format(), config.destination(), clock,
                maxRecordBytes());
        status.moveTo(Phase.PUBLISHING, null);
        while (isRunning()) {
            Batch batch = nextBatch();
            if (batch == null) {
                return;
            }
            if (!batch.isEmpty()) {
                publish(sender, batch, router, encoder);
            }
        }
    }

    /** The next store batch; null once the store stopped (the destination is stopping). */
    private Batch nextBatch() throws InterruptedException {
        try {
            return store.get(config.server().batchSize(), config.server().getTimeout().toNanos());
        } catch (IllegalStateException e) {
            if (isRunning() && store.isRunning()) {
                throw e;
            }
            return null;
        }
    }

    private void publish(BatchSender sender, Batch batch, BatchRouter router, RecordEncoder encoder)
            throws InterruptedException {
        Backoff backoff = new Backoff(config.server().retryDelay(), config.server().retryMaxDelay());
        PreparedBatch prepared = null;
        while (true) {
            awaitLeadership();
            try {
                prepared = prepared != null ? prepared : new PreparedBatch(batch, router, encoder);
                sender.deliver(prepared);
                break;
            } catch (InterruptedException e) {
                throw e;
            } catch (NotLeadingException e) {
                LOG.info("[destination={}] {}", config.destination(), e.getMessage());
            } catch (Exception e) {
                retryOrThrow("cannot publish batch " + batch.id() + " (up to " + batch.cursor() + ")", e, backoff);
            }
        }
        acknowledge(batch, prepared);
    }

    private void acknowledge(Batch batch, PreparedBatch prepared) {
        store.ack(batch.id());
        meta.updateCursor(config.destination(), CLIENT_ID, batch.cursor());
        status.delivered(prepared.records().size(), prepared.rows(), batch.cursor());
        LOG.debug("[destination={}] published batch {} up to {}", config.destination(), batch.id(), batch.cursor());
    }

    /** Returns once this server leads the destination; throws when the publisher is stopped meanwhile. */
    private void awaitLeadership() throws InterruptedException {
        while (!leading.getAsBoolean()) {
            if (stopping.await(LEADERSHIP_POLL_MS, TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("stopping");
            }
        }
    }

    /** Waits out the backoff after a retriable error; rethrows anything else (or an interrupt). */
    private void retryOrThrow(String what, Exception error, Backoff backoff) throws InterruptedException {
        Exception e = error instanceof CollectorException ce && ce.retriable()
                ? new CollectorException(what + ": " + ce.getMessage(), true, ce)
                : KafkaErrors.translate(config.destination(), what, error);
        if (e instanceof InterruptedException ie) {
            throw ie;
        }
        if (!(e instanceof CollectorException ce) || !ce.retriable()) {
            throw e instanceof RuntimeException r ? r : new CollectorException(e.getMessage(), false, e);
        }
        long delay = backoff.next();
        status.moveTo(Phase.RETRYING, e.getMessage());
        LOG.warn("[destination={}] {}; retrying in {} ms", config.destination(), e.getMessage(), delay);
        if (stopping.await(delay, TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("stopping");
        }
    }

    private void stopped(RuntimeException e) {
        if (!isRunning()) {
            return;
        }
        failure = e;
        boolean fenced = e instanceof FencedException;
        status.moveTo(fenced ? Phase.FENCED : Phase.FAILED, e.getMessage());
        LOG.error("[destination={}] Kafka publisher stopped{}: {}", config.destination(),
                fenced ? " (fenced)" : "", e.getMessage(), e);
    }

    /** Records of the protobuf format stay under the producer's request size, with room for headers. */
    private int maxRecordBytes() {
        String max = config.server().clientProperties().get("max.request.size");
        int limit = max == null ? 1024 * 1024 : Integer.parseInt(max.strip());
        return Math.max(16 * 1024, limit - 16 * 1024);
    }
}
