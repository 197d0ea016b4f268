package io.collector.server.net.compat;

import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EntryType;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.server.instance.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** What the compatibility suite reads out of received entries: rows, ids, tables, and when to stop taking. */
final class Entries {

    private Entries() {
    }

    static List<Entry> entries(List<CompatBatch> batches) {
        return batches.stream().flatMap(batch -> batch.entries().stream()).toList();
    }

    static Predicate<List<Entry>> size(int count) {
        return entries -> entries.size() >= count;
    }

    /** At least {@code rows} rows, and the last entry ends a transaction. */
    static Predicate<List<Entry>> rowsThenEnd(int rows) {
        return entries -> rowCount(entries) >= rows && !entries.isEmpty()
                && entries.get(entries.size() - 1).getEntryType() == EntryType.TRANSACTIONEND;
    }

    static int rowCount(List<Entry> entries) {
        return rowImages(entries).size();
    }

    static List<String> ids(List<Entry> entries) {
        return rowImages(entries).stream().map(row -> row.get("id")).toList();
    }

    static List<String> tables(List<Entry> entries) {
        return rowImages(entries).stream().map(row -> row.get("@table")).toList();
    }

    static List<EventType> eventTypes(List<Entry> entries) {
        return entries.stream().filter(e -> e.getEntryType() == EntryType.ROWDATA)
                .map(e -> e.getHeader().getEventType()).toList();
    }

    /** Each row's after-image (before-image for deletes) as column → value, plus "@table"; DDL left out. */
    static List<Map<String, String>> rowImages(List<Entry> entries) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.getEntryType() != EntryType.ROWDATA) {
                continue;
            }
            for (var row : rowChange(entry).getRowDatasList()) {
                Map<String, String> image = new LinkedHashMap<>(Pipeline.image(
                        row.getAfterColumnsCount() > 0 ? row.getAfterColumnsList() : row.getBeforeColumnsList()));
                image.put("@table", entry.getHeader().getTableName());
                rows.add(image);
            }
        }
        return rows;
    }

    static RowChange rowChange(Entry entry) {
        try {
            return RowChange.parseFrom(entry.getStoreValue());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
