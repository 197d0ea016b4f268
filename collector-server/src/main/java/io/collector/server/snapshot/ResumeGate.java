package io.collector.server.snapshot;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.Entry;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.protocol.EntryProtocol.Header;
import io.collector.protocol.EntryProtocol.Pair;
import io.collector.protocol.EntryProtocol.RowChange;
import io.collector.protocol.EntryProtocol.RowData;
import io.collector.server.entry.ChangeEvent;
import io.collector.server.position.LogPosition;
import io.collector.server.sink.EventSink;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sink in front of a destination's own while the binlog after a <em>resumed</em> snapshot is read. The
 * snapshot was taken at P; after a restart its unacknowledged part (the region) was read again in a new read view
 * at P'. That part already holds every change up to P', so between P and P' the gate drops the row changes of keys
 * in the region: the re-read tables, and in the table resumed inside, the keys after the resume point. It passes a
 * DELETE of such a key when the key is absent at P' (looked up in the still open P' view): a consumer may hold
 * that row from before the restart, and no re-read row replaces it. Everything else passes, and from P' on
 * everything: each key goes from its state at P (or P') forward, never back. Conversion thread only.
 */
final class ResumeGate implements EventSink {

    private final EventSink next;
    private Region region;

    /**
     * What was read again and up to where.
     *
     * @param until  P': the position of the new read view
     * @param view   the reader still holding the P' view; closed once the gate opens
     * @param tables the snapshot's tables by {@code schema.table}, each with its position in the snapshot's order
     * @param reread the re-read tables by {@code schema.table}
     * @param table  the index of the first re-read table (the one the snapshot resumed inside, if any)
     * @param after  the resume point's key in {@code table} (integers), empty when it is read again whole
     */
    record Region(LogPosition until, SnapshotReader view, Map<String, Integer> tables,
                  Map<String, SnapshotTable> reread, int table, List<BigInteger> after) {
    }

    ResumeGate(EventSink next) {
        this.next = next;
    }

    /** Starts dropping the changes inside {@code r}; null passes everything. Closes the previous region's view. */
    synchronized void region(Region r) {
        if (region != null) {
            region.view().close();
        }
        this.region = r;
    }

    @Override
    public void sink(List<ChangeEvent> events) throws InterruptedException {
        Region r;
        synchronized (this) {
            r = region;
        }
        if (r == null) {
            next.sink(events);
            return;
        }
        List<ChangeEvent> kept = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            if (r != null && !e.position().journal().isEmpty() && e.position().compareTo(r.until()) >= 0) {
                region(null);
                r = null;
            }
            ChangeEvent out = r == null || !e.isRowData() ? e : filter(e, r);
            if (out != null) {
                kept.add(out);
            }
        }
        next.sink(kept);
    }

    private ChangeEvent filter(ChangeEvent e, Region r) {
        Integer index = r.tables().get(e.qualifiedTable());
        if (index == null || index < r.table()) {
            return e;
        }
        SnapshotTable table = r.reread().get(e.qualifiedTable());
        if (table == null || !table.chunked()) {
            return null;
        }
        RowChange change = e.rowChange();
        List<RowData> rows = new ArrayList<>(change.getRowDatasCount());
        for (RowData row : change.getRowDatasList()) {
            List<Column> image = row.getBeforeColumnsCount() > 0 ? row.getBeforeColumnsList() : row.getAfterColumnsList();
            List<String> key = keyOf(table, image);
            boolean inRegion = index > r.table() || r.after().isEmpty() || afterResumePoint(key, r.after());
            if (!inRegion || change.getEventType() == EventType.DELETE && !r.view().exists(table, key)) {
                rows.add(row);
            }
        }
        if (rows.size() == change.getRowDatasCount()) {
            return e;
        }
        return rows.isEmpty() ? null : withRows(e, change.toBuilder().clearRowDatas().addAllRowDatas(rows).build());
    }

    private static List<String> keyOf(SnapshotTable table, List<Column> image) {
        List<String> key = new ArrayList<>(table.key().size());
        for (int i : table.key()) {
            String name = table.columns().get(i).schema().name();
            key.add(image.stream().filter(c -> c.getName().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("key column " + name + " missing from a row image"))
                    .getValue());
        }
        return key;
    }

    /** Whether the key sorts after the resume point (so the re-read holds the row's state at P'). */
    private static boolean afterResumePoint(List<String> key, List<BigInteger> after) {
        for (int k = 0; k < after.size(); k++) {
            int cmp = new BigInteger(key.get(k)).compareTo(after.get(k));
            if (cmp != 0) {
                return cmp > 0;
            }
        }
        return false;
    }

    private static ChangeEvent withRows(ChangeEvent e, RowChange change) {
        Header.Builder header = e.header().toBuilder().clearProps();
        for (Pair p : e.header().getPropsList()) {
            header.addProps("rowsCount".equals(p.getKey())
                    ? p.toBuilder().setValue(Integer.toString(change.getRowDatasCount())).build() : p);
        }
        Entry shell = Entry.newBuilder().setHeader(header).setEntryType(e.entryType()).build();
        if (e.isParsed()) {
            return ChangeEvent.parsed(shell, change, e.globalId(), e.position(), e.restart(), e.ddl());
        }
        return new ChangeEvent(shell.toBuilder().setStoreValue(change.toByteString()).build(), e.globalId(),
                e.position(), e.restart(), e.ddl());
    }
}
