package io.collector.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.convert.Value;
import io.collector.server.parser.schema.ColumnSchema;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The watermark window of a backfill chunk, fed hand-made binlog entries: keys touched between the low and the high
 * watermark leave the chunk, the rest is emitted right after the high watermark's transaction end with ids below the
 * next event's, and signals, stale watermarks and broken windows are handled.
 */
class BackfillWindowTest {

    private static final String JOURNAL = "mysql-bin.000003";
    private static final BackfillConfig CONFIG = new BackfillConfig("ops.signal", 100);

    private final List<ChangeEvent> out = new ArrayList<>();
    private final List<BackfillRequest> requests = new ArrayList<>();
    private final BackfillStats stats = new BackfillStats();
    private final BackfillWindow window = new BackfillWindow("d1", CONFIG, out::addAll, EntryForm.SERIALIZED, stats,
            requests::add);
    private final SnapshotTable table = new SnapshotTable("shop", "orders", List.of(
            new SnapshotColumn(new ColumnSchema("id", 0, "int", "int(11)", false, true, null, List.of()),
                    ConvertOptions.canal()),
            new SnapshotColumn(new ColumnSchema("v", 1, "int", "int(11)", false, false, null, List.of()),
                    ConvertOptions.canal())), List.of(0));
    private long offset = 1000;

    @Test
    void keysTouchedBetweenTheWatermarksLeaveTheChunkAndTheRestFollowsTheHighWatermark() throws Exception {
        BackfillChunk c = chunk();
        window.sink(List.of(update(1, 1, 1, 2)));
        window.sink(watermark(c.lowId(), BackfillSignals.WINDOW_OPEN));
        window.read(c, rows(1, 5));
        window.sink(List.of(update(2, 2, 1, 2), delete(4), update(5, 50, 1, 1)));
        List<ChangeEvent> high = watermark(c.highId(), BackfillSignals.WINDOW_CLOSE);
        window.sink(high);
        ChangeEvent end = high.get(1);
        ChangeEvent after = update(3, 3, 1, 2);
        window.sink(List.of(after));

        List<ChangeEvent> backfill = out.stream().filter(BackfillWindowTest::isBackfill).toList();
        assertThat(backfill).hasSize(1);
        assertThat(keys(backfill.get(0))).as("1 changed before the window, 3 after it").containsExactly("1", "3");
        assertThat(backfill.get(0).rowChange().getEventType()).isEqualTo(EventType.INSERT);
        assertThat(out.indexOf(backfill.get(0))).isEqualTo(out.indexOf(end) + 1);
        assertThat(backfill.get(0).globalId()).isEqualTo(end.globalId() + 1);
        assertThat(backfill.get(0).restart()).isEqualTo(end.restart());
        assertThat(after.globalId()).isGreaterThan(backfill.get(0).globalId() + 1);
        assertThat(window.await(c, () -> true)).isTrue();
        assertThat(stats.view()).containsEntry("chunks", 1L).containsEntry("rows", 2L)
                .containsEntry("rowsSuperseded", 3L);
        assertIdsIncrease();
    }

    @Test
    void anUpdateThatMovesAKeyRemovesBothKeys() throws Exception {
        BackfillChunk c = chunk();
        window.sink(watermark(c.lowId(), BackfillSignals.WINDOW_OPEN));
        window.read(c, rows(1, 4));
        window.sink(List.of(update(2, 9, 1, 1)));
        window.sink(watermark(c.highId(), BackfillSignals.WINDOW_CLOSE));
        assertThat(out.stream().filter(BackfillWindowTest::isBackfill).flatMap(e -> keys(e).stream()))
                .containsExactly("1", "3", "4");
    }

    @Test
    void aChunkWithEveryKeyTouchedEmitsNothingAndStillEnds() throws Exception {
        BackfillChunk c = chunk();
        window.sink(watermark(c.lowId(), BackfillSignals.WINDOW_OPEN));
        window.read(c, rows(7, 7));
        window.sink(List.of(delete(7)));
        window.sink(watermark(c.highId(), BackfillSignals.WINDOW_CLOSE));
        assertThat(out).noneMatch(BackfillWindowTest::isBackfill);
        assertThat(window.await(c, () -> true)).isTrue();
    }

