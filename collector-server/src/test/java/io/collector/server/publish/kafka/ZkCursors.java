package io.collector.server.publish.kafka;

import io.collector.server.meta.ZkMetaCodec;
import io.collector.server.position.Cursor;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;

/**
 * Reads, as an operator could, the cursor a Kafka destination's publisher acknowledged last in ZooKeeper: meta
 * client {@value KafkaPublisher#CLIENT_ID} in Canal's layout, {@code /otter/canal/destinations/<d>/kafka/cursor}.
 */
final class ZkCursors implements AutoCloseable {

    private static final ZkMetaCodec CODEC = new ZkMetaCodec();

    private final CuratorFramework zk;

    ZkCursors(String connect) {
        zk = CuratorFrameworkFactory.newClient(connect, new RetryNTimes(10, 100));
        zk.start();
    }

    Optional<Cursor> read(String destination) {
        String path = "/otter/canal/destinations/" + destination + "/" + KafkaPublisher.CLIENT_ID + "/cursor";
        try {
            return Optional.of(CODEC.cursor(zk.getData().forPath(path), path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** The cursor's global id; -1 without one. */
    long globalId(String destination) {
        return read(destination).map(Cursor::globalId).orElse(-1L);
    }

    @Override
    public void close() {
        zk.close();
    }
}
