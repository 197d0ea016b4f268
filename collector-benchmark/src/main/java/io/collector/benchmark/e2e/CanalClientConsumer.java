package io.collector.benchmark.e2e;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry.Column;
import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EntryType;
import com.alibaba.otter.canal.protocol.CanalEntry.RowChange;
import com.alibaba.otter.canal.protocol.CanalEntry.RowData;
import com.alibaba.otter.canal.protocol.Message;
import com.google.protobuf.InvalidProtocolBufferException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Canal's own Java client ({@code canal.client}): {@code getWithoutAck(1000)}, parse every RowChange, ack. */
final class CanalClientConsumer implements CatchUpConsumer {

    @Override
    public String name() {
        return "canal.client";
    }

    @Override
    public void consume(InetSocketAddress server, String destination, RowTally tally, long deadline) {
        CanalConnector connector = subscribed(server, destination);
        try {
            while (!tally.complete()) {
                CatchUpConsumer.checkDeadline(destination, tally, deadline);
                Message message = connector.getWithoutAck(BATCH_SIZE);
                if (message.getId() == -1) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
                count(message, tally, RowTally.nowMicros());
                connector.ack(message.getId());
                tally.batchDone();
            }
        } finally {
            connector.disconnect();
        }
    }

    private static void count(Message message, RowTally tally, long receivedMicros) {
        for (Entry entry : message.getEntries()) {
            if (entry.getEntryType() != EntryType.ROWDATA) {
                continue;
            }
            RowChange change;
            try {
                change = RowChange.parseFrom(entry.getStoreValue());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("unparsable RowChange at " + entry.getHeader().getLogfileName()
                        + ":" + entry.getHeader().getLogfileOffset(), e);
            }
            for (RowData row : change.getRowDatasList()) {
                long id = Long.parseLong(row.getAfterColumns(0).getValue());
                if (tally.timed()) {
                    tally.add(id, written(row), receivedMicros);
                } else {
                    tally.add(id);
                }
            }
        }
    }

    private static String written(RowData row) {
        for (Column column : row.getAfterColumnsList()) {
            if (column.getName().equals(RowTally.WRITTEN_COLUMN)) {
                return column.getValue();
            }
        }
        throw new IllegalStateException("no column " + RowTally.WRITTEN_COLUMN + " in " + row);
    }

    private static CanalConnector subscribed(InetSocketAddress server, String destination) {
        long deadline = System.nanoTime() + SUBSCRIBE_WAIT.toNanos();
        while (true) {
            CanalConnector connector = CanalConnectors.newSingleConnector(server, destination, "", "");
            try {
                connector.connect();
                connector.subscribe();
                return connector;
            } catch (RuntimeException e) {
                connector.disconnect();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("[destination=" + destination + "] no subscription within "
                            + SUBSCRIBE_WAIT, e);
                }
                ServerProcess.sleep(Duration.ofMillis(100));
            }
        }
    }
}
