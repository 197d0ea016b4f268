package io.collector.server.instance;

import io.collector.server.parser.ParserConfig;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import java.util.Objects;

/** Everything one destination needs: where it reads, how it filters, how much it buffers. */
public record InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store) {

    public InstanceConfig {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(store, "store");
    }
}
