package io.collector.server.sink.filter;

import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.sink.EventSink;
import io.collector.server.sink.SinkStats;
import io.collector.server.store.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination's {@link EventSink}: drops what a consumer must not see and puts the rest, in order,
 * into the store.
 *
 * <ul>
 *   <li>HEARTBEAT entries never reach consumers: dropped.</li>
 *   <li>ROWDATA entries (rows, DDL, statements) of the wrong kind ({@link EventTypeFilter}) or of a table
 *       the {@link TableFilter} rejects are dropped. A DDL entry without a table name (CREATE DATABASE, GRANT)
 *       is not subject to the table filter.</li>
 *   <li>Rows entries lose the columns the {@link ColumnFilter} removes.</li>
 *   <li>Transaction begin/end and GTID entries always pass, so cursors keep moving.</li>
 * </ul>
 *
 * <p>Not thread-safe: the parser thread is the only caller. Table decisions are cached per table.
 */
public final class FilteringEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(FilteringEventSink.class);
    private static final Decision KEEP_ALL = new Decision(true, null);
    private static final Decision DROP = new Decision(false, null);

    private final SinkFilters filters;
    private final EventStore store;
    private final SinkStats stats;
    private final Map<String, Map<String, Decision>> decisions = new HashMap<>();

    /** What happens to a table's entries; {@code columns} is null when all columns are kept. */
    private record Decision(boolean accepted, Predicate<String> columns) {
    }

    /** Entries already delivered before a restart never get here: the parser drops them by their id. */
    public FilteringEventSink(SinkFilters filters, EventStore store) {
        this(filters, store, new SinkStats());
    }

    /** @param stats counts what is stored and filtered */
    public FilteringEventSink(SinkFilters filters, EventStore store, SinkStats stats) {
        this.filters = filters;
        this.store = store;
        this.stats = stats;
    }

    @Override
    public void sink(List<ChangeEvent> events) throws InterruptedException {
        List<ChangeEvent> kept = new ArrayList<>(events.size());
        for (int i = 0, n = events.size(); i < n; i++) {
            ChangeEvent in = events.get(i);
            ChangeEvent event = filter(in);
            if (event != null) {
                kept.add(event);
                stats.stored(event.rowCount(), event.entryType() == EntryType.TRANSACTIONEND);
            } else if (in.isRowData()) {
                stats.filtered(in.rowCount());
            }
        }
        if (!kept.isEmpty()) {
            long start = System.nanoTime();
            store.put(kept);
            stats.blocked(System.nanoTime() - start);
        }
    }

    /** The event as it goes to the store, or null if dropped. */
    private ChangeEvent filter(ChangeEvent event) {
        EntryType type = event.entryType();
        if (type != EntryType.ROWDATA) {
            return type == EntryType.HEARTBEAT ? null : event;
        }
        if (!filters.types().accepts(event)) {
            return null;
        }
        Header header = event.header();
        Decision decision = decision(header.getSchemaName(), header.getTableName());
        if (!decision.accepted()) {
            return null;
        }
        return decision.columns() == null || !event.isRowData() ? event : ColumnPruner.prune(event, decision.columns());
    }

    private Decision decision(String schema, String table) {
        if (table.isEmpty()) {
            return KEEP_ALL;
        }
        Map<String, Decision> tables = decisions.computeIfAbsent(schema, s -> new HashMap<>());
        Decision decision = tables.get(table);
        if (decision == null) {
            decision = decide(schema, table);
            tables.put(table, decision);
        }
        return decision;
    }

    private Decision decide(String schema, String table) {
        if (!filters.tables().accepts(schema, table)) {
            LOG.debug("Table {}.{} is filtered out ({})", schema, table, filters.tables());
            return DROP;
        }
        Optional<Predicate<String>> columns = filters.columns().forTable(schema, table);
        columns.ifPresent(c -> LOG.debug("Table {}.{} has a column filter ({})", schema, table, filters.columns()));
        return new Decision(true, columns.orElse(null));
    }
}
