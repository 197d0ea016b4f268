package io.collector.server.publish.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A producer that times every send from the call to the broker's answer ({@code collector.kafka.send}, a histogram),
 * counts failed sends ({@code collector.kafka.send.errors}) and transactions by outcome
 * ({@code collector.kafka.transactions{outcome=commit|abort}}). Everything else goes to the producer as it is.
 */
final class TimedProducer implements Producer<byte[], byte[]> {

    private final Producer<byte[], byte[]> producer;
    private final Timer sends;
    private final Counter errors;
    private final Counter commits;
    private final Counter aborts;

    TimedProducer(Producer<byte[], byte[]> producer, MeterRegistry registry, Tags tags) {
        this.producer = producer;
        this.sends = Timer.builder("collector.kafka.send").tags(tags).publishPercentileHistogram()
                .description("time from handing a record to the producer to the broker's answer").register(registry);
        this.errors = Counter.builder("collector.kafka.send.errors").tags(tags)
                .description("records the producer reported as failed").register(registry);
        this.commits = transactions(registry, tags, "commit");
        this.aborts = transactions(registry, tags, "abort");
    }

    private static Counter transactions(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder("collector.kafka.transactions").tags(tags.and("outcome", outcome))
                .description("Kafka transactions ended, by outcome (exactly-once)").register(registry);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        long start = System.nanoTime();
        return producer.send(record, (metadata, error) -> {
            sends.record(Duration.ofNanos(System.nanoTime() - start));
            if (error != null) {
                errors.increment();
            }
            if (callback != null) {
                callback.onCompletion(metadata, error);
            }
        });
    }

    @Override
    public void commitTransaction() {
        producer.commitTransaction();
        commits.increment();
    }

    @Override
    public void abortTransaction() {
        producer.abortTransaction();
        aborts.increment();
    }

    @Override
    public void initTransactions() {
        producer.initTransactions();
    }

    @Override
    public void beginTransaction() {
        producer.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) {
        producer.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        producer.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        producer.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return producer.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        producer.close();
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
