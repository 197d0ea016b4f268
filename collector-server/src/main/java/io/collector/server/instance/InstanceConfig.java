package io.collector.server.instance;

import io.collector.server.parser.ParserConfig;
import io.collector.server.publish.kafka.KafkaPublisherConfig;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.snapshot.SnapshotConfig;
import io.collector.server.store.StoreConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one destination needs: where it reads, how it filters, how much it buffers, how it is restarted
 * after a failure, and, when the server runs in kafka mode, how it publishes ({@code publisher} null otherwise),
 * the named savepoint it starts from ({@code startSavepoint}, "" for none) and whether it snapshots its tables.
 */
public record InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store,
                             KafkaPublisherConfig publisher, RestartPolicy restart, String startSavepoint,
                             SnapshotConfig snapshot) {

    public InstanceConfig {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(startSavepoint, "startSavepoint");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** A destination that takes no snapshot. */
    public InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store,
                          KafkaPublisherConfig publisher, RestartPolicy restart, String startSavepoint) {
        this(destination, parser, filters, store, publisher, restart, startSavepoint, SnapshotConfig.NEVER);
    }

    /** A destination with the default restart strategy and no start savepoint. */
    public InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store,
                          KafkaPublisherConfig publisher) {
        this(destination, parser, filters, store, publisher, RestartPolicy.DEFAULT, "");
    }

    /** A destination whose clients pull over TCP. */
    public InstanceConfig(String destination, ParserConfig parser, SinkFilters filters, StoreConfig store) {
        this(destination, parser, filters, store, null);
    }

    /** This configuration with another snapshot configuration. */
    public InstanceConfig withSnapshot(SnapshotConfig other) {
        return new InstanceConfig(destination, parser, filters, store, publisher, restart, startSavepoint, other);
    }

    /** The Kafka publisher's configuration, in kafka mode. */
    public Optional<KafkaPublisherConfig> kafka() {
        return Optional.ofNullable(publisher);
    }
}
