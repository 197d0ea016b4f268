package io.collector.client.testing;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.protocol.EntryProtocol.TransactionBegin;
import java.util.List;

/** Hand-made entries, as the server builds them. */
public final class TestEntries {

    public static final long EXECUTE_TIME = 1_704_164_645_000L; // 2024-01-02T03:04:05Z

    private TestEntries() {
    }

    /** A column; {@code value == null} makes it SQL NULL. */
    public static Column column(int index, String name, String value, boolean key, boolean updated) {
        Column.Builder column = Column.newBuilder().setIndex(index).setName(name).setIsKey(key).setUpdated(updated)
                .setSqlType(12).setMysqlType("varchar(32)");
        return value == null ? column.setIsNull(true).build() : column.setValue(value).build();
    }

    public static Header.Builder header(String table, EventType type, long globalId) {
        Header.Builder header = Header.newBuilder().setLogfileName("mysql-bin.000003").setLogfileOffset(4711)
                .setServerId(1).setExecuteTime(EXECUTE_TIME).setSchemaName("shop").setTableName(table)
                .setEventType(type);
        if (globalId >= 0) {
            header.addProps(Pair.newBuilder().setKey("globalId").setValue(Long.toString(globalId)));
        }
        return header;
    }

    public static Entry rows(String table, EventType type, long globalId, List<RowData> rows) {
        RowChange change = RowChange.newBuilder().setTableId(42).setEventType(type).setIsDdl(false)
                .addAllRowDatas(rows).build();
        return Entry.newBuilder().setHeader(header(table, type, globalId)).setEntryType(EntryType.ROWDATA)
                .setStoreValue(change.toByteString()).build();
    }

    public static RowData row(List<Column> before, List<Column> after) {
        return RowData.newBuilder().addAllBeforeColumns(before).addAllAfterColumns(after).build();
    }

    public static Entry insert(long globalId, String id, String status) {
        return rows("orders", EventType.INSERT, globalId, List.of(row(List.of(),
                List.of(column(0, "id", id, true, true), column(1, "status", status, false, true)))));
    }

    public static Entry ddl(long globalId, String sql) {
        RowChange change = RowChange.newBuilder().setEventType(EventType.ALTER).setIsDdl(true).setSql(sql)
                .setDdlSchemaName("shop").build();
        return Entry.newBuilder().setHeader(header("orders", EventType.ALTER, globalId))
                .setEntryType(EntryType.ROWDATA).setStoreValue(change.toByteString()).build();
    }

    public static Entry begin() {
        return Entry.newBuilder().setHeader(header("", EventType.QUERY, -1)).setEntryType(EntryType.TRANSACTIONBEGIN)
                .setStoreValue(TransactionBegin.newBuilder().setThreadId(7).build().toByteString()).build();
    }
}
