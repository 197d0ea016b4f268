package io.collector.server.instance;

import io.collector.server.lifecycle.AbstractLifecycle;
import io.collector.server.meta.MetaManager;
import io.collector.server.parser.BinlogEventParser;
import io.collector.server.parser.EventParser;
import io.collector.server.position.Cursor;
import io.collector.server.service.DestinationHandle;
import io.collector.server.sink.filter.FilteringEventSink;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running destination: parser → sink → store, resuming from the cursors its meta manager holds. The
 * composition root of a destination; the meta manager is shared with the server and outlives it.
 */
public final class Destination extends AbstractLifecycle implements DestinationHandle, Supervisable {

    private static final Logger LOG = LoggerFactory.getLogger(Destination.class);

    private final InstanceConfig config;
    private final MetaManager meta;
    private final EventStore store;
    private final EventParser parser;

    public Destination(InstanceConfig config, MetaManager meta) {
        this.config = config;
        this.meta = meta;
        this.store = buildStore();
        this.parser = buildParser();
    }

    private EventStore buildStore() {
        return new MemoryEventStore(config.destination(), config.store());
    }

    private EventParser buildParser() {
        FilteringEventSink sink = new FilteringEventSink(config.filters(), store);
        return new BinlogEventParser(config.parser(), sink, this::resumeCursor);
    }

    /** The least advanced cursor among the destination's subscribers: every one of them resumes correctly. */
    private Optional<Cursor> resumeCursor() {
        return meta.subscriptions(config.destination()).stream()
                .map(client -> meta.cursor(config.destination(), client))
                .flatMap(Optional::stream)
                .min(Comparator.comparingLong(Cursor::globalId));
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

    public EventParser parser() {
        return parser;
    }

    @Override
    public Throwable failure() {
        return parser.failure();
    }

    @Override
    protected void doStart() {
        LOG.info("[destination={}] starting", config.destination());
        store.start();
        parser.start();
    }

    @Override
    protected void doStop() {
        LOG.info("[destination={}] stopping", config.destination());
        parser.stop();
        store.stop();
        meta.flush();
    }
}
