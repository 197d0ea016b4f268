package io.collector.server.sink.filter;

import java.util.Objects;

/** The filters a {@link FilteringEventSink} applies, built once per destination from its configuration. */
public record SinkFilters(TableFilter tables, ColumnFilter columns, EventTypeFilter types) {

    public SinkFilters {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(types, "types");
    }

    /** Filters that let everything through. */
    public static SinkFilters none() {
        return new SinkFilters(TableFilter.acceptAll(), ColumnFilter.none(), EventTypeFilter.none());
    }
}
