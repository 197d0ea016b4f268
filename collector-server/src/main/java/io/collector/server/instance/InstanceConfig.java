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

    /**
     * A builder for {@code destination} reading with {@code parser}: no filters, default store bounds, no publisher
     * (tcp mode), the default restart strategy, no start savepoint, no snapshot, until set.
     */
    public static Builder builder(String destination, ParserConfig parser) {
        return new Builder(destination, parser);
    }

    /** Builds an {@link InstanceConfig} part by part. Not thread-safe. */
    public static final class Builder {
        private final String destination;
        private final ParserConfig parser;
        private SinkFilters filters = SinkFilters.none();
        private StoreConfig store = StoreConfig.defaults();
        private KafkaPublisherConfig publisher;
        private RestartPolicy restart = RestartPolicy.DEFAULT;
        private String startSavepoint = "";
        private SnapshotConfig snapshot = SnapshotConfig.NEVER;

        private Builder(String destination, ParserConfig parser) {
            this.destination = destination;
            this.parser = parser;
        }

        public Builder filters(SinkFilters value) {
            this.filters = value;
            return this;
        }

        public Builder store(StoreConfig value) {
            this.store = value;
            return this;
        }

        /** How the destination publishes to Kafka; null (the default) outside kafka mode. */
        public Builder publisher(KafkaPublisherConfig value) {
            this.publisher = value;
            return this;
        }

        public Builder restart(RestartPolicy value) {
            this.restart = value;
            return this;
        }

        /** The named savepoint to start from; "" for none. */
        public Builder startSavepoint(String name) {
            this.startSavepoint = name;
            return this;
        }

        public Builder snapshot(SnapshotConfig value) {
            this.snapshot = value;
            return this;
        }

        public InstanceConfig build() {
            return new InstanceConfig(destination, parser, filters, store, publisher, restart, startSavepoint,
                    snapshot);
        }
    }
}
