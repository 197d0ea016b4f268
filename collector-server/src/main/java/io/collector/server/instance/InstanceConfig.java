package io.collector.server.instance;

import io.collector.server.parser.ParserConfig;
import io.collector.server.publish.kafka.KafkaPublisherConfig;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one destination needs: where it reads, how it filters, how much it buffers, and, when the server
 * runs in kafka mode, how it publishes ({@code publisher} null otherwise), and the named savepoint it starts from
 * ({@code startSavepoint}, "" for none).
 */
public record InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store,
                             KafkaPublisherConfig publisher, String startSavepoint) {

    public InstanceConfig {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(startSavepoint, "startSavepoint");
    }

    /** A destination without a start savepoint. */
    public InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store,
                          KafkaPublisherConfig publisher) {
        this(destination, parser, filters, store, publisher, "");
    }

    /** A destination whose clients pull over TCP. */
    public InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store) {
        this(destination, parser, filters, store, null);
    }

    /** The Kafka publisher's configuration, in kafka mode. */
    public Optional<KafkaPublisherConfig> kafka() {
        return Optional.ofNullable(publisher);
    }
}
