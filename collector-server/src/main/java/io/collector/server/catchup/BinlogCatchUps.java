package io.collector.server.catchup;

import io.collector.server.parser.source.ServerIds;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.BinlogEventParser;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserStats;
import io.collector.server.parser.StartStage;
import io.collector.server.parser.schema.history.SchemaHistoryStore;
import io.collector.server.position.Cursor;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import io.collector.server.sink.SinkStats;
import io.collector.server.sink.filter.FilteringEventSink;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.CatchUpSource;
import io.collector.server.store.EventStore;
import io.collector.server.store.MemoryEventStore;
import io.collector.server.store.StoreConfig;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Catch-up readers for one destination: each is a {@link BinlogEventParser} of the destination's source, started at
 * a detached subscription's cursor, through the destination's filters into a private {@link MemoryEventStore} of a
 * quarter of the destination's store bounds. It produces the same entries with the same global ids as the
 * destination's parser (both derive them from binlog positions), registers with a replica server id of its own
 * (derived from {@code <destination>/catch-up/<client id>}, so the source does not drop the destination's
 * connection for a duplicate id), never jumps over a purged binlog, and reads the schema history without writing
 * it.
 */
public final class BinlogCatchUps implements CatchUpSource {

    private static final int MIN_ENTRIES = 256;
    private static final long MIN_BYTES = 1L << 20;

    private final ParserConfig parser;
    private final SinkFilters filters;
    private final StoreConfig store;
    private final SchemaHistoryStore history;
    private final BooleanSupplier leading;

    /**
     * @param history the destination's schema history store, written by its parser only
     * @param leading whether this server leads the destination (readers stop reading when it does not)
     */
    public BinlogCatchUps(ParserConfig parser, SinkFilters filters, StoreConfig store, SchemaHistoryStore history,
                          BooleanSupplier leading) {
        this.parser = parser;
        this.filters = filters;
        this.store = store;
        this.history = history;
        this.leading = leading;
    }

    /**
     * Binlog coordinates, and the cursor is a binlog entry's: a snapshot row's id lies in the id range of the file
     * before its position's (see {@code SnapshotIds}), a binlog entry's in its own file's range or above.
     */
    @Override
    public boolean canStartAfter(Cursor from) {
        LogPosition at = from.restart();
        if (at.journal().isEmpty()) {
            return false;
        }
        try {
            return from.globalId() < 0 || GlobalId.fileIndex(from.globalId()) >= LogPosition.fileIndex(at.journal());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public CatchUpReader open(String subscription, Cursor from) {
        String name = parser.destination() + "/catch-up/" + subscription;
        MemoryEventStore privateStore = new MemoryEventStore(name, privateBounds());
        BinlogEventParser reader = new BinlogEventParser(readerConfig(name), new FilteringEventSink(filters,
                privateStore, new SinkStats()), () -> Optional.of(from), EntryForm.SERIALIZED, new ParserStats(),
                new ReadOnlySchemaHistory(history, name, from.restart()), StartStage.NONE, leading);
        privateStore.start();
        reader.start();
        return new Reader(privateStore, reader);
    }

    private StoreConfig privateBounds() {
        int entries = Math.min(store.capacityEntries(), Math.max(MIN_ENTRIES, store.capacityEntries() / 4));
        long bytes = Math.min(store.capacityBytes(), Math.max(MIN_BYTES, store.capacityBytes() / 4));
        return new StoreConfig(entries, bytes, store.ddlIsolation());
    }

    private ParserConfig readerConfig(String name) {
        return parser.toBuilder().destination(name).serverId(ServerIds.forDestination(name))
                .purgedPolicy(ParserConfig.PurgedPolicy.FAIL).build();
    }

    /** A started reader and its private store. */
    private record Reader(EventStore store, BinlogEventParser parser) implements CatchUpReader {

        @Override
        public Throwable failure() {
            return parser.failure();
        }

        @Override
        public void close() {
            parser.stop();
            store.stop();
        }
    }
}