    @Test
    void watermarksOfAnotherChunkAreIgnoredAndPassedOn() throws Exception {
        BackfillChunk c = chunk();
        window.sink(watermark("wm-old-low", BackfillSignals.WINDOW_OPEN));
        window.sink(watermark("wm-old-high", BackfillSignals.WINDOW_CLOSE));
        assertThat(c.phase()).isEqualTo(BackfillChunk.Phase.EXPECTED);
        assertThat(out).hasSize(4).noneMatch(BackfillWindowTest::isBackfill);
    }

    @Test
    void aHighWatermarkWithoutItsLowOneFailsTheChunk() throws Exception {
        BackfillChunk c = chunk();
        window.read(c, rows(1, 3));
        window.sink(watermark(c.highId(), BackfillSignals.WINDOW_CLOSE));
        assertThat(window.await(c, () -> true)).isFalse();
        assertThat(c.failure()).contains("without its low watermark");
        assertThat(out).noneMatch(BackfillWindowTest::isBackfill);
    }

    @Test
    void aChunkLargerThanTheIdsAfterTheCommitIsRefused() throws Exception {
        BackfillChunk c = chunk();
        window.sink(watermark(c.lowId(), BackfillSignals.WINDOW_OPEN));
        window.read(c, rows(1, 31 * 2048));
        window.sink(watermark(c.highId(), BackfillSignals.WINDOW_CLOSE));
        assertThat(window.await(c, () -> true)).isFalse();
        assertThat(c.failure()).contains("needs more ids");
    }

    @Test
    void anExecuteSignalAsksForABackfillAndABadOneIsReported() throws Exception {
        window.sink(signal("s-1", BackfillSignals.EXECUTE, "{\"table\":\"shop.orders\",\"where\":\"id > 5\"}", false));
        window.sink(signal("s-2", BackfillSignals.EXECUTE, "{\"tbl\":1}", false));
        window.sink(signal("s-3", BackfillSignals.EXECUTE, "{\"table\":\"shop.orders\"}", true));
        assertThat(requests).containsExactly(new BackfillRequest("s-1", "shop.orders", "id > 5"));
        assertThat(stats.view()).containsEntry("state", "FAILED").containsEntry("id", "s-2");
    }

    @Test
    void aCancelledChunkNoLongerWaitsForItsWatermarks() throws Exception {
        BackfillChunk c = chunk();
        window.sink(watermark(c.lowId(), BackfillSignals.WINDOW_OPEN));
        window.cancel(c, "query failed");
        window.read(c, rows(1, 2));
        window.sink(watermark(c.highId(), BackfillSignals.WINDOW_CLOSE));
        assertThat(window.await(c, () -> true)).isFalse();
        assertThat(out).noneMatch(BackfillWindowTest::isBackfill);
    }

