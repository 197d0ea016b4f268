package io.collector.server.savepoint;

import io.collector.server.testing.ZkTesting;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class ZkSavepointStoreTest extends SavepointStoreContractTest {

    private static TestingServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = ZkTesting.server();
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @Override
    SavepointStore store() {
        CuratorFramework client = ZkTesting.client(server);
        clients.add(client);
        try {
            client.delete().deletingChildrenIfNeeded().forPath("/collector");
        } catch (org.apache.zookeeper.KeeperException.NoNodeException e) {
            // a fresh server
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new ZkSavepointStore(client);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }
}
