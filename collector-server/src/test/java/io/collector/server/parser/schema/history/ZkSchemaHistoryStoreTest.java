package io.collector.server.parser.schema.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.collector.server.error.FencedException;
import io.collector.server.position.LogPosition;
import io.collector.server.testing.ZkTesting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ZkSchemaHistoryStoreTest extends SchemaHistoryStoreContractTest {

    private static final AtomicInteger DESTINATIONS = new AtomicInteger();
    private static TestingServer server;
    private static CuratorFramework client;

    private String destination;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = ZkTesting.server();
        client = ZkTesting.client(server);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        client.close();
        server.close();
    }

    @BeforeEach
    void newDestination() {
        destination = "dest-" + DESTINATIONS.incrementAndGet();
    }

    @Override
    protected SchemaHistoryStore store() {
        return new ZkSchemaHistoryStore(client, destination, () -> true);
    }

    @Test
    void aFormerLeaderCannotAppendAfterTheNextOneTookOver() {
        SchemaHistory former = open(LogPosition.of(F1, 4));
        open(LogPosition.of(F1, 4));
        assertThatThrownBy(() -> former.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100)))
                .isInstanceOf(FencedException.class).hasMessageContaining("changed by another server");
    }

    @Test
    void aServerThatNoLongerLeadsDoesNotWrite() {
        AtomicBoolean leading = new AtomicBoolean(true);
        SchemaHistory history = SchemaHistory.open("test", new ZkSchemaHistoryStore(client, destination, leading::get),
                LogPosition.of(F1, 4), true, bootstrap(F1, 4));
        leading.set(false);
        assertThatThrownBy(() -> history.apply("ALTER TABLE t ADD COLUMN a INT", "db", LogPosition.of(F1, 100)))
                .isInstanceOf(FencedException.class).hasMessageContaining("no longer leads");
    }

    @Test
    void aSnapshotLargerThanOneZnodeIsSplitAndReadBack() {
        List<HistoryTable> tables = new ArrayList<>();
        for (int t = 0; t < 3000; t++) {
            List<HistoryColumn> columns = new ArrayList<>();
            for (int c = 0; c < 20; c++) {
                // names that hardly compress, so the gzipped snapshot is above one part
                String name = UUID.nameUUIDFromBytes(new byte[] {(byte) t, (byte) (t >> 8), (byte) c}).toString();
                columns.add(new HistoryColumn(name,
                        "varchar", "varchar(" + (c + t) + ")", false, "utf8mb4", List.of()));
            }
            tables.add(new HistoryTable("db", "table_" + t, "utf8mb4", columns, List.of()));
        }
        HistorySnapshot big = new HistorySnapshot(F1, 4, ServerFlavor.of("8.0.36"), "utf8mb4", Map.of(), tables,
                Map.of());
        store().replace(big);
        SchemaHistoryStore.Stored stored = store().load().orElseThrow();
        assertThat(stored.snapshot()).isEqualTo(big);
        assertThat(ZkTesting.stat(client, ZkSchemaHistoryStore.ROOT + "/" + destination + "/snapshot-1-1"))
                .isNotNull();
    }
}
