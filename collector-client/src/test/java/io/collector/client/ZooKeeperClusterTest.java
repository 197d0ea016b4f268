package io.collector.client;

import static io.collector.client.testing.ServerPackets.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.client.testing.Conditions;
import io.collector.client.testing.ScriptedServer;
import io.collector.client.testing.ServerPackets;
import io.collector.client.testing.TestEntries;
import io.collector.protocol.PacketProtocol.ClientRollback;
import io.collector.protocol.PacketProtocol.PacketType;
import io.collector.protocol.PacketProtocol.Sub;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster client against a real in-process ZooKeeper and two scripted servers, A and B: the test writes
 * the running znode as a server running the destination does, and moves it as a failover does.
 */
@Timeout(60)
class ZooKeeperClusterTest {

    private static final AtomicInteger DESTINATIONS = new AtomicInteger();
    private static TestingServer zookeeper;
    private static CuratorFramework writer;

    private final List<CollectorClientException> listened = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private String destination;
    private String running;
    private ScriptedServer a;
    private ScriptedServer b;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        writer = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        writer.start();
        writer.blockUntilConnected();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        writer.close();
        zookeeper.close();
    }

    @BeforeEach
    void startServers() {
        destination = "cluster" + DESTINATIONS.incrementAndGet();
        running = "/otter/canal/destinations/" + destination + "/running";
        a = ScriptedServer.start();
        b = ScriptedServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        a.close();
        b.close();
    }

    private CollectorClientBuilder config() {
        return CollectorClientConfig.builder()
                .zookeeper(zookeeper.getConnectString())
                .destination(destination)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2))
                .reconnectPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100))
                .errorListener(listened::add);
    }

    private CollectorClient client(CollectorClientBuilder builder) {
        CollectorClient client = new CollectorClient(builder.build());
        closeables.add(client);
        return client;
    }

    private void runsOn(String path, ScriptedServer server) throws Exception {
        String json = "{\"active\":true,\"address\":\"127.0.0.1:" + server.port() + "\",\"cid\":1}";
        writer.create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(path, json.getBytes(StandardCharsets.UTF_8));
    }

    private void runsOn(ScriptedServer server) throws Exception {
        runsOn(running, server);
    }

    /** A failover: the old server's ephemeral znode goes away, the new leader creates its own. */
    private void moveTo(ScriptedServer server) throws Exception {
        writer.delete().forPath(running);
        runsOn(server);
    }

    private static long batchOf(ScriptedServer server, long batchId) {
        server.once(PacketType.GET, exchange -> exchange.reply(ServerPackets.messages(batchId,
                List.of(TestEntries.insert(batchId, "1", "x")))));
        return batchId;
    }

    @Test
    void connectsToTheServerRunningTheDestination() throws Exception {
        runsOn(a);
        long batch = batchOf(a, 7);
        CollectorClient client = client(config());
        client.connect();
        client.subscribe("shop\\..*");
        assertThat(client.getWithoutAck(10).batchId()).isEqualTo(batch);
        client.ack(batch);
        a.awaitTypes(1, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK,
                PacketType.GET, PacketType.CLIENTACK);
        assertThat(b.connections()).isZero();
    }

    @Test
    void aFailoverMovesTheClientToTheNewServerWhichRedeliversUnackedBatches() throws Exception {
        runsOn(a);
        CollectorClient client = client(config().reconnectPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20)));
        client.connect();
        client.subscribe("shop\\..*");
        long redelivered = batchOf(a, 7);
        assertThat(client.getWithoutAck(10).batchId()).isEqualTo(redelivered);
        batchOf(b, 9);

        moveTo(b);
        a.close();

        b.awaitTypes(1, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        Conditions.await("connected to B", Duration.ofSeconds(3), client::isConnected);
        assertThat(body(b.received(1, PacketType.SUBSCRIPTION).get(0), Sub::parseFrom).getFilter())
                .isEqualTo("shop\\..*");
        assertThat(body(b.received(1, PacketType.CLIENTROLLBACK).get(0), ClientRollback::parseFrom).getBatchId())
                .isZero();
        assertThat(client.getWithoutAck(10).batchId()).isEqualTo(9);
        assertThatThrownBy(() -> client.ack(redelivered)).isInstanceOf(StaleBatchException.class);
        assertThat(listened).first().isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isTrue());
    }

    @Test
    void aMoveWhileConnectedSwitchesAtOnceEvenIfTheOldServerStaysUp() throws Exception {
        runsOn(a);
        CollectorClient client = client(config().reconnectPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20)));
        client.connect();
        client.subscribe();

        moveTo(b);

        b.awaitTypes(1, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        Conditions.await("connected to B", Duration.ofSeconds(3), client::isConnected);
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
        assertThat(b.received(1, PacketType.GET)).hasSize(1);
        assertThat(a.connections()).isEqualTo(1);
        assertThat(listened).singleElement().extracting(Throwable::getMessage).asString()
                .contains("the destination now runs on 127.0.0.1:" + b.port() + ", not on 127.0.0.1:" + a.port());
    }

    @Test
    void aServerTakingOverWhileTheClientWaitsToReconnectIsUsedAtOnce() throws Exception {
        runsOn(a);
        CollectorClient client = client(config().reconnectPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20)));
        client.connect();
        client.subscribe();
        writer.delete().forPath(running);
        a.close();
        Conditions.await("connection loss noticed", () -> !client.isConnected());

        runsOn(b);

        b.awaitTypes(1, PacketType.CLIENTAUTHENTICATION, PacketType.SUBSCRIPTION, PacketType.CLIENTROLLBACK);
        Conditions.await("connected to B", Duration.ofSeconds(3), client::isConnected);
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
    }

    @Test
    void connectWaitsForAServerToRunTheDestination() throws Exception {
        CollectorClient client = client(config());
        CompletableFuture<Void> connected = client.async().connect();
        Conditions.holdsFor("no connection while no server runs the destination", Duration.ofMillis(300),
                () -> !connected.isDone());

        runsOn(a);

        connected.join();
        assertThat(a.connections()).isEqualTo(1);
    }

    @Test
    void connectFailsAfterTheConnectTimeoutWhenNoServerRunsTheDestination() {
        CollectorClient client = client(config().connectTimeout(Duration.ofMillis(400)));
        long start = System.nanoTime();
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(ConnectionLostException.class,
                e -> assertThat(e.isRetriable()).isFalse())
                .hasMessageContaining("[destination=" + destination + "] no server runs destination " + destination
                        + ": ZooKeeper node " + running + " (ZooKeeper " + zookeeper.getConnectString()
                        + ") does not exist and no server took the destination over within 400 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(a.connections() + b.connections()).isZero();
    }

    @Test
    void reconnectingGivesUpPerThePolicyWhenNoServerRunsTheDestination() throws Exception {
        runsOn(a);
        CollectorClient client = client(config().connectTimeout(Duration.ofMillis(200))
                .reconnectPolicy(2, Duration.ofMillis(20), Duration.ofMillis(20)));
        client.connect();
        writer.delete().forPath(running);
        a.close();

        Conditions.await("reconnecting gave up", () -> listened.stream().anyMatch(e -> !e.isRetriable()));
        assertThat(listened.get(listened.size() - 1)).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("gave up reconnecting after 2 attempts")
                .hasMessageContaining("no server runs destination " + destination + ": ZooKeeper node " + running);
        assertThatThrownBy(() -> client.getWithoutAck(1)).hasMessageContaining("gave up reconnecting");

        runsOn(b);
        client.connect();
        assertThat(client.getWithoutAck(1).isEmpty()).isTrue();
    }

    @Test
    void anUnusableRunningNodeIsExplained() throws Exception {
        writer.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(running, "{\"active\":true}".getBytes(StandardCharsets.UTF_8));
        CollectorClient client = client(config().connectTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(client::connect).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("ZooKeeper node " + running)
                .hasMessageContaining("is not usable, no \"address\" text field in \"{\"active\":true}\"");
    }

    @Test
    void theConnectStringsChrootPrefixesTheZnodes() throws Exception {
        runsOn("/collector" + running, b);
        runsOn(a);
        CollectorClient client = client(config().zookeeper(zookeeper.getConnectString() + "/collector"));
        client.connect();
        assertThat(b.connections()).isEqualTo(1);
        assertThat(a.connections()).isZero();
    }

    @Test
    void anUnreachableZooKeeperFailsTheConnectWithinTheConnectTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CollectorClient client = client(config().zookeeper("127.0.0.1:" + closedPort)
                .connectTimeout(Duration.ofMillis(500)));
        assertThatThrownBy(client::connect).isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("cannot find the server running destination " + destination
                        + ": could not read ZooKeeper node " + running)
                .hasMessageContaining("no connection to ZooKeeper");
    }

    @Test
    void closingTheClientEndsItsZooKeeperSession() throws Exception {
        runsOn(a);
        CollectorClient client = client(config());
        client.connect();
        String threads = "collector-client-" + destination + "-";
        assertThat(liveThreads(threads)).anyMatch(name -> name.contains("-zk-"))
                .anyMatch(name -> name.contains("SendThread"));

        client.close();

        Conditions.await("no thread of the client left", () -> liveThreads(threads).isEmpty());
        assertThatThrownBy(client::connect).hasMessageContaining("the client is closed");
    }

    @Test
    void theFactoriesMirrorCanalsConnectors() throws Exception {
        runsOn(a);
        CollectorClient cluster = CollectorClients.cluster(zookeeper.getConnectString(), destination, "canal", "");
        closeables.add(cluster);
        cluster.connect();
        CollectorClient single = CollectorClients.single(b.address(), destination, null, null);
        closeables.add(single);
        single.connect();
        assertThat(a.connections()).isEqualTo(1);
        assertThat(b.connections()).isEqualTo(1);
        assertThat(cluster.async().config().zookeeper()).contains(zookeeper.getConnectString());
        assertThatThrownBy(() -> CollectorClients.cluster(zookeeper.getConnectString(), destination, null, "secret"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("password is set but user is not");
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).toList();
    }
}
