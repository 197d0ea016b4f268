package io.collector.server.net.compat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.EntryProtocol.Entry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The compatibility suite with Alibaba Canal's own Java client, {@code canal.client} 1.1.8, unchanged. */
class CanalClientCompatibilityIT extends ClientCompatibilitySuite {

    @Override
    protected CompatClient newClient(InetSocketAddress server, String destination, String user, String password) {
        return new CanalCompatClient(CanalConnectors.newSingleConnector(server, destination, user, password));
    }

    /** Adapts a {@link CanalConnector}; entries go from Canal's classes to ours through their bytes. */
    private record CanalCompatClient(CanalConnector connector) implements CompatClient {

        @Override
        public void connect() {
            connector.connect();
        }

        @Override
        public void subscribe(String filter) {
            connector.subscribe(filter);
        }

        @Override
        public CompatBatch getWithoutAck(int batchSize) {
            return convert(connector.getWithoutAck(batchSize));
        }

        @Override
        public CompatBatch getWithoutAck(int batchSize, long timeout, TimeUnit unit) {
            return convert(connector.getWithoutAck(batchSize, timeout, unit));
        }

        @Override
        public CompatBatch get(int batchSize, long timeout, TimeUnit unit) {
            return convert(connector.get(batchSize, timeout, unit));
        }

        @Override
        public void ack(long batchId) {
            connector.ack(batchId);
        }

        @Override
        public void rollback() {
            connector.rollback();
        }

        @Override
        public void rollback(long batchId) {
            connector.rollback(batchId);
        }

        @Override
        public void unsubscribe() {
            connector.unsubscribe();
        }

        @Override
        public void disconnect() {
            connector.disconnect();
        }

        private static CompatBatch convert(com.alibaba.otter.canal.protocol.Message message) {
            List<Entry> entries = new ArrayList<>();
            for (CanalEntry.Entry entry : message.getEntries()) {
                entries.add(ours(entry));
            }
            return new CompatBatch(message.getId(), entries);
        }

        private static Entry ours(CanalEntry.Entry entry) {
            try {
                return Entry.parseFrom(entry.toByteArray());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("Canal's entry does not parse as ours: " + entry, e);
            }
        }
    }
}
