package io.collector.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.PacketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Consumers of one client id on the cluster connector, against a real in-process ZooKeeper and a scripted server:
 * one is active (it owns Canal's client running znode), the others stand by until it goes.
 */
@Timeout(60)
class ClientHaTest {

    private static final String DESTINATION = "ha";
    private static final String CLIENT_RUNNING = "/otter/canal/destinations/ha/1001/running";
    private TestingServer zookeeper;
    private CuratorFramework writer;
    private ScriptedServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        writer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        writer.start();
        writer.blockUntilConnected();
        server = ScriptedServer.start();
        server.on(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(1,
                List.of(TestEntries.insert(1, "1", "x")))));
        String json = "{\"active\":true,\"address\":\"127.0.0.1:" + server.port() + "\"}";
        writer.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath("/otter/canal/destinations/ha/running", json.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        server.close();
        writer.close();
        zookeeper.close();
    }

    private CollectorClient consumer() {
        CollectorClient client = new CollectorClient(CollectorClientConfig.builder()
                .zookeeper(zookeeper.getConnectString()).zookeeperSessionTimeout(Duration.ofSeconds(30))
                .destination(DESTINATION).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5))
                .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(200)).build());
        closeables.add(client);
        return client;
    }

    @Test
    void theSecondConsumerOfAClientIdStandsByUntilTheActiveOneCloses() throws Exception {
        CollectorClient active = consumer();
        active.connect();
        active.subscribe();
        CollectorClient standby = consumer();
        CompletableFuture<Void> standbyConnected = standby.async().connect();

        assertThat(standbyConnected).as("the standby connects while the active one lives")
                .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(java.util.concurrent.TimeoutException.class);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(new String(writer.getData().forPath(CLIENT_RUNNING), StandardCharsets.UTF_8))
                .contains("\"active\":true", "\"clientId\":1001");
        active.close();

        standbyConnected.get(15, TimeUnit.SECONDS);
        standby.subscribe();
        assertThat(standby.getWithoutAck(10).batchId()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aDisconnectedConsumerLetsTheStandbyTakeOver() throws Exception {
        CollectorClient active = consumer();
        active.connect();
        CollectorClient standby = consumer();
        CompletableFuture<Void> standbyConnected = standby.async().connect();

        active.disconnect();

        standbyConnected.get(15, TimeUnit.SECONDS);
        Stat stat = writer.checkExists().forPath(CLIENT_RUNNING);
        assertThat(stat).isNotNull();
    }

    @Test
    void losingZooKeeperStopsTheActiveConsumerUntilItHoldsTheNodeAgain() throws Exception {
        CollectorClient active = consumer();
        active.connect();
        active.subscribe();
        assertThat(active.getWithoutAck(10).batchId()).isEqualTo(1);

        zookeeper.stop();
        Conditions.await("the active consumer drops its connection", Duration.ofSeconds(20),
                () -> !active.isConnected());
        zookeeper.restart();

        Conditions.await("the consumer is active and connected again", Duration.ofSeconds(20), active::isConnected);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(writer.checkExists().forPath(CLIENT_RUNNING)).isNotNull();
    }
}
