package io.collector.server.publish.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft Kafka (combined broker and controller) running in this JVM, for the Kafka ITs and the
 * benchmark. The broker can be shut down and started again on the same port.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private final String bootstrap;

    private KafkaTestCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.bootstrap = kit.bootstrapServers();
    }

    /** Formats and starts a one-node cluster; transactions work with one replica. */
    public static KafkaTestCluster start() {
        return start(Map.of());
    }

    /** A cluster with these broker settings added (e.g. {@code message.max.bytes}). */
    public static KafkaTestCluster start(Map<String, String> brokerSettings) {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            brokerSettings.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // a restarted broker registers again only once the controller dropped its old session
                    .setConfigProp("broker.session.timeout.ms", "2000")
                    .setConfigProp("broker.heartbeat.interval.ms", "200")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaTestCluster(kit);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Kafka cluster: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** Shuts the broker down; its port stays reserved for {@link #startBroker()}. */
    public void stopBroker() {
        kit.brokers().values().forEach(b -> b.shutdown());
    }

    public void startBroker() {
        kit.brokers().values().forEach(b -> b.startup());
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test Kafka cluster", e);
        }
    }
}
