package io.collector.server.ha;

import io.collector.client.ChangeRow;
import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a consumer on our SDK's cluster connector saw: each row id with how often it came, and the rows of batches
 * whose ack the server confirmedly applied. A server hands one consumer's non-empty batches out with consecutive
 * ids (a new leader's store starts again at 1), and applies requests of a connection in order; so when the next
 * non-empty batch has the next id and does not repeat the previous batch's rows, the previous ack was applied
 * and, with write-through cursors, persisted.
 */
final class FailoverConsumer {

    final Map<Integer, Integer> seen = new HashMap<>();
    final Set<Integer> confirmed = new HashSet<>();
    final List<Long> receivedAt = new ArrayList<>();
    final List<Integer> duplicatesOfConfirmed = new ArrayList<>();
    private List<Integer> lastBatch = List.of();
    private long lastBatchId = -1;

    /**
     * One get (and ack); errors while servers switch are absorbed, the client reconnects on its next call.
     * Returns false when the get failed.
     */
    boolean round(CollectorClient client) {
        Message m;
        try {
            m = client.getWithoutAck(200, Duration.ofMillis(200));
        } catch (CollectorClientException e) {
            forgetLast();
            return false;
        }
        if (m.batchId() <= 0) {
            return true;
        }
        List<Integer> ids = new ArrayList<>();
        for (ChangeRow row : m.rows()) {
            ids.add(Integer.parseInt(row.after().get("id")));
        }
        received(m.batchId(), ids);
        ack(client, m);
        return true;
    }

    /**
     * Records a non-empty batch {@code batchId} holding rows {@code ids}, from any client: when it follows the
     * previous one on the same connection (next id, none of its rows), the previous batch's ack was applied.
     */
    void received(long batchId, List<Integer> ids) {
        if (batchId == lastBatchId + 1 && Collections.disjoint(ids, lastBatch)) {
            confirmed.addAll(lastBatch);
        }
        for (int id : ids) {
            if (confirmed.contains(id)) {
                duplicatesOfConfirmed.add(id);
            }
            seen.merge(id, 1, Integer::sum);
            receivedAt.add(System.nanoTime());
        }
        lastBatch = ids;
        lastBatchId = batchId;
    }

    /** Rounds for {@code time}. */
    void consumeFor(CollectorClient client, Duration time) {
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            round(client);
        }
    }

    /** The connection failed: the next batch says nothing about the last ack. */
    void forgetLast() {
        lastBatch = List.of();
        lastBatchId = -1;
    }

    private void ack(CollectorClient client, Message m) {
        try {
            client.ack(m.batchId());
        } catch (CollectorClientException e) {
            forgetLast();
        }
    }
}
