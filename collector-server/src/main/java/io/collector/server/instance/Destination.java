package io.collector.server.instance;

import io.collector.server.catchup.BinlogCatchUps;
import io.collector.server.entry.EntryForm;
import io.collector.server.error.CollectorException;
import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.meta.FileMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.meta.ZooKeeperMetaManager;
import io.collector.server.parser.BinlogEventParser;
import io.collector.server.parser.EventParser;
import io.collector.server.parser.schema.history.FileSchemaHistoryStore;
import io.collector.server.parser.schema.history.MemorySchemaHistoryStore;
import io.collector.server.parser.schema.history.SchemaHistoryStore;
import io.collector.server.parser.schema.history.ZkSchemaHistoryStore;
import io.collector.server.position.Cursor;
import io.collector.server.publish.Publisher;
import io.collector.server.publish.kafka.KafkaPublisher;
import io.collector.server.service.DestinationHandle;
import io.collector.server.service.SubscriptionExpiry;
import io.collector.server.sink.filter.FilteringEventSink;
import io.collector.server.sink.EventSink;
import io.collector.server.snapshot.BackfillRunner;
import io.collector.server.snapshot.FileSnapshotProgressStore;
import io.collector.server.snapshot.MemorySnapshotProgressStore;
import io.collector.server.snapshot.ProgressKind;
import io.collector.server.snapshot.SnapshotProgressStore;
import io.collector.server.snapshot.SnapshotRunner;
import io.collector.server.snapshot.ZkSnapshotProgressStore;
import io.collector.server.store.CatchUpSource;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running destination: parser → sink → store, resuming from the cursors its meta manager holds; with a
 * Kafka configuration also a publisher draining the store into Kafka, which then says where to resume. The
 * composition root of a destination; the meta manager is shared with the server and outlives it.
 */
public final class Destination extends AbstractLifecycle implements DestinationHandle, Supervisable {

    private static final Logger LOG = LoggerFactory.getLogger(Destination.class);

    private final InstanceConfig config;
    private final MetaManager meta;
    private final DestinationStats stats;
    private final EventStore store;
    private final Publisher publisher;
    private final EventParser parser;
    private final SchemaHistoryStore schemaHistory;
    private final SubscriptionExpiry expiry;
    private SnapshotRunner snapshot;
    private BackfillRunner backfill;
    private final BooleanSupplier leading;

    public Destination(InstanceConfig config, MetaManager meta) {
        this(config, meta, new DestinationStats(), () -> true);
    }

    /**
     * @param stats   the destination's counters, which outlive this instance of it
     * @param leading whether this server leads the destination (high availability); checked on every delivery,
     *                every binlog event read and before every Kafka send and commit
     */
    public Destination(InstanceConfig config, MetaManager meta, DestinationStats stats, BooleanSupplier leading) {
        this.config = config;
        this.meta = meta;
        this.stats = stats;
        this.leading = leading;
        this.schemaHistory = buildSchemaHistoryStore();
        this.store = buildStore();
        this.publisher = buildPublisher();
        this.parser = buildParser();
        this.expiry = buildExpiry();
    }

    /** Client subscriptions detach (policy detach) with catch-up readers of their own; the Kafka publisher never. */
    private EventStore buildStore() {
        CatchUpSource catchUps = config.kafka().isPresent() ? CatchUpSource.NONE
                : new BinlogCatchUps(config.parser(), config.filters(), config.store(), schemaHistory, leading);
        return new MemoryEventStore(config.destination(), config.store(), catchUps, System::nanoTime);
    }

    /** Expiry of unused client subscriptions, when configured (never in kafka mode). */
    private SubscriptionExpiry buildExpiry() {
        var after = config.store().subscriptions().expiry();
        return after.isZero() || publisher != null ? null : new SubscriptionExpiry(config.destination(), this, after);
    }

    /** A Kafka publisher when the destination publishes to Kafka; null when clients pull over TCP. */
    private Publisher buildPublisher() {
        return config.kafka().map(k -> (Publisher) new KafkaPublisher(k, store, meta, Clock.systemUTC(),
                stats.registry(), leading)).orElse(null);
    }

    private EventParser buildParser() {
        EntryForm form = publisher != null ? publisher.entryForm() : EntryForm.SERIALIZED;
        EventSink sink = buildStreamSink(new FilteringEventSink(config.filters(), store, stats.sink()), form);
        snapshot = new SnapshotRunner(config.snapshot(), config.parser(), config.filters().tables(),
                sink, buildProgressStore(ProgressKind.SNAPSHOT), stats.snapshot(), form, this::ackedId);
        return new BinlogEventParser(config.parser(), snapshot.streamSink(), this::resumeCursor, form, stats.parser(),
                schemaHistory, snapshot, leading);
    }

