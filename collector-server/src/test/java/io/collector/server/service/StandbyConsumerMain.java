package io.collector.server.service;

import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.Message;
import java.time.Duration;
import java.util.StringJoiner;

/**
 * A consumer process for {@link SubscriptionsIT}: one SDK consumer of a client id that takes and acknowledges
 * batches until it is killed. It prints {@code GOT <ids>} for each batch, and {@code CONFIRMED} once the get after
 * an ack returned (a connection's requests are handled in order and an ack's cursor is written before the next
 * request, so the previous batch's cursor is then durable).
 *
 * <p>Arguments: ZooKeeper connect string, destination, client id, filter.
 */
public final class StandbyConsumerMain {

    private StandbyConsumerMain() {
    }

    public static void main(String[] args) {
        try (CollectorClient client = new CollectorClient(CollectorClientConfig.builder().zookeeper(args[0])
                .zookeeperSessionTimeout(Duration.ofSeconds(4)).zookeeperConnectionTimeout(Duration.ofSeconds(2))
                .destination(args[1]).clientId(args[2]).requestTimeout(Duration.ofSeconds(10)).build())) {
            client.connect();
            client.subscribe(args[3]);
            System.out.println("ACTIVE");
            boolean acked = false;
            while (true) {
                Message m = client.getWithoutAck(20, Duration.ofMillis(200));
                if (acked) {
                    System.out.println("CONFIRMED");
                    acked = false;
                }
                if (m.batchId() > 0) {
                    StringJoiner ids = new StringJoiner(",", "GOT ", "");
                    for (ChangeRow row : m.rows()) {
                        ids.add(row.after().get("id"));
                    }
                    System.out.println(ids);
                    client.ack(m.batchId());
                    acked = true;
                }
            }
        }
    }
}
