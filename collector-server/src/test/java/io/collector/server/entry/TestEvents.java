package io.collector.server.entry;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import io.collector.protocol.EntryProtocol.TransactionEnd;
import io.collector.server.position.LogPosition;
import java.util.Arrays;
import java.util.List;

/**
 * Small hand-made {@link ChangeEvent}s for tests. Positions are in {@code mysql-bin.000001}, at the offset
 * equal to the global id; the restart position is the same offset.
 */
public final class TestEvents {

    public static final String JOURNAL = "mysql-bin.000001";

    private TestEvents() {
    }

    public static ChangeEvent begin(long globalId) {
        Entry entry = Entry.newBuilder().setHeader(header(globalId, "", ""))
                .setEntryType(EntryType.TRANSACTIONBEGIN)
                .setStoreValue(TransactionBegin.newBuilder().setThreadId(1).build().toByteString()).build();
        return event(entry, globalId, false);
    }

    public static ChangeEvent end(long globalId) {
        Entry entry = Entry.newBuilder().setHeader(header(globalId, "", ""))
                .setEntryType(EntryType.TRANSACTIONEND)
                .setStoreValue(TransactionEnd.newBuilder().setTransactionId("7").build().toByteString()).build();
        return event(entry, globalId, false);
    }

    public static ChangeEvent heartbeat(long globalId) {
        Entry entry = Entry.newBuilder().setHeader(header(globalId, "", "")).setEntryType(EntryType.HEARTBEAT).build();
        return event(entry, globalId, false);
    }

    /** A rows entry of one INSERT row with the given columns. */
    public static ChangeEvent insert(long globalId, String schema, String table, Column... after) {
        RowData row = RowData.newBuilder().addAllAfterColumns(Arrays.asList(after)).build();
        return rows(globalId, schema, table, EventType.INSERT, List.of(row));
    }

    /** A rows entry of one row of {@code type} with one key column {@code id}. */
    public static ChangeEvent row(long globalId, String schema, String table, EventType type) {
        RowData row = RowData.newBuilder().addAfterColumns(column(0, "id", "1", true)).build();
        return rows(globalId, schema, table, type, List.of(row));
    }

    public static ChangeEvent rows(long globalId, String schema, String table, EventType type, List<RowData> rows) {
        RowChange change = RowChange.newBuilder().setTableId(1).setEventType(type).setIsDdl(false)
                .addAllRowDatas(rows).build();
        Header header = header(globalId, schema, table).toBuilder().setEventType(type)
                .addProps(pair("rowsCount", Integer.toString(rows.size()))).build();
        Entry entry = Entry.newBuilder().setHeader(header).setEntryType(EntryType.ROWDATA)
                .setStoreValue(change.toByteString()).build();
        return event(entry, globalId, false);
    }

    public static ChangeEvent ddl(long globalId, String schema, String table, EventType type, String sql) {
        RowChange change = RowChange.newBuilder().setEventType(type).setIsDdl(true).setSql(sql)
                .setDdlSchemaName(schema).build();
        Header header = header(globalId, schema, table).toBuilder().setEventType(type).build();
        Entry entry = Entry.newBuilder().setHeader(header).setEntryType(EntryType.ROWDATA)
                .setStoreValue(change.toByteString()).build();
        return event(entry, globalId, true);
    }

    /** The same rows or DDL event in the {@link EntryForm#PARSED parsed} form. */
    public static ChangeEvent parsed(ChangeEvent event) {
        return ChangeEvent.parsed(event.entry().toBuilder().clearStoreValue().build(), event.rowChange(),
                event.globalId(), event.position(), event.restart(), event.ddl());
    }

    /** A transaction end whose serialized size is exactly {@code bytes} (at least 64). */
    public static ChangeEvent ofSize(long globalId, int bytes) {
        ChangeEvent base = end(globalId);
        Entry padded = base.entry().toBuilder().setHeader(base.entry().getHeader().toBuilder()
                .addProps(pair("pad", ""))).build();
        int missing = bytes - padded.getSerializedSize();
        for (int pad = Math.max(0, missing - 4); pad <= missing; pad++) {
            Entry candidate = withPad(base.entry(), pad);
            if (candidate.getSerializedSize() == bytes) {
                return event(candidate, globalId, false);
            }
        }
        throw new IllegalArgumentException("cannot build an entry of " + bytes + " bytes");
    }

    private static Entry withPad(Entry entry, int pad) {
        Header header = entry.getHeader().toBuilder().addProps(pair("pad", "x".repeat(pad))).build();
        return entry.toBuilder().setHeader(header).build();
    }

    public static Column column(int index, String name, String value, boolean key) {
        return Column.newBuilder().setIndex(index).setSqlType(12).setName(name).setIsKey(key).setUpdated(true)
                .setIsNull(false).setValue(value).setMysqlType("varchar(64)").build();
    }

    public static Pair pair(String key, String value) {
        return Pair.newBuilder().setKey(key).setValue(value).build();
    }

    public static LogPosition position(long offset) {
        return new LogPosition(JOURNAL, offset, 1, 1_700_000_000_000L, "");
    }

    private static Header header(long globalId, String schema, String table) {
        return Header.newBuilder().setVersion(1).setLogfileName(JOURNAL).setLogfileOffset(globalId).setServerId(1)
                .setServerenCode("UTF-8").setExecuteTime(1_700_000_000_000L).setSchemaName(schema)
                .setTableName(table).addProps(pair("globalId", Long.toString(globalId))).build();
    }

    private static ChangeEvent event(Entry entry, long globalId, boolean ddl) {
        return new ChangeEvent(entry, globalId, position(globalId), position(globalId), ddl);
    }
}
