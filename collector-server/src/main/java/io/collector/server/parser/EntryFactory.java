package io.collector.server.parser;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.google.protobuf.ByteString;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import io.collector.protocol.EntryProtocol.Type;
import java.util.List;

/** Builds Canal entries with the header fields and field order {@code canal-types.md} §4–5 describe. */
final class EntryFactory {

    static final String GLOBAL_ID = "globalId";

    private EntryFactory() {
    }

    /** The common header; {@code eventType} null leaves it unset (transaction begin/end). */
    static Header.Builder header(EventHeaderV4 h, String journal, long offset, String schema, String table,
                                 EventType eventType, String gtid) {
        Header.Builder b = Header.newBuilder()
                .setVersion(1)
                .setLogfileName(journal)
                .setLogfileOffset(offset)
                .setServerId(h.getServerId())
                .setServerenCode("UTF-8")
                .setExecuteTime(h.getTimestamp())
                .setSourceType(Type.MYSQL)
                .setSchemaName(schema)
                .setTableName(table)
                .setEventLength(h.getEventLength());
        if (eventType != null) {
            b.setEventType(eventType);
        }
        if (!gtid.isEmpty()) {
            b.setGtid(gtid);
        }
        return b;
    }

    static Entry begin(Header.Builder header, long globalId, Long threadId) {
        TransactionBegin.Builder begin = TransactionBegin.newBuilder();
        if (threadId != null) {
            begin.setThreadId(threadId);
        }
        return entry(header, globalId, EntryType.TRANSACTIONBEGIN, begin.build().toByteString());
    }

    static Entry end(Header.Builder header, long globalId, String transactionId) {
        TransactionEnd end = TransactionEnd.newBuilder().setTransactionId(transactionId).build();
        return entry(header, globalId, EntryType.TRANSACTIONEND, end.toByteString());
    }

    static RowChange rowChange(long tableId, EventType type, List<RowData> rows) {
        return RowChange.newBuilder()
                .setTableId(tableId)
                .setEventType(type)
                .setIsDdl(false)
                .addAllRowDatas(rows)
                .build();
    }

    /** The header of a rows event's entry, with its props {@code rowsCount} and {@code globalId}. */
    static Header rowsHeader(Header.Builder header, long globalId, int rowsCount) {
        return header.addProps(pair("rowsCount", Integer.toString(rowsCount)))
                .addProps(pair(GLOBAL_ID, Long.toString(globalId))).build();
    }

    /** The entry of a rows event; {@code change} null leaves its store value out (a parsed event's shell). */
    static Entry rows(Header.Builder header, long globalId, int rowsCount, RowChange change) {
        header.addProps(pair("rowsCount", Integer.toString(rowsCount)));
        return entry(header, globalId, EntryType.ROWDATA, change == null ? null : change.toByteString());
    }

    static Entry statement(Header.Builder header, long globalId, EventType type, boolean ddl, String sql,
                           String currentDatabase) {
        RowChange change = RowChange.newBuilder()
                .setEventType(type)
                .setIsDdl(ddl)
                .setSql(sql)
                .setDdlSchemaName(currentDatabase)
                .build();
        return entry(header, globalId, EntryType.ROWDATA, change.toByteString());
    }

    private static Entry entry(Header.Builder header, long globalId, EntryType type, ByteString value) {
        header.addProps(pair(GLOBAL_ID, Long.toString(globalId)));
        Entry.Builder entry = Entry.newBuilder().setHeader(header).setEntryType(type);
        return (value == null ? entry : entry.setStoreValue(value)).build();
    }

    static Pair pair(String key, String value) {
        return Pair.newBuilder().setKey(key).setValue(value).build();
    }
}
