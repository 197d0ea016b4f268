package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.entry.EntryForm;
import io.collector.server.parser.convert.RowChangeEncoder;
import io.collector.server.parser.ddl.DdlClassifier;
import io.collector.server.parser.ddl.DdlInfo;
import io.collector.server.parser.ddl.TransactionStatement;
import io.collector.server.parser.schema.TableSchema;
import io.collector.server.position.Cursor;
import io.collector.server.position.GlobalId;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns binlog events, in order, into {@link ChangeEvent}s and hands them to the {@link ConversionStage}. The
 * {@link BinlogTracker} follows the current file, the open transaction (where a restart must begin) and the GTID
 * set, and numbers each entry with its {@link GlobalId}; the {@link DeliveryGate} drops entries at or below the
 * last id already delivered, so a replay after a reconnect or restart never repeats an entry. Runs on the binlog
 * client's thread.
 */
final class BinlogEventHandler {

    /** MariaDB GTID event flag: the transaction is a single statement without BEGIN (DDL). */
    private static final int FL_STANDALONE = 1;

    private final ConversionStage stage;
    private final SchemaResolver schemas;
    private final RowsConverter rows;
    private final EntryForm form;
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final BinlogTracker tracker = new BinlogTracker();
    private final DeliveryGate gate;

    BinlogEventHandler(ConversionStage stage, SchemaResolver schemas, RowsConverter rows, EntryForm form,
                       LogPosition start, long skipUpToGlobalId, long startTimestamp) {
        this(stage, schemas, rows, form, new StartPoint(start, skipUpToGlobalId, startTimestamp, false));
    }

    BinlogEventHandler(ConversionStage stage, SchemaResolver schemas, RowsConverter rows, EntryForm form,
                       StartPoint start) {
        this.stage = stage;
        this.form = form;
        this.schemas = schemas;
        this.rows = rows;
        this.gate = new DeliveryGate(stage.destination());
        restartFrom(start);
        tracker.resetToRestart();
    }

    /**
     * Resumes from {@code start} at the next connection: on the same server the id threshold drops what was
     * delivered; on a new one ({@link StartPoint#newSource()}) ids are shifted above every id delivered so far and
     * the entries of the partially delivered transaction are recognised by its GTID and their index in it.
     */
    void restartFrom(StartPoint start) {
        tracker.restartFrom(start);
        gate.restartFrom(start);
    }

    /**
     * Where a new connection resumes, as a cursor: the last transaction boundary, the entries of the open
     * transaction already delivered, and the last id delivered.
     */
    Cursor resumeCursor() {
        return new Cursor(gate.resumeAt(tracker.restartPosition()), gate.lastGlobalId());
    }

    /** The server being read. */
    SourceStamp source() {
        return tracker.source();
    }

    /** Whether no transaction is open: everything handled so far ended at {@link #restartPosition()}'s boundary. */
    boolean atBoundary() {
        return tracker.atBoundary();
    }

    /** The boundary from which a new connection resumes after everything handled so far. */
    LogPosition restartPosition() {
        return tracker.restartPosition();
    }

    long lastGlobalId() {
        return gate.lastGlobalId();
    }

    /**
     * Forgets the state of the open transaction before a new connection replays from the restart position,
     * once everything already handled has reached the sink.
     */
    void resetToRestart() throws InterruptedException {
        stage.drain();
        tracker.resetToRestart();
        tableMaps.clear();
    }

    /** {@code file:offset} of an event read on the current connection, for messages. */
    String locate(com.github.shyiko.mysql.binlog.event.EventHeader header) {
        return tracker.locate(header);
    }

    /** {@code file:offset} after the last event handled. */
    String currentPosition() {
        return tracker.currentPosition();
    }

    /** Moves to a later restart position (purged-binlog policy). */
    void restartAt(LogPosition position) {
        tracker.restartAt(position);
    }

    void handle(Event event) throws InterruptedException {
        EventHeaderV4 h = event.getHeader();
        long offset = tracker.offsetOf(h);
        if (h.getNextPosition() == 0 && EventTypes.POSITIONED.contains(h.getEventType())) {
            throw EventTypes.withoutPosition(h, tracker.currentPosition());
        }
        if (h.getEventType() == EventType.TRANSACTION_PAYLOAD) {
            payload(h, offset, event.getData());
        } else {
            dispatch(h, offset, event);
        }
        tracker.handled(h);
    }

