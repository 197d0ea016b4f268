package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.client.CollectorClient;
import io.collector.client.CollectorClientConfig;
import io.collector.client.CollectorClientException;
import io.collector.client.Message;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.server.daemon.Cluster;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.instance.Pipeline;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.testkit.TestMariaDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two collector processes share a destination through ZooKeeper; the source writes no column metadata (MINIMAL).
 * The leader is killed with {@code kill -9} after a consumer acked part of a stream full of DDL: the new leader
 * rebuilds the schema history from ZooKeeper at the acked position and the entries are those of the same stream
 * written with FULL metadata.
 */
class SchemaHistoryFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static TestMariaDb db;
    private static TestingServer zk;

    @BeforeAll
    static void start() throws Exception {
        db = TestMariaDb.builder().build().start();
        zk = new TestingServer(true);
    }

    @AfterAll
    static void stop() throws Exception {
        if (zk != null) {
            zk.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aFailoverInTheMiddleOfTheStreamKeepsTheEntriesOfFull(@TempDir Path dir) {
        List<String> full = fullReference();
        String previous = db.setGlobal("binlog_row_metadata", "MINIMAL");
        db.execute("CREATE DATABASE ha_min");
        db.executeIn("ha_min", "CREATE TABLE marker (id INT PRIMARY KEY)");
        Cluster cluster = Cluster.start(dir, 2, db, zk.getConnectString(), "ha_min");
        List<Entry> entries = new ArrayList<>();
        try (CollectorClient client = new CollectorClient(CollectorClientConfig.builder()
                .zookeeper(zk.getConnectString()).destination("ha_min").requestTimeout(Duration.ofSeconds(10))
                .reconnectPolicy(1000, Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
            client.connect();
            client.subscribe();
            db.executeIn("ha_min", "INSERT INTO marker VALUES (1)");
            consume(client, 100, SchemaHistoryFailoverIT::hasMarker);
            SchemaHistoryIT.SCRIPT.forEach(sql -> db.executeIn("ha_min", sql));
            db.executeIn("ha_min", "INSERT INTO marker VALUES (2)");
            entries.addAll(consume(client, 2, received -> rows(received) >= 4));
            assertThat(hasMarker(entries)).as("the failover is in the middle").isFalse();
            cluster.killLeader();
            entries.addAll(consume(client, 100, SchemaHistoryFailoverIT::hasMarker));
            List<String> rebuilt = cluster.logLines("schema history rebuilt");
            System.out.println("schema history after the failover: " + rebuilt);
            assertThat(rebuilt).as("the new leader used the stored history").isNotEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            cluster.stopAll();
            db.setGlobal("binlog_row_metadata", previous);
        }
        assertThat(SchemaHistoryIT.describe(entries)).isEqualTo(full);
    }

    /** The same stream with FULL metadata, read by an in-process destination. */
    private static List<String> fullReference() {
        db.execute("CREATE DATABASE ha_full");
        var status = db.masterStatus();
        try (Pipeline p = Pipeline.start(Pipeline.config(db, "ha_full",
                StartConfig.at(status.file(), status.position())))) {
            SchemaHistoryIT.SCRIPT.forEach(sql -> db.executeIn("ha_full", sql));
            db.executeIn("ha_full", "CREATE TABLE marker (id INT PRIMARY KEY)", "INSERT INTO marker VALUES (2)");
            List<ChangeEvent> events = p.takeUntil(received -> hasMarker(received.stream()
                    .map(ChangeEvent::entry).toList()), WAIT);
            List<String> full = SchemaHistoryIT.describe(events.stream().map(ChangeEvent::entry).toList());
            assertThat(full).hasSize(SchemaHistoryIT.ROWS + 11);
            return full;
        }
    }

    /** Gets and acks batches of up to {@code batch} entries until {@code done}, riding over a failover. */
    private static List<Entry> consume(CollectorClient client, int batch, Predicate<List<Entry>> done) {
        List<Entry> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.test(received)) {
            assertThat(System.nanoTime()).as("entries within " + WAIT).isLessThan(deadline);
            try {
                Message m = client.getWithoutAck(batch, Duration.ofMillis(200));
                if (m.batchId() > 0) {
                    received.addAll(m.entries());
                    client.ack(m.batchId());
                }
            } catch (CollectorClientException e) {
                // the leader is gone: the client reconnects to the next one, which redelivers unacked batches
            }
        }
        return received;
    }

    private static boolean hasMarker(List<Entry> entries) {
        return entries.stream().anyMatch(e -> e.getEntryType() == EntryType.ROWDATA
                && e.getHeader().getTableName().equals("marker") && !e.getHeader().getEventType().name().equals("CREATE"));
    }

    private static int rows(List<Entry> entries) {
        return (int) entries.stream().filter(e -> e.getEntryType() == EntryType.ROWDATA
                && e.getHeader().getEventType().name().matches("INSERT|UPDATE|DELETE")).count();
    }
}