    /** The filtering sink, behind the backfill's window when a signal table is configured. */
    private EventSink buildStreamSink(EventSink filtering, EntryForm form) {
        if (!config.snapshot().backfill().enabled()) {
            return filtering;
        }
        backfill = new BackfillRunner(config.parser(), config.snapshot().backfill(), filtering, form,
                stats.snapshot().backfill(), buildProgressStore(ProgressKind.BACKFILLS), this::acknowledgedByAll);
        return backfill.streamSink();
    }

    /**
     * The id up to which every subscriber's cursor (the Kafka publisher's too) acknowledged, -1 when one has none;
     * at a start these are the stored cursors the destination resumes from.
     */
    private long acknowledgedByAll() {
        String name = config.destination();
        long lowest = Long.MAX_VALUE;
        for (String client : meta.subscriptions(name)) {
            Optional<Cursor> cursor = meta.cursor(name, client);
            if (cursor.isEmpty()) {
                return -1;
            }
            lowest = Math.min(lowest, cursor.get().lastEntryId());
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    /** The globalId the store's default subscription (the Kafka publisher's) acknowledged in this run, or -1. */
    private long ackedId() {
        return store.ackedCursor().map(Cursor::globalId).orElse(-1L);
    }

    /** Beside the cursors, as the schema history. */
    private <T> SnapshotProgressStore<T> buildProgressStore(ProgressKind<T> kind) {
        String name = config.destination();
        if (meta instanceof FileMetaManager files) {
            return new FileSnapshotProgressStore<>(files.file(name).getParent(), kind);
        }
        if (meta instanceof ZooKeeperMetaManager zk) {
            return new ZkSnapshotProgressStore<>(zk.client(), name, () -> zk.mayWrite(name), kind);
        }
        return new MemorySnapshotProgressStore<>();
    }

    /** Beside the cursors: in the data directory, or in ZooKeeper under HA; in memory with memory cursors. */
    private SchemaHistoryStore buildSchemaHistoryStore() {
        String name = config.destination();
        if (meta instanceof FileMetaManager files) {
            return new FileSchemaHistoryStore(files.file(name).getParent());
        }
        if (meta instanceof ZooKeeperMetaManager zk) {
            return new ZkSchemaHistoryStore(zk.client(), name, () -> zk.mayWrite(name));
        }
        return new MemorySchemaHistoryStore();
    }

    /**
     * With a publisher, where it says; otherwise the least advanced cursor among the destination's subscribers
     * (lowest {@linkplain Cursor#lastEntryId last entry id}): every one of them resumes correctly, the store
     * passing each more advanced subscription over what it acknowledged before.
     */
    private Optional<Cursor> resumeCursor() {
        if (publisher != null) {
            return publisherCursor();
        }
        return meta.subscriptions(config.destination()).stream()
                .map(client -> meta.cursor(config.destination(), client))
                .flatMap(Optional::stream)
                .min(Comparator.comparingLong(Cursor::lastEntryId));
    }

    /** Each subscriber's own store subscription, from its own cursor, before the parser puts anything. */
    private void subscribeClients() {
        String name = config.destination();
        for (String clientId : meta.subscriptions(name)) {
            store.subscription(clientId, meta.cursor(name, clientId));
        }
    }

    private Optional<Cursor> publisherCursor() {
        try {
            return publisher.resumeCursor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectorException("[destination=" + name() + "] interrupted while waiting for the"
                    + " publisher's resume position", true, e);
        }
    }

    public String name() {
        return config.destination();
    }

    @Override
    public EventStore store() {
        return store;
    }

    @Override
    public MetaManager meta() {
        return meta;
    }

    @Override
    public boolean delivering() {
        return leading.getAsBoolean();
    }

    public EventParser parser() {
        return parser;
    }

    /** The publisher, when the destination publishes to Kafka. */
    public Optional<Publisher> publisher() {
        return Optional.ofNullable(publisher);
    }

    @Override
    public Throwable failure() {
        Throwable parserFailure = parser.failure();
        return parserFailure != null || publisher == null ? parserFailure : publisher.failure();
    }

    @Override
    protected void doStart() {
        LOG.info("[destination={}] starting", config.destination());
        store.start();
        if (publisher != null) {
            publisher.start();
        } else {
            subscribeClients();
        }
        if (backfill != null) {
            backfill.resume();
        }
        parser.start();
        if (expiry != null) {
            expiry.start();
        }
    }

    @Override
    protected void doStop() {
        LOG.info("[destination={}] stopping", config.destination());
        if (backfill != null) {
            backfill.stop();
        }
        if (expiry != null) {
            expiry.stop();
        }
        parser.stop();
        snapshot.close();
        if (publisher != null) {
            publisher.stop();
        }
        store.stop();
        meta.flush();
    }
}
