package io.collector.server.daemon;

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

/** Canal's client against a test server whose tables carry an integer id as their first column. */
public final class CanalRows {

    private CanalRows() {
    }

    /** A connected, subscribed Canal client of {@code destination}, retried until the server answers. */
    public static CanalConnector connect(int port, String destination, Duration wait) {
        CanalConnector[] holder = new CanalConnector[1];
        Await.until("destination " + destination + " accepts a subscription", wait, () -> {
            CanalConnector c = CanalConnectors.newSingleConnector(new InetSocketAddress("127.0.0.1", port),
                    destination, "", "");
            try {
                c.connect();
                c.subscribe();
                holder[0] = c;
                return true;
            } catch (RuntimeException e) {
                c.disconnect();
                return false;
            }
        });
        return holder[0];
    }

    /** The first column (the id) of every row of the row entries of {@code m}, in order. */
    public static List<Integer> ids(Message m) {
        List<Integer> ids = new ArrayList<>();
        for (CanalEntry.Entry e : m.getEntries()) {
            if (e.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                continue;
            }
            try {
                for (CanalEntry.RowData row : CanalEntry.RowChange.parseFrom(e.getStoreValue()).getRowDatasList()) {
                    ids.add(Integer.parseInt(row.getAfterColumns(0).getValue()));
                }
            } catch (InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        }
        return ids;
    }

    /** {@code from} to {@code to}, both included. */
    public static List<Integer> range(int from, int to) {
        List<Integer> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
