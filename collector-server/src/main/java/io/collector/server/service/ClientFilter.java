package io.collector.server.service;

import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.sink.filter.TableFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's own table filter, applied to the batches it takes: ROWDATA entries (rows and DDL) of tables it
 * rejects are left out, everything else passes, as in the sink. Decisions are cached per table. Thread-safe.
 */
final class ClientFilter {

    static final ClientFilter ALL = new ClientFilter("", TableFilter.acceptAll());

    private final String expression;
    private final TableFilter tables;
    private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

    private ClientFilter(String expression, TableFilter tables) {
        this.expression = expression;
        this.tables = tables;
    }

    /** The filter for a subscription's expression; blank means all tables. */
    static ClientFilter of(String expression) {
        return expression == null || expression.isBlank() ? ALL : new ClientFilter(expression, TableFilter.of(expression, ""));
    }

    String expression() {
        return expression;
    }

    /** {@code events} without what the filter rejects; the same list if it rejects nothing. */
    List<ChangeEvent> apply(List<ChangeEvent> events) {
        if (this == ALL) {
            return events;
        }
        List<ChangeEvent> kept = new ArrayList<>(events.size());
        for (ChangeEvent event : events) {
            if (accepts(event)) {
                kept.add(event);
            }
        }
        return kept.size() == events.size() ? events : List.copyOf(kept);
    }

    private boolean accepts(ChangeEvent event) {
        Header header = event.header();
        if (event.entryType() != EntryType.ROWDATA || header.getTableName().isEmpty()) {
            return true;
        }
        return decisions.computeIfAbsent(event.qualifiedTable(), tables::accepts);
    }
}
