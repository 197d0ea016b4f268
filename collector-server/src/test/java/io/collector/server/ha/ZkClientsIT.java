package io.collector.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.CollectorException;
import io.collector.server.testing.Await;
import io.collector.server.testing.ZkTesting;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients built from plain settings, against a real ZooKeeper. */
@Timeout(60)
class ZkClientsIT {

    private static TestingServer zk;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zk = ZkTesting.server();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zk.close();
    }

    @Test
    void aNamespaceIsAChroot() throws Exception {
        try (CuratorFramework chrooted = ZkTesting.clientOf(zk).namespace("/collector-a").start();
                CuratorFramework plain = ZkTesting.client(zk)) {
            chrooted.create().creatingParentsIfNeeded().forPath("/otter/canal/cluster/10.0.0.1:1");

            assertThat(plain.checkExists().forPath("/collector-a/otter/canal/cluster/10.0.0.1:1")).isNotNull();
            assertThat(plain.checkExists().forPath("/otter/canal/cluster/10.0.0.1:1")).isNull();
        }
    }

    @Test
    void digestCredentialsLetOnlyTheirUserWriteButAnyoneRead() throws Exception {
        try (CuratorFramework secured = ZkTesting.clientOf(zk).namespace("acl").digest("collector:secret").start();
                CuratorFramework anonymous = ZkTesting.clientOf(zk).namespace("acl").start()) {
            secured.create().creatingParentsIfNeeded().forPath("/otter/canal/cluster/10.0.0.1:1",
                    "x".getBytes(StandardCharsets.UTF_8));

            List<ACL> acl = secured.getACL().forPath("/otter/canal/cluster/10.0.0.1:1");
            assertThat(acl).containsExactlyInAnyOrderElementsOf(ZkClients.digestAcl("collector:secret"));
            assertThat(acl.get(0).getId().getId())
                    .isEqualTo(DigestAuthenticationProvider.generateDigest("collector:secret"));
            assertThat(acl).anySatisfy(entry -> assertThat(entry.getPerms()).isEqualTo(Perms.READ));
            assertThat(anonymous.getData().forPath("/otter/canal/cluster/10.0.0.1:1")).asString().isEqualTo("x");
            assertThat(secured.getACL().forPath("/otter")).as("parents too").isEqualTo(acl);
            assertThatThrownBy(() -> anonymous.setData().forPath("/otter/canal/cluster/10.0.0.1:1", new byte[0]))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            secured.setData().forPath("/otter/canal/cluster/10.0.0.1:1", new byte[0]);
        }
    }

    @Test
    void clientsKeepLeadershipThroughSuspensionAndNameTheirThreads() {
        try (CuratorFramework client = ZkTesting.clientOf(zk).threadPrefix("collector-zk-test").start()) {
            assertThat(client.getConnectionStateErrorPolicy()).isInstanceOf(SessionConnectionStateErrorPolicy.class);
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith("collector-zk-test-"));
        }
    }

    @Test
    void aClientThatLostTrackOfAWorkingConnectionIsRepaired() throws Exception {
        try (CuratorFramework client = ZkTesting.client(zk)) {
            long start = System.nanoTime();
            // what a stale event of an expired handle does to Curator: "disconnected", with a working handle
            client.getZookeeperClient().getZooKeeper().getTestable()
                    .queueEvent(new WatchedEvent(EventType.None, KeeperState.Disconnected, null));
            Await.until("Curator sees it is not connected", Duration.ofSeconds(5),
                    () -> !client.getZookeeperClient().isConnected());

            Await.until("Curator is connected again", ZkTesting.SESSION_TIMEOUT,
                    () -> client.getZookeeperClient().isConnected());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("before Curator's own session timeout")
                    .isLessThan(ZkTesting.SESSION_TIMEOUT);
            assertThat(client.checkExists().forPath("/")).isNotNull();
        }
    }

    @Test
    void startFailsRetriablyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ZkClients.Builder builder = ZkClients.builder("127.0.0.1:" + port).connectionTimeout(Duration.ofMillis(300));

        assertThatThrownBy(builder::start).isInstanceOfSatisfying(CollectorException.class,
                e -> assertThat(e.retriable()).isTrue()).hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> ZkClients.builder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZkClients.builder("h:1").digest("nopassword"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user:password");
        assertThatThrownBy(() -> ZkClients.builder("h:1").sessionTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session timeout");
    }
}
