package io.collector.server.instance;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.meta.MemoryMetaManager;
import io.collector.server.meta.MetaManager;
import io.collector.server.parser.ParserConfig;
import io.collector.server.parser.ParserConfig.StartConfig;
import io.collector.server.service.ClientIdentity;
import io.collector.server.service.LocalCollectorService;
import io.collector.server.service.Message;
import io.collector.server.sink.filter.SinkFilters;
import io.collector.server.store.StoreConfig;
import io.collector.server.testkit.TestMariaDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A destination over a test MariaDB, consumed in-process through {@link LocalCollectorService} as client
 * {@code 1001}, for the parser's integration tests.
 */
public final class Pipeline implements AutoCloseable {

    public static final String CLIENT_ID = "1001";
    private static final AtomicLong SERVER_IDS = new AtomicLong(5000 + (System.nanoTime() & 0xfff));

    private final Destination destination;
    private final LocalCollectorService service;
    private final ClientIdentity client;

    private Pipeline(InstanceConfig config, MetaManager meta, DestinationStats stats) {
        this.destination = new Destination(config, meta, stats, () -> true);
        this.service = new LocalCollectorService(name -> name.equals(config.destination())
                ? Optional.of(destination) : Optional.empty());
        this.client = new ClientIdentity(config.destination(), CLIENT_ID);
    }

    /** A parser configuration reading {@code db} as its replication user. */
    public static ParserConfig parserConfig(TestMariaDb db, String destination, StartConfig start) {
        return ParserConfig.builder(destination, db.host(), db.port())
                .user(db.replicationUser(), db.replicationPassword()).serverId(SERVER_IDS.incrementAndGet())
                .start(start).retry(Duration.ofMillis(100), Duration.ofSeconds(2)).build();
    }

    public static InstanceConfig config(TestMariaDb db, String destination, StartConfig start) {
        return new InstanceConfig(destination, parserConfig(db, destination, start), SinkFilters.none(),
                StoreConfig.defaults());
    }

    /** Starts a destination with its own memory meta manager and subscribes the test client. */
    public static Pipeline start(InstanceConfig config) {
        MemoryMetaManager meta = new MemoryMetaManager();
        meta.start();
        return start(config, meta);
    }

    /** Starts a destination with a given (started) meta manager and subscribes the test client. */
    public static Pipeline start(InstanceConfig config, MetaManager meta) {
        return start(config, meta, new DestinationStats());
    }

    /** Starts a destination counting into {@code stats}, with a given (started) meta manager. */
    public static Pipeline start(InstanceConfig config, MetaManager meta, DestinationStats stats) {
        Pipeline p = new Pipeline(config, meta, stats);
        p.service.subscribe(p.client, "");
        p.destination.start();
        return p;
    }

    public Destination destination() {
        return destination;
    }

    public LocalCollectorService service() {
        return service;
    }

    public ClientIdentity client() {
        return client;
    }

    /** Gets and acks batches until {@code done} holds for everything received, or fails after {@code limit}. */
    public List<ChangeEvent> takeUntil(Predicate<List<ChangeEvent>> done, Duration limit) {
        List<ChangeEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.test(received)) {
            failIfParserDied();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + "; received " + received.size()
                        + " entries, " + rowCount(received) + " rows");
            }
            Message m = service.getWithoutAck(client, 1000, 200, TimeUnit.MILLISECONDS);
            received.addAll(m.events());
            if (m.batchId() > 0) {
                service.ack(client, m.batchId());
            }
        }
        return received;
    }

    /** Takes entries until {@code rows} rows arrived. */
    public List<ChangeEvent> takeRows(int rows, Duration limit) {
        return takeUntil(events -> rowCount(events) >= rows, limit);
    }

    /** Takes entries until one transaction end or DDL after at least {@code rows} rows arrived. */
    public List<ChangeEvent> takeRowsAndCommit(int rows, Duration limit) {
        return takeUntil(events -> rowCount(events) >= rows && !events.isEmpty()
                && events.get(events.size() - 1).boundary(), limit);
    }

    private void failIfParserDied() {
        Throwable failure = destination.parser().failure();
        if (failure != null) {
            throw new AssertionError("parser failed: " + failure.getMessage(), failure);
        }
    }

    public static int rowCount(List<ChangeEvent> events) {
        int rows = 0;
        for (ChangeEvent e : events) {
            if (e.isRowData()) {
                rows += e.rowChange().getRowDatasCount();
            }
        }
        return rows;
    }

    /** Rows entries only. */
    public static List<ChangeEvent> rowsEntries(List<ChangeEvent> events) {
        return events.stream().filter(ChangeEvent::isRowData).toList();
    }

    /** The after-image (before-image for deletes) of each row, as column name → value (null for NULL). */
    public static List<Map<String, String>> rowImages(List<ChangeEvent> events) {
        List<Map<String, String>> images = new ArrayList<>();
        for (ChangeEvent e : rowsEntries(events)) {
            for (RowData row : e.rowChange().getRowDatasList()) {
                images.add(image(row.getAfterColumnsCount() > 0 ? row.getAfterColumnsList() : row.getBeforeColumnsList()));
            }
        }
        return images;
    }

    public static Map<String, String> image(List<Column> columns) {
        Map<String, String> image = new LinkedHashMap<>();
        for (Column c : columns) {
            image.put(c.getName(), c.getIsNull() ? null : c.getValue());
        }
        return image;
    }

    /** Whether the list holds a transaction end or DDL entry. */
    public static boolean isEnd(ChangeEvent e) {
        return e.entry().getEntryType() == EntryType.TRANSACTIONEND;
    }

    public static RowChange change(ChangeEvent e) {
        return e.rowChange();
    }

    @Override
    public void close() {
        destination.stop();
    }
}
