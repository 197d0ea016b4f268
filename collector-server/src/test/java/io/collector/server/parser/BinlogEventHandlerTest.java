package io.collector.server.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.error.PoisonEventException;
import io.collector.server.error.SourceException;
import io.collector.server.parser.convert.ConvertOptions;
import io.collector.server.parser.convert.RawEventDeserializers;
import io.collector.server.parser.schema.InformationSchema;
import io.collector.server.parser.schema.history.HistorySnapshot;
import io.collector.server.parser.schema.history.MemorySchemaHistoryStore;
import io.collector.server.parser.schema.history.SchemaHistory;
import io.collector.server.parser.schema.history.ServerFlavor;
import io.collector.server.parser.source.SourceDatabase;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler's transaction, position, GTID and id bookkeeping, fed with hand-made binlog events. */
class BinlogEventHandlerTest {

    private static final String FILE = "mysql-bin.000003";

    private final List<ChangeEvent> delivered = Collections.synchronizedList(new ArrayList<>());
    private final ConversionStage stage = new ConversionStage("test", delivered::addAll, 16, 1 << 20);
    private long offset = 4;

    @AfterEach
    void close() {
        stage.close();
    }

    private BinlogEventHandler handler(long skipUpTo, long gateMs) {
        SchemaHistory history = SchemaHistory.open("test", new MemorySchemaHistoryStore(), LogPosition.of(FILE, 4), false,
                () -> new HistorySnapshot(FILE, 4, new ServerFlavor(true, true), "utf8mb4", Map.of(), List.of(), Map.of()));
        SchemaResolver schemas = new SchemaResolver("test",
                new InformationSchema(new SourceDatabase("127.0.0.1", 1, "u", "")), history);
        return new BinlogEventHandler(stage, schemas, new RowsConverter(ConvertOptions.canal()), EntryForm.SERIALIZED,
                LogPosition.of(FILE, 4), skipUpTo, gateMs);
    }

    private BinlogEventHandler handler(StartPoint start) {
        SchemaHistory history = SchemaHistory.open("test", new MemorySchemaHistoryStore(), LogPosition.of(FILE, 4), false,
                () -> new HistorySnapshot(FILE, 4, new ServerFlavor(true, true), "utf8mb4", Map.of(), List.of(), Map.of()));
        SchemaResolver schemas = new SchemaResolver("test",
                new InformationSchema(new SourceDatabase("127.0.0.1", 1, "u", "")), history);
        return new BinlogEventHandler(stage, schemas, new RowsConverter(ConvertOptions.canal()), EntryForm.SERIALIZED,
                start);
    }

    /** A cursor read on server 1 inside transaction 0-1-10 (entries 0 and 1 acked), resumed on server 2 by GTID. */
    private StartPoint onNewSource(String txGtid) {
        LogPosition at = new LogPosition("", 4, 0, 0, "0-1-9", SourceStamp.identity("b:3306", 2, ""), txGtid, 1);
        return new StartPoint(at, GlobalId.of(FILE, 5_000, 0), 0, true);
    }

    private List<ChangeEvent> partialTransaction(BinlogEventHandler handler) throws Exception {
        return handle(handler, rotate("mysql-bin.000001", 4), mariadbGtid(10, 0, 1_000_000),
                query("INSERT INTO shop.t VALUES (1)", 1_000_000), query("INSERT INTO shop.t VALUES (2)", 1_000_000),
                xid(7, 1_000_000));
    }

    @Test
    void onANewSourceTheDeliveredEntriesOfThePartialTransactionAreSkippedAndIdsKeepIncreasing() throws Exception {
        List<ChangeEvent> out = partialTransaction(handler(onNewSource("0-1-10")));
        assertThat(out).extracting(e -> e.entry().getEntryType()).containsExactly(EntryType.ROWDATA,
                EntryType.TRANSACTIONEND);
        assertThat(out.get(0).rowChange().getSql()).isEqualTo("INSERT INTO shop.t VALUES (2)");
        // file index 3 on the old server, 1 on the new one: shifted to 4, above every id delivered before
        assertThat(out).allSatisfy(e -> assertThat(GlobalId.fileIndex(e.globalId())).isEqualTo(4));
        assertThat(out.get(0).restart().source().fileShift()).isEqualTo(3);
        assertThat(out.get(0).restart().txIndex()).isEqualTo(2);
        assertThat(out.get(1).restart().insideTransaction()).isFalse();
    }

    @Test
    void onANewSourceThatDoesNotContinueWithThePartialTransactionNothingIsSkipped() throws Exception {
        List<ChangeEvent> out = partialTransaction(handler(onNewSource("0-1-99")));
        assertThat(out).extracting(e -> e.entry().getEntryType()).containsExactly(EntryType.TRANSACTIONBEGIN,
                EntryType.ROWDATA, EntryType.ROWDATA, EntryType.TRANSACTIONEND);
        assertThat(out.get(0).globalId()).isGreaterThan(GlobalId.of(FILE, 5_000, 0));
    }

