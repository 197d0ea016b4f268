package io.collector.server.service;

import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client id of a destination on our SDK's cluster connector, recording the row ids it received and the ones
 * whose batch it acknowledged, in order. Errors while servers switch are absorbed: the client reconnects on its
 * next call.
 */
final class Subscriber implements AutoCloseable {

    private final String zkConnect;
    private final String destination;
    private final String clientId;
    private final String filter;
    private CollectorClient client;
    final List<Integer> received = new ArrayList<>();
    final List<Integer> acked = new ArrayList<>();
    /** The DDL statements received, in order. */
    final List<String> ddl = new ArrayList<>();
    /** The columns of the last row received with each id. */
    final Map<Integer, Map<String, String>> rows = new HashMap<>();

    Subscriber(String zkConnect, String destination, String clientId, String filter) {
        this.zkConnect = zkConnect;
        this.destination = destination;
        this.clientId = clientId;
        this.filter = filter;
        this.client = connected();
    }

    private CollectorClient connected() {
        CollectorClient c = new CollectorClient(CollectorClientConfig.builder().zookeeper(zkConnect)
                .destination(destination).clientId(clientId).requestTimeout(Duration.ofSeconds(10))
                .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(500)).build());
        c.connect();
        c.subscribe(filter);
        return c;
    }

    /** A batch of at most {@code size} entries, its row ids recorded as received; null when empty or failed. */
    Message take(int size) {
        try {
            Message m = client.getWithoutAck(size, Duration.ofMillis(200));
            if (m.batchId() <= 0) {
                return null;
            }
            for (ChangeRow row : m.rows()) {
                if (row.isDdl()) {
                    ddl.add(row.sql());
                    continue;
                }
                int id = Integer.parseInt(row.after().get("id"));
                received.add(id);
                rows.put(id, row.after());
            }
            return m;
        } catch (CollectorClientException e) {
            return null;
        }
    }

    /** Acknowledges {@code m}; its rows count as acknowledged once the server took the ack. */
    void ack(Message m) {
        try {
            client.ack(m.batchId());
            for (ChangeRow row : m.rows()) {
                if (row.isDdl()) {
                    continue;
                }
                acked.add(Integer.parseInt(row.after().get("id")));
            }
        } catch (CollectorClientException e) {
            // not taken: the batch comes again
        }
    }

    void rollback() {
        try {
            client.rollback();
        } catch (CollectorClientException e) {
            // a lost connection rolls back as well
        }
    }

    /** Drops the connection with whatever it holds unacknowledged and connects anew. */
    void reconnect() {
        client.close();
        client = connected();
    }

    /** Takes and acknowledges batches until {@code rows} rows were acknowledged, or the deadline passes. */
    void consumeUntil(int rows, int batchSize, long deadlineNanos) {
        while (acked.size() < rows && System.nanoTime() < deadlineNanos) {
            Message m = take(batchSize);
            if (m != null) {
                ack(m);
            }
        }
    }

    /**
     * Makes sure the server applied every ack so far (a connection's requests are handled in order, an ack's
     * cursor is written before the next request): one more get, whose batch, if any, is rolled back unrecorded.
     */
    void confirmAcks() {
        if (client.getWithoutAck(1, Duration.ofMillis(200)).batchId() > 0) {
            client.rollback();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
