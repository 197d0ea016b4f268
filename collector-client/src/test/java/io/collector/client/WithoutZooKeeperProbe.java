package io.collector.client;

import io.collector.client.testing.ScriptedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Run by {@link OptionalZooKeeperTest} in a class loader without Curator, ZooKeeper and Jackson: what an
 * application sees that depends on the SDK alone. Reports what happened as lines of text, because the
 * caller's classes (and assertion library) are not visible here.
 */
public final class WithoutZooKeeperProbe implements Callable<List<String>> {

    @Override
    public List<String> call() throws Exception {
        List<String> seen = new ArrayList<>();
        seen.add("zookeeper loadable: " + loadable("org.apache.zookeeper.ZooKeeper"));
        try (ScriptedServer server = ScriptedServer.start();
             CollectorClient client = new CollectorClient(CollectorClientConfig.builder().address(server.address())
                     .destination("example").connectTimeout(Duration.ofSeconds(5)).build())) {
            client.connect();
            client.subscribe();
            Message batch = client.getWithoutAck(10, Duration.ofMillis(50));
            seen.add("single server: subscribed, batch " + batch.batchId());
        }
        try {
            CollectorClientConfig.builder().zookeeper("127.0.0.1:2181").destination("example").build();
            seen.add("cluster: built");
        } catch (IllegalStateException e) {
            seen.add("cluster: " + e.getMessage());
        }
        return seen;
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, WithoutZooKeeperProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
