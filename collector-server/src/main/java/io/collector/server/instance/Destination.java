package io.collector.server.instance;

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
import io.collector.server.sink.filter.FilteringEventSink;
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
        this.store = buildStore();
        this.publisher = buildPublisher();
        this.parser = buildParser();
    }

    private EventStore buildStore() {
        return new MemoryEventStore(config.destination(), config.store());
    }

    /** A Kafka publisher when the destination publishes to Kafka; null when clients pull over TCP. */
    private Publisher buildPublisher() {
        return config.kafka().map(k -> (Publisher) new KafkaPublisher(k, store, meta, Clock.systemUTC(),
                stats.registry(), leading)).orElse(null);
    }

    private EventParser buildParser() {
        FilteringEventSink sink = new FilteringEventSink(config.filters(), store, stats.sink());
        EntryForm form = publisher != null ? publisher.entryForm() : EntryForm.SERIALIZED;
        return new BinlogEventParser(config.parser(), sink, this::resumeCursor, form, stats.parser(),
                buildSchemaHistoryStore(), leading);
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
     * With a publisher, where it says; otherwise the least advanced cursor among the destination's subscribers:
     * every one of them resumes correctly.
     */
    private Optional<Cursor> resumeCursor() {
        if (publisher != null) {
            return publisherCursor();
        }
        return meta.subscriptions(config.destination()).stream()
                .map(client -> meta.cursor(config.destination(), client))
                .flatMap(Optional::stream)
                .min(Comparator.comparingLong(Cursor::globalId));
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
        }
        parser.start();
    }

    @Override
    protected void doStop() {
        LOG.info("[destination={}] stopping", config.destination());
        parser.stop();
        if (publisher != null) {
            publisher.stop();
        }
        store.stop();
        meta.flush();
    }
}
