package io.collector.server.sink.filter;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes columns from a rows entry by rebuilding its RowChange. The header (and with it {@code rowsCount}
 * and the global id), the rows, the kept columns' {@code index} and the event's form stay as they were.
 */
final class ColumnPruner {

    private ColumnPruner() {
    }

    /** {@code event} without the columns {@code kept} rejects; the same instance if it keeps them all. */
    static ChangeEvent prune(ChangeEvent event, Predicate<String> kept) {
        RowChange change = event.rowChange();
        if (keepsAll(change, kept)) {
            return event;
        }
        RowChange.Builder pruned = change.toBuilder().clearRowDatas();
        for (RowData row : change.getRowDatasList()) {
            pruned.addRowDatas(prune(row, kept));
        }
        return event.withRowChange(pruned.build());
    }

    private static RowData prune(RowData row, Predicate<String> kept) {
        RowData.Builder pruned = row.toBuilder().clearBeforeColumns().clearAfterColumns();
        for (Column column : row.getBeforeColumnsList()) {
            if (kept.test(column.getName())) {
                pruned.addBeforeColumns(column);
            }
        }
        for (Column column : row.getAfterColumnsList()) {
            if (kept.test(column.getName())) {
                pruned.addAfterColumns(column);
            }
        }
        return pruned.build();
    }

    private static boolean keepsAll(RowChange change, Predicate<String> kept) {
        for (RowData row : change.getRowDatasList()) {
            if (!keepsAll(row.getBeforeColumnsList(), kept) || !keepsAll(row.getAfterColumnsList(), kept)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keepsAll(List<Column> columns, Predicate<String> kept) {
        for (Column column : columns) {
            if (!kept.test(column.getName())) {
                return false;
            }
        }
        return true;
    }
}
