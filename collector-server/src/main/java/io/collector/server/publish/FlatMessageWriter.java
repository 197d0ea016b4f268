package io.collector.server.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.collector.protocol.EntryProtocol.EventType;
import io.collector.server.publish.RowChangeView.ColumnTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;

/**
 * Writes Canal's FlatMessage JSON for one published entry, or for the subset of its rows that go to one
 * partition. The keys are Canal's 14, alphabetical and always present (nulls written), plus {@code globalId}:
 * the id of the message's first row (the entry's id for DDL). Differences from Canal: {@code old} holds, for
 * each row, the previous values of the columns changed in that row (Canal accumulates the changed columns of
 * every earlier row of the entry), and it stays aligned with {@code data} (an UPDATE row that changed no
 * column gets {@code {}} instead of being left out).
 *
 * <p>Writes straight from the entry's bytes ({@link RowChangeView}): values are copied from their UTF-8 as they are
 * (a value with a character beyond the Basic Multilingual Plane is written from its String, so that it is escaped
 * as Jackson escapes a String), column names and MySQL types are decoded once per column and message. Not
 * thread-safe: one per publisher.
 */
public final class FlatMessageWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(64 * 1024);
    /** Column names (as in the last message that had the column at that place) and their encoded form. */
    private byte[][] nameBytes = new byte[0][];
    private String[] names = new String[0];
    private SerializableString[] encodedNames = new SerializableString[0];

    public FlatMessageWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * The FlatMessage of {@code entry}.
     *
     * @param batchId the store batch id (Canal's {@code id})
     * @param rows    indexes of the rows to include, in order; null for all of them
     */
    public byte[] write(EntryRows entry, long batchId, int[] rows) {
        buffer.reset();
        try (JsonGenerator g = JSON.createGenerator(buffer)) {
            boolean hasRows = !entry.ddl() && entry.rowCount() > 0 && isDml(entry.eventType());
            int[] included = rows != null ? rows : all(hasRows ? entry.rowCount() : 0);
            g.writeStartObject();
            writeData(g, entry, hasRows ? included : null);
            g.writeStringField("database", entry.schema());
            g.writeNumberField("es", entry.header().getExecuteTime());
            g.writeNumberField("globalId", included.length > 0 ? entry.rowGlobalId(included[0]) : entry.event().globalId());
            g.writeStringField("gtid", entry.header().getGtid());
            g.writeNumberField("id", batchId);
            g.writeBooleanField("isDdl", entry.ddl());
            writeTypes(g, "mysqlType", entry, hasRows ? included : null, false);
            writeOld(g, entry, hasRows && entry.eventType() == EventType.UPDATE ? included : null);
            writePkNames(g, entry, hasRows ? included : null);
            g.writeStringField("sql", entry.view().sql());
            writeTypes(g, "sqlType", entry, hasRows ? included : null, true);
            g.writeStringField("table", entry.table());
            g.writeNumberField("ts", clock.millis());
            g.writeStringField("type", entry.eventType().name());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a FlatMessage", e);
        }
        return buffer.toByteArray();
    }

    private static boolean isDml(EventType type) {
        return type == EventType.INSERT || type == EventType.UPDATE || type == EventType.DELETE;
    }

    private static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private void writeData(JsonGenerator g, EntryRows entry, int[] rows) throws IOException {
        g.writeFieldName("data");
        if (rows == null || rows.length == 0) {
            g.writeNull();
            return;
        }
        ColumnTable columns = entry.imageColumns();
        int first = entry.imageStart(rows[0]);
        byte[] bytes = entry.view().bytes();
        decodeNames(bytes, columns, first, entry.imageEnd(rows[0]));
        g.writeStartArray();
        for (int row : rows) {
            g.writeStartObject();
            int start = entry.imageStart(row);
            for (int c = start, end = entry.imageEnd(row); c < end; c++) {
                // every row of a rows event has the same columns in the same order
                g.writeFieldName(encodedNames[c - start]);
                writeValue(g, bytes, columns, c);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Decodes the names of the columns from {@code start} to {@code end}, those not already at their place. */
    private void decodeNames(byte[] bytes, ColumnTable columns, int start, int end) {
        int n = end - start;
        if (names.length < n) {
            names = Arrays.copyOf(names, n);
            nameBytes = Arrays.copyOf(nameBytes, n);
            encodedNames = Arrays.copyOf(encodedNames, n);
        }
        for (int i = 0; i < n; i++) {
            int offset = columns.nameOffset(start + i);
            int length = columns.nameLength(start + i);
            byte[] known = nameBytes[i];
            if (known == null || !Arrays.equals(known, 0, known.length, bytes, offset, offset + length)) {
                nameBytes[i] = Arrays.copyOfRange(bytes, offset, offset + length);
                names[i] = new String(nameBytes[i], StandardCharsets.UTF_8);
                encodedNames[i] = new SerializedString(names[i]);
            }
        }
    }

    /** The name of column {@code c}: from {@link #decodeNames}'s cache when it is at place {@code i} there. */
    private String name(byte[] bytes, ColumnTable columns, int c, int i) {
        int offset = columns.nameOffset(c);
        int length = columns.nameLength(c);
        byte[] known = i < nameBytes.length ? nameBytes[i] : null;
        if (known != null && Arrays.equals(known, 0, known.length, bytes, offset, offset + length)) {
            return names[i];
        }
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /**
     * A row value, as Jackson writes it as a String: straight from its UTF-8, unless it holds a character beyond
     * the Basic Multilingual Plane (which Jackson escapes as a surrogate pair when written from a String).
     */
    private static void writeValue(JsonGenerator g, byte[] bytes, ColumnTable columns, int c) throws IOException {
        if (columns.isNull(c)) {
            g.writeNull();
            return;
        }
        int offset = columns.valueOffset(c);
        int length = columns.valueLength(c);
        if (RowChangeView.hasSupplementary(bytes, offset, length)) {
            g.writeString(new String(bytes, offset, length, StandardCharsets.UTF_8));
        } else {
            g.writeUTF8String(bytes, offset, length);
        }
    }

    /** Each row's before-values of the columns whose after-image says {@code updated}. */
    private void writeOld(JsonGenerator g, EntryRows entry, int[] rows) throws IOException {
        g.writeFieldName("old");
        if (rows == null || rows.length == 0) {
            g.writeNull();
            return;
        }
        RowChangeView view = entry.view();
        g.writeStartArray();
        for (int row : rows) {
            g.writeStartObject();
            int start = view.beforeStart(row);
            for (int c = start, end = view.beforeEnd(row); c < end; c++) {
                if (changed(view, row, c)) {
                    g.writeFieldName(name(view.bytes(), view.before(), c, c - start));
                    writeValue(g, view.bytes(), view.before(), c);
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Whether row {@code row}'s after-image says before-column {@code c} was updated (found by index, else by name). */
    private static boolean changed(RowChangeView view, int row, int c) {
        ColumnTable before = view.before();
        ColumnTable after = view.after();
        int start = view.afterStart(row);
        int end = view.afterEnd(row);
        int i = before.index(c);
        if (i >= 0 && i < end - start && sameName(view.bytes(), after, start + i, before, c)) {
            return after.updated(start + i);
        }
        for (int a = start; a < end; a++) {
            if (sameName(view.bytes(), after, a, before, c)) {
                return after.updated(a);
            }
        }
        return false;
    }

    private static boolean sameName(byte[] bytes, ColumnTable x, int cx, ColumnTable y, int cy) {
        int ox = x.nameOffset(cx);
        int oy = y.nameOffset(cy);
        return Arrays.equals(bytes, ox, ox + x.nameLength(cx), bytes, oy, oy + y.nameLength(cy));
    }

    private void writeTypes(JsonGenerator g, String field, EntryRows entry, int[] rows, boolean sql)
            throws IOException {
        g.writeFieldName(field);
        if (rows == null || rows.length == 0) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        // Canal fills these maps row by row, so the last row's types win (unsigned values may differ per row)
        ColumnTable columns = entry.imageColumns();
        byte[] bytes = entry.view().bytes();
        int last = rows[rows.length - 1];
        int start = entry.imageStart(last);
        for (int c = start, end = entry.imageEnd(last); c < end; c++) {
            g.writeFieldName(name(bytes, columns, c, c - start));
            if (sql) {
                g.writeNumber(columns.sqlType(c));
            } else {
                g.writeString(new String(bytes, columns.mysqlTypeOffset(c), columns.mysqlTypeLength(c),
                        StandardCharsets.UTF_8));
            }
        }
        g.writeEndObject();
    }

    private void writePkNames(JsonGenerator g, EntryRows entry, int[] rows) throws IOException {
        g.writeFieldName("pkNames");
        ColumnTable columns = entry.imageColumns();
        int start = rows == null || rows.length == 0 ? 0 : entry.imageStart(rows[0]);
        int end = rows == null || rows.length == 0 ? 0 : entry.imageEnd(rows[0]);
        boolean anyKey = false;
        for (int c = start; c < end && !anyKey; c++) {
            anyKey = columns.isKey(c);
        }
        if (!anyKey) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int c = start; c < end; c++) {
            if (columns.isKey(c)) {
                g.writeString(name(entry.view().bytes(), columns, c, c - start));
            }
        }
        g.writeEndArray();
    }
}