    @Test
    void theResumeCursorRemembersTheDeliveredEntriesOfTheOpenTransactionAcrossReconnects() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        handle(handler, rotate(FILE, 100), mariadbGtid(10, 0, 1_000_000),
                query("INSERT INTO shop.t VALUES (1)", 1_000_000));
        // handle() reset the handler for a new connection, as the dump loop does before each one
        assertThat(handler.resumeCursor().restart().txGtid()).isEqualTo("0-1-10");
        assertThat(handler.resumeCursor().restart().txIndex()).isEqualTo(1);
        // the last transaction boundary: the start, since no transaction ended yet
        assertThat(handler.resumeCursor().restart().offset()).isEqualTo(4);
        assertThat(handler.resumeCursor().globalId()).isEqualTo(GlobalId.of(FILE, 140, 0));
    }

    /** An event at the current offset, {@code length} bytes long. */
    private Event event(EventType type, EventData data, int length, long timestampMs) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(type);
        h.setServerId(1);
        h.setTimestamp(timestampMs);
        h.setEventLength(length);
        h.setNextPosition(offset + length);
        offset += length;
        return new Event(h, data);
    }

    private Event rotate(String file, long position) {
        RotateEventData d = new RotateEventData();
        d.setBinlogFilename(file);
        d.setBinlogPosition(position);
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(EventType.ROTATE);
        h.setEventLength(44);
        offset = position;
        return new Event(h, d);
    }

    private Event mariadbGtid(long seq, int flags, long ts) {
        MariadbGtidEventData d = new MariadbGtidEventData();
        d.setDomainId(0);
        d.setServerId(0); // as the connector leaves it: the server id is in the event header
        d.setSequence(seq);
        d.setFlags(flags);
        return event(EventType.MARIADB_GTID, d, 40, ts);
    }

    private Event query(String sql, long ts) {
        QueryEventData d = new QueryEventData();
        d.setSql(sql);
        d.setDatabase("shop");
        d.setThreadId(55);
        return event(EventType.QUERY, d, 60, ts);
    }

    private Event xid(long xid, long ts) {
        XidEventData d = new XidEventData();
        d.setXid(xid);
        return event(EventType.XID, d, 31, ts);
    }

    private List<ChangeEvent> handle(BinlogEventHandler handler, Event... events) throws Exception {
        for (Event e : events) {
            handler.handle(e);
        }
        handler.resetToRestart();
        return List.copyOf(delivered);
    }

    @Test
    void mariadbTransactionBeginsAtItsGtidEventAndEndsAtXid() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        List<ChangeEvent> out = handle(handler, rotate(FILE, 100), mariadbGtid(10, 0, 1_000_000),
                xid(777, 1_000_000));
        assertThat(out).hasSize(2);
        ChangeEvent begin = out.get(0);
        ChangeEvent end = out.get(1);
        assertThat(begin.entry().getEntryType()).isEqualTo(EntryType.TRANSACTIONBEGIN);
        assertThat(begin.position()).isEqualTo(new LogPosition(FILE, 100, 1, 1_000_000, "0-1-10"));
        assertThat(begin.restart()).isEqualTo(new LogPosition(FILE, 100, 1, 1_000_000, "").withDelivered("0-1-10", 0));
        assertThat(begin.entry().getHeader().getGtid()).isEqualTo("0-1-10");
        assertThat(TransactionBegin.parseFrom(begin.entry().getStoreValue()).hasThreadId()).isFalse();
        assertThat(end.entry().getEntryType()).isEqualTo(EntryType.TRANSACTIONEND);
        assertThat(TransactionEnd.parseFrom(end.entry().getStoreValue()).getTransactionId()).isEqualTo("777");
        assertThat(end.restart()).isEqualTo(new LogPosition(FILE, 171, 1, 1_000_000, "0-1-10"));
        assertThat(end.globalId()).isEqualTo(GlobalId.of(FILE, 140, 0));
        assertThat(handler.restartPosition()).isEqualTo(end.restart());
    }

    @Test
    void databaseStatementHasTheDatabaseAndNoTable() throws Exception {
        List<ChangeEvent> out = handle(handler(-1, 0), rotate(FILE, 200), mariadbGtid(11, 1, 2_000),
                query("CREATE DATABASE crm", 2_000));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).entry().getHeader().getSchemaName()).isEqualTo("crm");
        assertThat(out.get(0).entry().getHeader().getTableName()).isEmpty();
        assertThat(out.get(0).rowChange().getEventType()).isEqualTo(io.collector.protocol.EntryProtocol.EventType.QUERY);
    }

    @Test
    void standaloneDdlHasNoBeginAndIsABoundary() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        List<ChangeEvent> out = handle(handler, rotate(FILE, 200), mariadbGtid(11, 1, 2_000),
                query("ALTER TABLE orders ADD note INT", 2_000));
        assertThat(out).hasSize(1);
        ChangeEvent ddl = out.get(0);
        assertThat(ddl.ddl()).isTrue();
        assertThat(ddl.boundary()).isTrue();
        assertThat(ddl.entry().getHeader().getSchemaName()).isEqualTo("shop");
        assertThat(ddl.entry().getHeader().getTableName()).isEqualTo("orders");
        assertThat(ddl.rowChange().getSql()).isEqualTo("ALTER TABLE orders ADD note INT");
        assertThat(ddl.rowChange().getDdlSchemaName()).isEqualTo("shop");
        assertThat(ddl.restart()).isEqualTo(new LogPosition(FILE, 300, 1, 2_000, "0-1-11"));
    }

    @Test
    void beginQueryCarriesTheThreadIdAndCommitQueryEndsWithZero() throws Exception {
        List<ChangeEvent> out = handle(handler(-1, 0), rotate(FILE, 4), query("BEGIN", 1_000), query("COMMIT", 1_000));
        assertThat(TransactionBegin.parseFrom(out.get(0).entry().getStoreValue()).getThreadId()).isEqualTo(55);
        assertThat(TransactionEnd.parseFrom(out.get(1).entry().getStoreValue()).getTransactionId()).isEqualTo("0");
        assertThat(out.get(0).restart().offset()).isEqualTo(4);
        assertThat(out.get(1).restart().offset()).isEqualTo(124);
    }

    @Test
    void entriesAtOrBelowTheSkipIdAreNotDeliveredAgain() throws Exception {
        // BEGIN at 4 (60 bytes), XID at 64 (31 bytes), BEGIN at 95, XID at 155
        long firstXid = GlobalId.of(FILE, 64, 0);
        List<ChangeEvent> out = handle(handler(firstXid, 0), rotate(FILE, 4), query("BEGIN", 1_000),
                xid(1, 1_000), query("BEGIN", 1_000), xid(2, 1_000));
        assertThat(out).extracting(ChangeEvent::globalId).containsExactly(GlobalId.of(FILE, 95, 0),
                GlobalId.of(FILE, 155, 0));
    }

    @Test
    void startTimestampDeliversFromTheFirstTransactionAtOrAfterIt() throws Exception {
        BinlogEventHandler handler = handler(-1, 1_500_000);
        List<ChangeEvent> out = handle(handler, rotate(FILE, 4), mariadbGtid(1, 0, 1_000_000), xid(1, 1_000_000),
                mariadbGtid(2, 0, 2_000_000), xid(2, 2_000_000));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).entry().getHeader().getExecuteTime()).isEqualTo(2_000_000);
        // the skipped transaction still moved the restart position
        assertThat(out.get(0).restart().offset()).isEqualTo(75);
    }

    @Test
    void xaTransactionsMapToBeginEndAndXaCommit() throws Exception {
        List<ChangeEvent> out = handle(handler(-1, 0), rotate(FILE, 4), query("XA START 'x1'", 1_000),
                query("XA END 'x1'", 1_000), query("XA PREPARE 'x1'", 1_000), query("XA COMMIT 'x1'", 1_000));
        assertThat(out).extracting(e -> e.entry().getEntryType() + " " + e.entry().getHeader().getEventType())
                .containsExactly("TRANSACTIONBEGIN UPDATE", "TRANSACTIONEND UPDATE", "ROWDATA XACOMMIT");
        assertThat(out.get(2).boundary()).isFalse();
        assertThat(out.get(2).restart().offset()).isEqualTo(244);
    }

    @Test
    void restartAfterReconnectReplaysFromTheLastBoundaryWithoutDuplicates() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        handle(handler, rotate(FILE, 4), query("BEGIN", 1_000), xid(1, 1_000), query("BEGIN", 1_000));
        assertThat(handler.restartPosition().offset()).isEqualTo(95);
        offset = 95;
        delivered.clear();
        List<ChangeEvent> replay = handle(handler, rotate(FILE, 95), query("BEGIN", 1_000), xid(2, 1_000));
        assertThat(replay).extracting(e -> e.entry().getEntryType()).containsExactly(EntryType.TRANSACTIONEND);
    }

    @Test
    void mysqlGtidTransactionsCarryCanalsGtidProps() throws Exception {
        String uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        GtidEventData gtid = new GtidEventData(MySqlGtid.fromString(uuid + ":23"), (byte) 0, 21, 22, 0, 0, 0, 0, 0);
        List<ChangeEvent> out = handle(handler(-1, 0), rotate(FILE, 4), event(EventType.GTID, gtid, 65, 1_000),
                query("BEGIN", 1_000), xid(9, 1_000));
        assertThat(out).hasSize(2);
        for (ChangeEvent e : out) {
            var header = e.entry().getHeader();
            assertThat(header.getGtid()).isEqualTo(uuid + ":23");
            assertThat(header.getPropsList()).extracting(p -> p.getKey() + "=" + p.getValue())
                    .contains("curtGtid=" + uuid + ":23", "curtGtidSn=22", "curtGtidLct=21");
        }
        assertThat(out.get(0).restart().offset()).isEqualTo(4);
    }

    @Test
    void everyEventTypeIsHandledSkippedOnPurposeOrStopsWithItsPosition() throws Exception {
        assertThat(EventTypes.HANDLED).doesNotContainAnyElementsOf(EventTypes.SKIPPED.keySet());
        for (EventType type : EventType.values()) {
            if (EventTypes.HANDLED.contains(type)) {
                continue;
            }
            BinlogEventHandler handler = handler(-1, 0);
            handler.handle(rotate(FILE, 4));
            if (EventTypes.SKIPPED.containsKey(type)) {
                handler.handle(event(type, null, 30, 0));
                assertThat(handler.restartPosition().offset()).as(type.name()).isEqualTo(4);
            } else {
                assertThatThrownBy(() -> handler.handle(event(type, null, 30, 0))).as(type.name())
                        .isInstanceOf(PoisonEventException.class)
                        .hasMessageContaining("unsupported binlog event " + type)
                        .hasMessageContaining(FILE + ":4 ");
            }
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void anUnknownTypeNumberAndPartialJsonSayWhatToChange() throws Exception {
        // what the real deserializer makes of a type number it does not know
        byte[] bytes = {0, 0, 0, 0, (byte) 172, 1, 0, 0, 0, 22, 0, 0, 0, 26, 0, 0, 0, 0, 0, 1, 2, 3};
        Event unknown = RawEventDeserializers.create().nextEvent(new ByteArrayInputStream(bytes));
        BinlogEventHandler handler = handler(-1, 0);
        handler.handle(rotate(FILE, 4));
        assertThatThrownBy(() -> handler.handle(unknown)).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("UNKNOWN (type 172) at " + FILE + ":4 ");
        assertThatThrownBy(() -> handler.handle(event(EventType.PARTIAL_UPDATE_ROWS_EVENT, null, 30, 0)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("binlog_row_value_options=''");
    }

    @Test
    void transactionPayloadEntriesGetIncreasingIdsAndRestartAfterThePayload() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        handler.handle(rotate(FILE, 500));
        TransactionPayloadEventData payload = new TransactionPayloadEventData();
        ArrayList<Event> inner = new ArrayList<>(List.of(innerEvent(EventType.QUERY, beginData()),
                innerEvent(EventType.XID, xidData(31))));
        payload.setUncompressedEvents(inner);
        List<ChangeEvent> out = handle(handler, event(EventType.TRANSACTION_PAYLOAD, payload, 120, 1_000));

        long base = GlobalId.of(FILE, 500, 0);
        assertThat(out).extracting(ChangeEvent::globalId).containsExactly(base, base + 1);
        assertThat(out).extracting(e -> e.entry().getEntryType())
                .containsExactly(EntryType.TRANSACTIONBEGIN, EntryType.TRANSACTIONEND);
        assertThat(out.get(0).position().offset()).isEqualTo(500);
        assertThat(out.get(1).restart().offset()).isEqualTo(620);
        assertThat(handler.restartPosition().offset()).isEqualTo(620);
    }

    @Test
    void anEventWithoutItsPositionStopsNamingBinlogLegacyEventPos() throws Exception {
        BinlogEventHandler handler = handler(-1, 0);
        handler.handle(rotate(FILE, 4));
        Event xid = xid(1, 1_000);
        ((EventHeaderV4) xid.getHeader()).setNextPosition(0);
        assertThatThrownBy(() -> handler.handle(xid)).isInstanceOf(SourceException.class)
                .hasMessageContaining("end_log_pos 0").hasMessageContaining("binlog_legacy_event_pos=ON");
    }

    /** An event inside a transaction payload: MySQL writes no next position there. */
    private static Event innerEvent(EventType type, EventData data) {
        EventHeaderV4 h = new EventHeaderV4();
        h.setEventType(type);
        h.setServerId(1);
        h.setTimestamp(1_000);
        h.setEventLength(40);
        return new Event(h, data);
    }

    private static QueryEventData beginData() {
        QueryEventData d = new QueryEventData();
        d.setSql("BEGIN");
        d.setDatabase("");
        d.setThreadId(12);
        return d;
    }

    private static XidEventData xidData(long xid) {
        XidEventData d = new XidEventData();
        d.setXid(xid);
        return d;
    }
}
