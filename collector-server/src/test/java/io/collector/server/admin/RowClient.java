package io.collector.server.admin;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.server.testing.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Canal client that collects the {@code id} column of every inserted row it receives, acking each batch. */
final class RowClient implements AutoCloseable {

    private final CanalConnector connector;

    RowClient(int port, String destination) {
        connector = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port), destination, "", "");
        connector.connect();
        connector.subscribe("");
    }

    /** Receives and acks until {@code count} rows came; returns their ids in order of arrival. */
    List<Integer> receive(int count, Duration limit) {
        List<Integer> ids = new ArrayList<>();
        Await.until(count + " rows received", limit, () -> {
            ids.addAll(poll());
            return ids.size() >= count;
        });
        return ids;
    }

    /** Receives and acks what comes within {@code window}; for "nothing more arrives". */
    List<Integer> drain(Duration window) {
        List<Integer> ids = new ArrayList<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            ids.addAll(poll());
        }
        return ids;
    }

    private List<Integer> poll() {
        Message message = connector.getWithoutAck(100, 200L, TimeUnit.MILLISECONDS);
        List<Integer> ids = new ArrayList<>();
        for (CanalEntry.Entry entry : message.getEntries()) {
            if (entry.getEntryType() == CanalEntry.EntryType.ROWDATA) {
                ids.addAll(insertedIds(entry));
            }
        }
        if (message.getId() != -1) {
            connector.ack(message.getId());
        }
        return ids;
    }

    private static List<Integer> insertedIds(CanalEntry.Entry entry) {
        try {
            CanalEntry.RowChange change = CanalEntry.RowChange.parseFrom(entry.getStoreValue());
            List<Integer> ids = new ArrayList<>();
            if (change.getEventType() == CanalEntry.EventType.INSERT) {
                for (CanalEntry.RowData row : change.getRowDatasList()) {
                    row.getAfterColumnsList().stream().filter(c -> c.getName().equals("id"))
                            .forEach(c -> ids.add(Integer.parseInt(c.getValue())));
                }
            }
            return ids;
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unreadable entry", e);
        }
    }

    @Override
    public void close() {
        connector.disconnect();
    }
}
