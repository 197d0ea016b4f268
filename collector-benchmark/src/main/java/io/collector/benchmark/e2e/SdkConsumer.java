package io.collector.benchmark.e2e;

import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientBuilder;
import io.collector.client.CollectorClientConfig;
import io.collector.client.Message;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * This project's client SDK: {@code getWithoutAck(1000)}, every row through {@link Message#rows()}, ack. It fetches
 * the next batch ahead ({@link CollectorClientBuilder#prefetch(boolean)}) unless run with {@code -Dprefetch=false}.
 */
final class SdkConsumer implements CatchUpConsumer {

    private final boolean prefetch = Boolean.parseBoolean(System.getProperty("prefetch", "true"));

    @Override
    public String name() {
        return "collector SDK";
    }

    @Override
    public void consume(InetSocketAddress server, String destination, RowTally tally, long deadline) {
        try (CollectorClient client = subscribed(server, destination)) {
            while (!tally.complete()) {
                CatchUpConsumer.checkDeadline(destination, tally, deadline);
                Message message = client.getWithoutAck(BATCH_SIZE);
                if (message.batchId() == Message.EMPTY_BATCH_ID) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                count(message, tally, RowTally.nowMicros());
                client.ack(message.batchId());
                tally.batchDone();
            }
        }
    }

    private static void count(Message message, RowTally tally, long receivedMicros) {
        for (ChangeRow row : message.rows()) {
            if (!row.isRowChange()) {
                continue;
            }
            long id = Long.parseLong(row.after().get("id"));
            if (tally.timed()) {
                tally.add(id, row.after().get(RowTally.WRITTEN_COLUMN), receivedMicros);
            } else {
                tally.add(id);
            }
        }
    }

    private CollectorClient subscribed(InetSocketAddress server, String destination) {
        long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
        while (true) {
            CollectorClient client = new CollectorClient(CollectorClientConfig.builder().address(server)
                    .destination(destination).prefetch(prefetch).build());
            try {
                client.connect();
                client.subscribe();
                return client;
            } catch (RuntimeException e) {
                client.close();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("[destination=" + destination + "] no subscription within "
                            + SUBSCRIBE_WAIT, e);
                }
                ServerProcess.sleep(Duration.ofMillis(100));
            }
        }
    }
}
