package io.collector.server.publish.kafka;

import io.collector.server.position.Cursor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;

/**
 * Kafka clients whose current producer's own metrics (records and bytes sent, request latency, errors, retries,
 * transaction times) are published in a Micrometer registry, tagged with the destination, and whose sends are
 * timed by {@link TimedProducer}. A new producer's Kafka meters replace the previous one's.
 */
final class MeteredKafkaClients implements KafkaClients {

    private final KafkaClients delegate;
    private final MeterRegistry registry;
    private final Tags tags;
    private KafkaClientMetrics bound;

    MeteredKafkaClients(KafkaClients delegate, MeterRegistry registry, String destination) {
        this.delegate = delegate;
        this.registry = registry;
        this.tags = Tags.of("destination", destination);
    }

    @Override
    public Producer<byte[], byte[]> newProducer() {
        Producer<byte[], byte[]> producer = delegate.newProducer();
        unbind();
        bound = new KafkaClientMetrics(producer, tags);
        bound.bindTo(registry);
        return new TimedProducer(producer, registry, tags);
    }

    @Override
    public int ensureTopic(String topic, int partitions, Map<String, String> configs) {
        return delegate.ensureTopic(topic, partitions, configs);
    }

    @Override
    public Optional<Cursor> readPosition() {
        return delegate.readPosition();
    }

    @Override
    public void close() {
        unbind();
        delegate.close();
    }

    private void unbind() {
        if (bound != null) {
            bound.close();
            bound = null;
        }
    }
}
