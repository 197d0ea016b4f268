package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.testing.Await;
import io.collector.server.testing.ZkTesting;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Canal's discovery znodes of a server, on a real ZooKeeper. */
@Timeout(60)
class ServerRegistrationIT {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String ID = "10.0.0.7:11111";
    private static final String SERVER = "/otter/canal/cluster/" + ID;
    private static final String HOSTS = "/otter/canal/destinations/example/cluster";

    private TestingServer zk;
    private CuratorFramework client;
    private CuratorFramework observer;
    private ServerRegistration registration;

    @BeforeEach
    void start() throws Exception {
        zk = ZkTesting.server();
        client = ZkTesting.client(zk);
        observer = ZkTesting.client(zk);
        registration = new ServerRegistration(client, ID);
    }

    @AfterEach
    void stop() throws Exception {
        registration.stop();
        client.close();
        observer.close();
        zk.close();
    }

    private List<String> children(String path) {
        try {
            return observer.getChildren().forPath(path);
        } catch (Exception e) {
            return List.of();
        }
    }

    private boolean ownedBySession(String path, long session) {
        Stat stat = ZkTesting.stat(observer, path);
        return stat != null && stat.getEphemeralOwner() == session;
    }

    @Test
    void theServerAndItsDestinationsAppearWhereCanalLooks() throws Exception {
        registration.addDestination("example");
        registration.start();

        assertThat(registration.awaitRegistered(LIMIT)).isTrue();

        long session = ZkTesting.sessionId(client);
        assertThat(ownedBySession(SERVER, session)).isTrue();
        assertThat(ownedBySession(HOSTS + "/" + ID, session)).isTrue();
        assertThat(children("/otter/canal/cluster")).containsExactly(ID);
        assertThat(children(HOSTS)).containsExactly(ID);
        assertThat(observer.getData().forPath(SERVER)).isEmpty();
        assertThat(ZkTesting.stat(observer, HOSTS).getEphemeralOwner()).as("parents are persistent").isZero();
    }

    @Test
    void destinationsComeAndGoWhileRunning() {
        registration.start();
        registration.addDestination("example");
        registration.addDestination("other");
        Await.until("both destinations are announced", LIMIT, () -> children(HOSTS).contains(ID)
                && children("/otter/canal/destinations/other/cluster").contains(ID));

        registration.removeDestination("example");

        assertThat(children(HOSTS)).isEmpty();
        assertThat(children("/otter/canal/destinations/other/cluster")).containsExactly(ID);
        assertThat(registration.destinations()).containsExactly("other");
    }

    @Test
    void stoppingRemovesEveryZnode() {
        registration.addDestination("example");
        registration.start();
        assertThat(registration.awaitRegistered(LIMIT)).isTrue();

        registration.stop();

        assertThat(ZkTesting.stat(observer, SERVER)).isNull();
        assertThat(children(HOSTS)).isEmpty();
    }

    @Test
    void theZnodesComeBackAfterTheSessionExpires() throws Exception {
        registration.addDestination("example");
        registration.start();
        assertThat(registration.awaitRegistered(LIMIT)).isTrue();
        long oldSession = ZkTesting.sessionId(client);

        KillSession.kill(client.getZookeeperClient().getZooKeeper());

        Await.until("the znodes belong to a new session", LIMIT, () -> {
            long session = ZkTesting.sessionId(client);
            return session != oldSession && ownedBySession(SERVER, session)
                    && ownedBySession(HOSTS + "/" + ID, session);
        });
    }

    @Test
    void theZnodesComeBackAfterZooKeeperRestartsWithoutItsData() throws Exception {
        registration.addDestination("example");
        registration.start();
        assertThat(registration.awaitRegistered(LIMIT)).isTrue();
        int port = zk.getPort();
        zk.close();

        try (TestingServer fresh = new TestingServer(port, true)) {
            Await.until("the znodes are back", LIMIT, () -> children("/otter/canal/cluster").contains(ID)
                    && children(HOSTS).contains(ID));
        }
    }

    @Test
    void theServerIdMustBeAnAddress() {
        assertThatThrownBy(() -> new ServerRegistration(client, "server-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ip:port");
        assertThatThrownBy(() -> registration.addDestination("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
