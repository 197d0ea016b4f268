package io.collector.server.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.protobuf.ByteString;
import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * Writes Canal's FlatMessage JSON for one published entry, or for the subset of its rows that go to one
 * partition. The keys are Canal's 14, alphabetical and always present (nulls written), plus {@code globalId}:
 * the id of the message's first row (the entry's id for DDL). Differences from Canal: {@code old} holds, for
 * each row, the previous values of the columns changed in that row (Canal accumulates the changed columns of
 * every earlier row of the entry), and it stays aligned with {@code data} (an UPDATE row that changed no
 * column gets {@code {}} instead of being left out).
 *
 * <p>Writes straight from the protobuf columns, without building maps. Not thread-safe: one per publisher.
 */
public final class FlatMessageWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock;
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(64 * 1024);
    private byte[] scratch = new byte[256];
    /** Column names of the message being written, encoded once. */
    private SerializableString[] names = new SerializableString[0];

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
            g.writeStringField("sql", entry.change().getSql());
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
        encodeNames(entry.image(rows[0]));
        g.writeStartArray();
        for (int row : rows) {
            g.writeStartObject();
            List<Column> image = entry.image(row);
            for (int i = 0; i < image.size(); i++) {
                writeValue(g, image.get(i), i, entry.valuesAreStrings());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void encodeNames(List<Column> image) {
        if (names.length < image.size()) {
            names = new SerializableString[image.size()];
        }
        for (int i = 0; i < image.size(); i++) {
            String name = image.get(i).getName();
            if (names[i] == null || !names[i].getValue().equals(name)) {
                names[i] = new SerializedString(name);
            }
        }
    }

    /**
     * A row value under the name encoded once per message; a string, or straight from the column's UTF-8 bytes
     * (asking a column for the form it does not hold converts and keeps a copy).
     */
    private void writeValue(JsonGenerator g, Column c, int i, boolean valueIsString) throws IOException {
        // every row of a rows event has the same columns in the same order
        g.writeFieldName(names[i]);
        if (c.getIsNull()) {
            g.writeNull();
            return;
        }
        if (valueIsString) {
            g.writeString(c.getValue());
            return;
        }
        ByteString value = c.getValueBytes();
        int size = value.size();
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
        value.copyTo(scratch, 0);
        g.writeUTF8String(scratch, 0, size);
    }

    /** Each row's before-values of the columns whose after-image says {@code updated}. */
    private static void writeOld(JsonGenerator g, EntryRows entry, int[] rows) throws IOException {
        g.writeFieldName("old");
        if (rows == null || rows.length == 0) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int row : rows) {
            g.writeStartObject();
            List<Column> after = entry.image(row);
            for (Column before : entry.before(row)) {
                if (changed(after, before)) {
                    writeValue(g, before);
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static boolean changed(List<Column> after, Column before) {
        int i = before.getIndex();
        if (i < after.size() && after.get(i).getName().equals(before.getName())) {
            return after.get(i).getUpdated();
        }
        for (Column c : after) {
            if (c.getName().equals(before.getName())) {
                return c.getUpdated();
            }
        }
        return false;
    }

    private static void writeValue(JsonGenerator g, Column c) throws IOException {
        if (c.getIsNull()) {
            g.writeNullField(c.getName());
        } else {
            g.writeStringField(c.getName(), c.getValue());
        }
    }

    private static void writeTypes(JsonGenerator g, String field, EntryRows entry, int[] rows, boolean sql)
            throws IOException {
        g.writeFieldName(field);
        if (rows == null || rows.length == 0) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        // Canal fills these maps row by row, so the last row's types win (unsigned values may differ per row)
        for (Column c : entry.image(rows[rows.length - 1])) {
            if (sql) {
                g.writeNumberField(c.getName(), c.getSqlType());
            } else {
                g.writeStringField(c.getName(), c.getMysqlType());
            }
        }
        g.writeEndObject();
    }

    private static void writePkNames(JsonGenerator g, EntryRows entry, int[] rows) throws IOException {
        g.writeFieldName("pkNames");
        List<Column> image = rows == null || rows.length == 0 ? List.of() : entry.image(rows[0]);
        if (image.stream().noneMatch(Column::getIsKey)) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (Column c : image) {
            if (c.getIsKey()) {
                g.writeString(c.getName());
            }
        }
        g.writeEndArray();
    }
}
