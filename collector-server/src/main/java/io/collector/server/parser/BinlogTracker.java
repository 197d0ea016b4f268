package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.EventHeader;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.server.position.LogPosition;
import io.collector.server.position.SourceStamp;
import java.util.List;

/**
 * Where the binlog reader stands: the current file and offset, the open transaction (its start, where a restart
 * must begin, its GTID and the index of its next entry), the GTID set executed so far, the boundary a new
 * connection resumes from, and the ids of the entries read. Gives the positions, headers and ids of entries.
 * Used on the binlog client's thread.
 */
final class BinlogTracker {

    private final EntryIds ids = new EntryIds();
    private GtidTracker gtids;
    private String journal;
    private long nextOffset;
    private LogPosition txStart;
    private boolean txOpened;
    private boolean inTransaction;
    /** The TRANSACTION_PAYLOAD event whose inner events are being handled, else null. */
    private EventHeaderV4 payload;
    private LogPosition lastRestart;
    /** The open transaction: its GTID and the index of its next entry. */
    private String txGtid = "";
    private int txIndex;

    /** Sets the boundary to resume from; see {@link BinlogEventHandler#restartFrom}. */
    void restartFrom(StartPoint start) {
        LogPosition at = start.position();
        lastRestart = at.withDelivered("", -1);
        ids.restartFrom(at.source(), start.newSource());
    }

    /** Forgets the open transaction: reading goes on from the restart boundary. */
    void resetToRestart() {
        journal = lastRestart.journal();
        nextOffset = lastRestart.offset();
        txStart = lastRestart;
        txOpened = false;
        inTransaction = false;
        gtids = new GtidTracker(lastRestart.gtidSet());
    }

    /** Moves to a later restart position (purged-binlog policy). */
    void restartAt(LogPosition position) {
        lastRestart = position;
    }

    LogPosition restartPosition() {
        return lastRestart;
    }

    SourceStamp source() {
        return ids.source();
    }

    boolean atBoundary() {
        return !txOpened;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    String transactionGtid() {
        return txGtid;
    }

    /** The offset of an event: from its header, else (no position in the header) where the last one ended. */
    long offsetOf(EventHeaderV4 h) {
        return h.getNextPosition() > 0 ? h.getNextPosition() - h.getEventLength() : nextOffset;
    }

    /** After an event: the next one starts where its header says. */
    void handled(EventHeaderV4 h) {
        if (h.getNextPosition() > 0) {
            nextOffset = h.getNextPosition();
        }
    }

    /** {@code file:offset} of an event read on the current connection, for messages. */
    String locate(EventHeader header) {
        if (header instanceof EventHeaderV4 h && h.getNextPosition() > 0) {
            return journal + ":" + (h.getNextPosition() - h.getEventLength());
        }
        return at(nextOffset);
    }

    /** {@code file:offset} in the current file, for messages. */
    String at(long offset) {
        return journal + ":" + offset;
    }

    /** {@code file:offset} after the last event handled. */
    String currentPosition() {
        return at(nextOffset);
    }

    void payloadStarts(EventHeaderV4 h, long offset) {
        payload = h;
        ids.payloadStarts(journal, offset, h.getEventLength());
    }

    void payloadEnds() {
        payload = null;
        ids.payloadEnds();
    }

    /** The id of an entry of the event at {@code offset} that carries {@code rows} rows (0 for others). */
    long entryId(long offset, int rows) {
        return ids.next(journal, offset, rows, payload);
    }

    /** A ROTATE event: the next events are in {@code file} from {@code offset}, its index {@code fileIndex}. */
    void rotate(String file, long offset, long fileIndex) {
        journal = file;
        nextOffset = offset;
        ids.fileOpened(journal, fileIndex);
        if (!txOpened) {
            txStart = new LogPosition(journal, nextOffset, 0, 0, gtids.executed(), ids.source(), "", -1);
        }
    }

    /** The FORMAT_DESCRIPTION event opening each file: its time is the file's creation time. */
    void formatDescription(EventHeaderV4 h) {
        ids.fileCreated(h.getTimestamp());
        if (!txOpened) {
            txStart = txStart.withSource(ids.source());
        }
    }

    /**
     * Marks the first event of a transaction (its GTID event, else its BEGIN or lone statement): a restart
     * replays from here.
     *
     * @return whether a transaction opened here (false when one is open already)
     */
    boolean openTransaction(EventHeaderV4 h, long offset) {
        if (txOpened) {
            return false;
        }
        txOpened = true;
        txGtid = "";
        txIndex = 0;
        txStart = new LogPosition(journal, offset, h.getServerId(), h.getTimestamp(), gtids.executed(), ids.source(),
                "", -1);
        return true;
    }

    /** The GTID of the open transaction, with the header props its entries carry; returns it as tracked. */
    String gtid(String gtid, boolean mariadb, List<Pair> props) {
        gtids.add(gtid, mariadb, props);
        txGtid = gtids.current();
        return txGtid;
    }

    /** A BEGIN (or a MariaDB GTID event without the standalone flag); returns false if one was seen already. */
    boolean enterTransaction() {
        boolean entered = !inTransaction;
        inTransaction = true;
        return entered;
    }

    /** The index of the next entry in the open transaction. */
    int nextIndex() {
        return txIndex++;
    }

    /** A transaction or lone statement ended: a restart resumes at {@code restart}. */
    void boundary(LogPosition restart) {
        lastRestart = restart;
        txStart = restart;
        txOpened = false;
        inTransaction = false;
    }

    Header.Builder header(EventHeaderV4 h, long offset, String schema, String table, EventType type) {
        return EntryFactory.header(h, journal, offset, schema, table, type, gtids.executed()).addAllProps(gtids.props());
    }

    LogPosition position(EventHeaderV4 h, long offset) {
        return new LogPosition(journal, offset, h.getServerId(), h.getTimestamp(), gtids.executed(), ids.source(), "", -1);
    }

    /** The restart position of an entry inside the open transaction: its start, entries up to {@code index} done. */
    LogPosition inside(int index) {
        return txStart.withDelivered(txGtid, index);
    }

    /** The position after the event (after the whole payload for an event inside a transaction payload). */
    LogPosition after(EventHeaderV4 h) {
        EventHeaderV4 written = payload != null ? payload : h;
        long next = written.getNextPosition() > 0 ? written.getNextPosition() : nextOffset + written.getEventLength();
        return new LogPosition(journal, next, h.getServerId(), h.getTimestamp(), gtids.executed(), ids.source(), "", -1);
    }
}