    @Test
    void theChunkCountsAsHandedOnOnlyOnceTheNextSinkTookIt() throws Exception {
        java.util.concurrent.CountDownLatch full = new java.util.concurrent.CountDownLatch(1);
        List<ChangeEvent> stored = new java.util.concurrent.CopyOnWriteArrayList<>();
        BackfillWindow blocking = new BackfillWindow("d1", CONFIG, events -> {
            if (events.stream().anyMatch(BackfillWindowTest::isBackfill)) {
                full.await();
            }
            stored.addAll(events);
        }, EntryForm.PARSED, stats, requests::add);
        BackfillChunk c = new BackfillChunk("bf-1", table, "wm-low", "wm-high");
        blocking.expect(c);
        blocking.sink(watermark("wm-low", BackfillSignals.WINDOW_OPEN));
        blocking.read(c, rows(1, 3));
        Thread stream = new Thread(() -> {
            try {
                blocking.sink(watermark("wm-high", BackfillSignals.WINDOW_CLOSE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-stream");
        stream.start();
        io.collector.server.testing.Await.blocked(stream);
        assertThat(c.phase()).isEqualTo(BackfillChunk.Phase.EMITTED);
        // while the store holds the chunk back the backfill thread still waits (and gives up when stopped)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> blocking.await(c, () -> false))
                .isInstanceOf(InterruptedException.class);
        full.countDown();
        stream.join(10_000);
        assertThat(blocking.await(c, () -> true)).isTrue();
        ChangeEvent emitted = stored.stream().filter(BackfillWindowTest::isBackfill).findFirst().orElseThrow();
        assertThat(emitted.isParsed()).as("Kafka's parsed form").isTrue();
        assertThat(keys(emitted)).containsExactly("1", "2", "3");
    }

    private BackfillChunk chunk() {
        stats.started(new BackfillRequest("bf-1", "shop.orders", ""), 0, 0);
        BackfillChunk c = new BackfillChunk("bf-1", table, BackfillSignals.watermarkId(), BackfillSignals.watermarkId());
        window.expect(c);
        return c;
    }

    private void assertIdsIncrease() {
        long previous = -1;
        for (ChangeEvent e : out) {
            assertThat(e.globalId()).isGreaterThan(previous);
            previous = e.globalId() + Math.max(0, e.rowCount() - 1);
        }
    }

    private static List<Value[]> rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> new Value[] {
                new Value(Integer.toString(i), Types.INTEGER), new Value("0", Types.INTEGER)}).toList();
    }

    private static boolean isBackfill(ChangeEvent e) {
        return e.header().getPropsList().stream().anyMatch(p -> p.getKey().equals(SnapshotEntries.BACKFILL_PROP));
    }

    private static List<String> keys(ChangeEvent e) {
        return e.rowChange().getRowDatasList().stream().map(r -> r.getAfterColumns(0).getValue()).toList();
    }

    /** A watermark transaction: the signal row and its commit (an XID event of 31 bytes). */
    private List<ChangeEvent> watermark(String id, String type) {
        return signal(id, type, "{}", false);
    }

    private List<ChangeEvent> signal(String id, String type, String data, boolean snapshotCopy) {
        RowData row = RowData.newBuilder().addAfterColumns(column("id", id, true))
                .addAfterColumns(column("type", type, false)).addAfterColumns(column("data", data, false)).build();
        ChangeEvent insert = rowsEvent("ops", "signal", EventType.INSERT, row, snapshotCopy);
        return List.of(insert, commit());
    }

    private ChangeEvent update(int id, int newId, int v, int newV) {
        RowData row = RowData.newBuilder()
                .addBeforeColumns(column("id", Integer.toString(id), true)).addBeforeColumns(column("v", "" + v, false))
                .addAfterColumns(column("id", Integer.toString(newId), true))
                .addAfterColumns(column("v", "" + newV, false)).build();
        return rowsEvent("shop", "orders", EventType.UPDATE, row, false);
    }

    private ChangeEvent delete(int id) {
        RowData row = RowData.newBuilder().addBeforeColumns(column("id", Integer.toString(id), true))
                .addBeforeColumns(column("v", "0", false)).build();
        return rowsEvent("shop", "orders", EventType.DELETE, row, false);
    }

    private ChangeEvent rowsEvent(String schema, String tableName, EventType type, RowData row, boolean snapshotCopy) {
        long at = next(60);
        Header.Builder header = header(at, 60).setSchemaName(schema).setTableName(tableName).setEventType(type)
                .addProps(Pair.newBuilder().setKey("rowsCount").setValue("1"));
        if (snapshotCopy) {
            header.addProps(Pair.newBuilder().setKey(SnapshotEntries.SNAPSHOT_PROP).setValue("true"));
        }
        RowChange change = RowChange.newBuilder().setEventType(type).addRowDatas(row).build();
        Entry entry = Entry.newBuilder().setHeader(header).setEntryType(EntryType.ROWDATA)
                .setStoreValue(change.toByteString()).build();
        LogPosition position = LogPosition.of(JOURNAL, at);
        return new ChangeEvent(entry, GlobalId.of(JOURNAL, at, 0), position, position, false);
    }

    private ChangeEvent commit() {
        long at = next(31);
        Entry entry = Entry.newBuilder().setHeader(header(at, 31)).setEntryType(EntryType.TRANSACTIONEND)
                .setStoreValue(TransactionEnd.newBuilder().setTransactionId("9").build().toByteString()).build();
        return new ChangeEvent(entry, GlobalId.of(JOURNAL, at, 0), LogPosition.of(JOURNAL, at),
                LogPosition.of(JOURNAL, offset), false);
    }

    private long next(int length) {
        long at = offset;
        offset += length;
        return at;
    }

    private static Header.Builder header(long at, int length) {
        return Header.newBuilder().setLogfileName(JOURNAL).setLogfileOffset(at).setEventLength(length).setServerId(1);
    }

    private static Column column(String name, String value, boolean key) {
        return Column.newBuilder().setName(name).setValue(value).setIsKey(key).build();
    }
}
