package io.collector.server.net.compat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientBuilder;
import io.collector.client.CollectorClientConfig;
import io.collector.client.Message;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The compatibility suite with our own SDK, {@code collector-client}. */
class CollectorClientCompatibilityIT extends ClientCompatibilitySuite {

    @Override
    protected CompatClient newClient(InetSocketAddress server, String destination, String user, String password) {
        var builder = configure(CollectorClientConfig.builder().address(server).destination(destination)
                .requestTimeout(Duration.ofSeconds(60)));
        if (user != null && !user.isEmpty()) {
            builder.user(user).password(password);
        }
        return new SdkClient(new CollectorClient(builder.build()));
    }

    /** The client's settings beyond address, destination, timeout and credentials: none here. */
    protected CollectorClientBuilder configure(CollectorClientBuilder builder) {
        return builder;
    }

    /** Adapts our blocking client. */
    private record SdkClient(CollectorClient client) implements CompatClient {

        @Override
        public void connect() {
            client.connect();
        }

        @Override
        public void subscribe(String filter) {
            client.subscribe(filter == null ? "" : filter);
        }

        @Override
        public CompatBatch getWithoutAck(int batchSize) {
            return convert(client.getWithoutAck(batchSize));
        }

        @Override
        public CompatBatch getWithoutAck(int batchSize, long timeout, TimeUnit unit) {
            return convert(client.getWithoutAck(batchSize, Duration.ofNanos(unit.toNanos(timeout))));
        }

        @Override
        public CompatBatch get(int batchSize, long timeout, TimeUnit unit) {
            return convert(client.get(batchSize, Duration.ofNanos(unit.toNanos(timeout))));
        }

        @Override
        public void ack(long batchId) {
            client.ack(batchId);
        }

        @Override
        public void rollback() {
            client.rollback();
        }

        @Override
        public void rollback(long batchId) {
            client.rollback(batchId);
        }

        @Override
        public void unsubscribe() {
            client.unsubscribe();
        }

        @Override
        public void disconnect() {
            client.disconnect();
        }

        private static CompatBatch convert(Message m) {
            return new CompatBatch(m.batchId(), m.entries());
        }
    }
}
