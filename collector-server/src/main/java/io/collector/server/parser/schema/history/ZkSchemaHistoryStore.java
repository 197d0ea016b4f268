package io.collector.server.parser.schema.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.collector.server.error.CollectorException;
import io.collector.server.error.FencedException;
import io.collector.server.error.ZooKeeperErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A schema history in ZooKeeper, for destinations under high availability, so the server that takes a destination
 * over rebuilds the schema its predecessor had at the resume position:
 *
 * <pre>
 * /collector/schema-history/{destination}                  {"generation":g,"parts":k} (0, 0: no snapshot yet)
 * /collector/schema-history/{destination}/snapshot-{g}-{i} part i of the gzipped JSON snapshot (at most 512 KiB)
 * /collector/schema-history/{destination}/entry-{sequence} one DDL entry (JSON), PERSISTENT_SEQUENTIAL
 * </pre>
 *
 * Writes are fenced twice: only while {@code mayWrite} holds (this server leads the destination), and against the
 * version of the destination's znode read at {@link #load()}: a compaction by the next leader bumps it, so a late
 * append of a paused former leader fails with a {@link FencedException} instead of corrupting the history.
 * Used from one parser thread at a time.
 */
public final class ZkSchemaHistoryStore implements SchemaHistoryStore {

    static final String ROOT = "/collector/schema-history";
    private static final int PART_BYTES = 512 * 1024;

    private record Head(long generation, int parts) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final CuratorFramework client;
    private final String path;
    private final BooleanSupplier mayWrite;
    private Head head;
    private int version = -1;

    /** @param mayWrite whether this server may write the destination now (it leads it) */
    public ZkSchemaHistoryStore(CuratorFramework client, String destination, BooleanSupplier mayWrite) {
        this.client = client;
        this.path = ZKPaths.makePath(ROOT, destination);
        this.mayWrite = mayWrite;
    }

    @Override
    public Optional<Stored> load() {
        try {
            if (!readHead() || head.parts() == 0) {
                return Optional.empty();
            }
            HistorySnapshot snapshot = mapper.readValue(gunzip(readParts(head)), HistorySnapshot.class);
            List<HistoryEntry> entries = new ArrayList<>();
            for (String child : children("entry-")) {
                entries.add(mapper.readValue(client.getData().forPath(ZKPaths.makePath(path, child)), HistoryEntry.class));
            }
            return Optional.of(new Stored(snapshot, entries));
        } catch (IOException e) {
            throw new CollectorException("Cannot read the schema history in ZooKeeper at " + path + ": "
                    + e.getMessage() + ". Delete that znode to take the schema from the source again.", false, e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot read the schema history at " + path, e);
        }
    }

    @Override
    public void append(HistoryEntry entry) {
        checkMayWrite();
        try {
            client.transaction().forOperations(
                    client.transactionOp().check().withVersion(version).forPath(path),
                    client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                            .forPath(ZKPaths.makePath(path, "entry-"), mapper.writeValueAsBytes(entry)));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw fenced(e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot append to the schema history at " + path, e);
        }
    }

    @Override
    public void replace(HistorySnapshot snapshot) {
        checkMayWrite();
        try {
            if (head == null) {
                createHead();
            }
            byte[] gz = gzip(mapper.writeValueAsBytes(snapshot));
            Head next = new Head(head.generation() + 1, (gz.length + PART_BYTES - 1) / PART_BYTES);
            writeParts(next, gz);
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(client.transactionOp().setData().withVersion(version).forPath(path, mapper.writeValueAsBytes(next)));
            for (String child : children("entry-")) {
                ops.add(client.transactionOp().delete().forPath(ZKPaths.makePath(path, child)));
            }
            client.transaction().forOperations(ops);
            version++;
            head = next;
            deleteOtherSnapshots(next);
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            throw fenced(e);
        } catch (Exception e) {
            throw ZooKeeperErrors.wrap("Cannot write the schema history at " + path, e);
        }
    }

    /** The destination's znode, without a snapshot yet (generation 0): a load finds no history in it. */
    private void createHead() throws Exception {
        Head empty = new Head(0, 0);
        client.create().creatingParentContainersIfNeeded().forPath(path, mapper.writeValueAsBytes(empty));
        head = empty;
        version = 0;
    }

    /** Reads the destination's znode; false when there is none (no history yet). */
    private boolean readHead() throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            head = mapper.readValue(data, Head.class);
            version = stat.getVersion();
            return true;
        } catch (KeeperException.NoNodeException e) {
            head = null;
            version = -1;
            return false;
        }
    }

    private byte[] readParts(Head h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < h.parts(); i++) {
            out.write(client.getData().forPath(part(h.generation(), i)));
        }
        return out.toByteArray();
    }

    private void writeParts(Head h, byte[] gz) throws Exception {
        for (int i = 0; i < h.parts(); i++) {
            byte[] chunk = Arrays.copyOfRange(gz, i * PART_BYTES, Math.min(gz.length, (i + 1) * PART_BYTES));
            client.create().orSetData().forPath(part(h.generation(), i), chunk);
        }
    }

    /** Parts of earlier generations, and of a later one left by a compaction that did not commit. */
    private void deleteOtherSnapshots(Head current) throws Exception {
        String keep = "snapshot-" + current.generation() + "-";
        for (String child : children("snapshot-")) {
            if (!child.startsWith(keep)) {
                client.delete().quietly().forPath(ZKPaths.makePath(path, child));
            }
        }
    }

    private String part(long generation, int index) {
        return ZKPaths.makePath(path, "snapshot-" + generation + "-" + index);
    }

    /** Children with a prefix, sorted (sequence numbers are zero-padded, so this is their order). */
    private List<String> children(String prefix) throws Exception {
        try {
            return client.getChildren().forPath(path).stream().filter(c -> c.startsWith(prefix)).sorted().toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private void checkMayWrite() {
        if (!mayWrite.getAsBoolean()) {
            throw new FencedException("not writing the schema history at " + path
                    + ": this server no longer leads the destination");
        }
    }

    private FencedException fenced(Exception cause) {
        return new FencedException("the schema history at " + path + " was changed by another server", cause);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }
}