    private void dispatch(EventHeaderV4 h, long offset, Event event) throws InterruptedException {
        switch (h.getEventType()) {
            case ROTATE -> rotate(event.getData());
            case FORMAT_DESCRIPTION -> tracker.formatDescription(h);
            case TABLE_MAP -> {
                TableMapEventData map = event.getData();
                tableMaps.put(map.getTableId(), map);
            }
            case MARIADB_GTID -> mariadbGtid(h, offset, event.getData());
            case GTID -> mysqlGtid(h, offset, event.getData());
            case QUERY -> query(h, offset, event.getData());
            case XID -> commit(h, offset, Long.toString(((XidEventData) event.getData()).getXid()));
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData d = event.getData();
                rowsEvent(h, offset, d.getTableId(), RowKind.INSERT, d, d.getRows().size());
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData d = event.getData();
                rowsEvent(h, offset, d.getTableId(), RowKind.UPDATE, d, d.getRows().size());
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData d = event.getData();
                rowsEvent(h, offset, d.getTableId(), RowKind.DELETE, d, d.getRows().size());
            }
            default -> {
                if (!EventTypes.SKIPPED.containsKey(h.getEventType())) {
                    throw EventTypes.unsupported(h, tracker.at(offset));
                }
            }
        }
    }

    /**
     * A MySQL compressed transaction: its inner events, already decompressed, are handled in order at the
     * payload's position. Their entries are numbered on from the payload's first id; the ids up to the next
     * event's first id are {@code event length × 2048}, which no payload's entries and rows reach.
     */
    private void payload(EventHeaderV4 h, long offset, TransactionPayloadEventData d) throws InterruptedException {
        tracker.payloadStarts(h, offset);
        try {
            for (Event inner : d.getUncompressedEvents()) {
                EventHeaderV4 ih = inner.getHeader();
                if (ih.getEventType() == EventType.TRANSACTION_PAYLOAD) {
                    throw EventTypes.unsupported(ih, tracker.at(offset));
                }
                dispatch(ih, offset, inner);
            }
        } finally {
            tracker.payloadEnds();
        }
    }

    private void rotate(RotateEventData data) {
        tracker.rotate(data.getBinlogFilename(), data.getBinlogPosition(), gate.nextFileIndex());
    }

    private TableMapEventData table(long tableId) {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null) {
            throw new IllegalStateException("rows event for table id " + tableId + " without a TABLE_MAP event at "
                    + tracker.currentPosition());
        }
        return map;
    }

    private Header.Builder header(EventHeaderV4 h, long offset, long tableId) {
        TableMapEventData map = table(tableId);
        return header(h, offset, map.getDatabase(), map.getTable(), null);
    }

    private Header.Builder header(EventHeaderV4 h, long offset, String schema, String table,
                                  io.collector.protocol.EntryProtocol.EventType type) {
        return tracker.header(h, offset, schema, table, type);
    }

    private void mariadbGtid(EventHeaderV4 h, long offset, MariadbGtidEventData d) throws InterruptedException {
        openTransaction(h, offset);
        // the event body has no server id: MariaDB's GTID takes the event header's
        transactionGtid(tracker.gtid(d.getDomainId() + "-" + h.getServerId() + "-" + d.getSequence(), true,
                List.of()));
        if ((d.getFlags() & FL_STANDALONE) == 0) {
            // MariaDB writes no BEGIN: its GTID event opens the transaction
            tracker.enterTransaction();
            emitBegin(h, offset, null);
        }
    }

    private void mysqlGtid(EventHeaderV4 h, long offset, GtidEventData d) {
        openTransaction(h, offset);
        transactionGtid(tracker.gtid(d.getGtid(), false, List.of(EntryFactory.pair("curtGtid", d.getGtid()),
                EntryFactory.pair("curtGtidSn", Long.toString(d.getSequenceNumber())),
                EntryFactory.pair("curtGtidLct", Long.toString(d.getLastCommitted())))));
    }

    private void transactionGtid(String gtid) {
        gate.transactionGtid(gtid, tracker.source().describe());
    }

    /**
     * Marks the first event of a transaction (its GTID event, else its BEGIN or lone statement): a restart
     * replays from here. Opens the start-timestamp gate at the first transaction at or after it.
     */
    private void openTransaction(EventHeaderV4 h, long offset) {
        if (tracker.openTransaction(h, offset)) {
            gate.transactionStarts(h.getTimestamp());
        }
    }

    private void query(EventHeaderV4 h, long offset, QueryEventData d) throws InterruptedException {
        TransactionStatement control = TransactionStatement.of(d.getSql());
        switch (control) {
            case BEGIN, XA_START -> {
                openTransaction(h, offset);
                if (tracker.enterTransaction()) {
                    emitBegin(h, offset, d.getThreadId());
                }
            }
            case COMMIT, ROLLBACK, XA_END -> commit(h, offset, "0");
            case XA_COMMIT, XA_ROLLBACK -> xa(h, offset, d, control);
            case SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT, XA_PREPARE -> {
                // inside the transaction; nothing to deliver
            }
            case NONE -> statement(h, offset, d);
        }
    }

    private void statement(EventHeaderV4 h, long offset, QueryEventData d) throws InterruptedException {
        openTransaction(h, offset);
        DdlInfo ddl = DdlClassifier.classify(d.getSql(), d.getDatabase());
        LogPosition position = tracker.position(h, offset);
        if (ddl.ddl()) {
            schemas.ddlRead(ddl, d.getSql(), d.getDatabase(), position);
        }
        // database statements, GRANT and the like name no table
        Header.Builder header = header(h, offset, nullToEmpty(ddl.schema()), nullToEmpty(ddl.table()), ddl.type());
        long id = tracker.entryId(offset, 0);
        Entry entry = EntryFactory.statement(header, id, ddl.type(), ddl.ddl(), d.getSql(), nullToEmpty(d.getDatabase()));
        boolean boundary = ddl.ddl() || !tracker.inTransaction();
        int index = tracker.nextIndex();
        LogPosition restart = boundary ? tracker.after(h) : tracker.inside(index);
        emit(new ChangeEvent(entry, id, position, restart, ddl.ddl()), boundary, index);
    }

    private void xa(EventHeaderV4 h, long offset, QueryEventData d, TransactionStatement control)
            throws InterruptedException {
        io.collector.protocol.EntryProtocol.EventType type = control == TransactionStatement.XA_COMMIT
                ? io.collector.protocol.EntryProtocol.EventType.XACOMMIT
                : io.collector.protocol.EntryProtocol.EventType.XAROLLBACK;
        Header.Builder header = header(h, offset, "", "", type);
        long id = tracker.entryId(offset, 0);
        Entry entry = EntryFactory.statement(header, id, type, false, d.getSql(), nullToEmpty(d.getDatabase()));
        emit(new ChangeEvent(entry, id, tracker.position(h, offset), tracker.after(h), false), true,
                tracker.nextIndex());
    }

    private void emitBegin(EventHeaderV4 h, long offset, Long threadId) throws InterruptedException {
        long id = tracker.entryId(offset, 0);
        Header.Builder header = header(h, offset, "", "", null);
        int index = tracker.nextIndex();
        emit(new ChangeEvent(EntryFactory.begin(header, id, threadId), id, tracker.position(h, offset),
                tracker.inside(index), false), false, index);
    }

    private void commit(EventHeaderV4 h, long offset, String transactionId) throws InterruptedException {
        long id = tracker.entryId(offset, 0);
        Header.Builder header = header(h, offset, "", "", null);
        emit(new ChangeEvent(EntryFactory.end(header, id, transactionId), id, tracker.position(h, offset),
                tracker.after(h), false), true, tracker.nextIndex());
    }

    private void rowsEvent(EventHeaderV4 h, long offset, long tableId, RowKind kind,
                           com.github.shyiko.mysql.binlog.event.EventData data, int rowCount)
            throws InterruptedException {
        long id = tracker.entryId(offset, rowCount);
        int index = tracker.nextIndex();
        if (!deliverable(id, index)) {
            return;
        }
        TableMapEventData map = table(tableId);
        TableSchema schema = schemas.resolve(map, tracker.at(offset));
        Header.Builder header = header(h, offset, tableId).setEventType(kind.eventType());
        LogPosition position = tracker.position(h, offset);
        LogPosition restart = tracker.inside(index);
        gate.handedOn(id);
        stage.submit(() -> form == EntryForm.PARSED
                ? parsedRows(kind, data, map, schema, header, id, position, restart)
                : encodedRows(kind, data, map, schema, header, id, position, restart), h.getEventLength());
    }

    /** A rows entry for a consumer that reads rows in process: the RowChange as objects. */
    private ChangeEvent parsedRows(RowKind kind, com.github.shyiko.mysql.binlog.event.EventData data,
                                   TableMapEventData map, TableSchema schema, Header.Builder header, long id,
                                   LogPosition position, LogPosition restart) {
        List<RowData> rowDatas = rows.convert(kind, data, map, schema);
        RowChange change = EntryFactory.rowChange(map.getTableId(), kind.eventType(), rowDatas);
        return ChangeEvent.parsed(EntryFactory.rows(header, id, rowDatas.size(), null), change, id, position,
                restart, false);
    }

    /** A rows entry written straight into its bytes, as TCP clients receive it. */
    private ChangeEvent encodedRows(RowKind kind, com.github.shyiko.mysql.binlog.event.EventData data,
                                    TableMapEventData map, TableSchema schema, Header.Builder header, long id,
                                    LogPosition position, LogPosition restart) {
        RowChangeEncoder encoder = rows.encode(kind, data, map, schema);
        RowChangeEncoder.Encoded e = encoder.finish(EntryFactory.rowsHeader(header, id, encoder.rows()),
                map.getTableId(), kind.eventType());
        return ChangeEvent.encoded(e.shell(), e.bytes(), e.valueOffset(), e.valueLength(), id, position, restart,
                false);
    }

    private boolean deliverable(long globalId, int index) {
        return gate.deliverable(globalId, index, tracker.transactionGtid());
    }

    private void emit(ChangeEvent event, boolean boundary, int index) throws InterruptedException {
        boolean deliver = deliverable(event.globalId(), index);
        if (boundary) {
            tracker.boundary(event.restart());
            gate.boundary();
        }
        if (!deliver) {
            return;
        }
        gate.handedOn(event.globalId());
        stage.submit(() -> event);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
