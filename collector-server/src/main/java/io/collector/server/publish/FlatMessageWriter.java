package io.collector.server.publish;

import io.collector.protocol.EntryProtocol.Column;
import io.collector.protocol.EntryProtocol.EventType;
import java.nio.charset.StandardCharsets;
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
 * <p>Writes straight from the protobuf columns into one reused buffer ({@link Utf8JsonBuffer}), without maps or a JSON
 * generator: the message's shape is fixed, and the column names of {@code data} are encoded once per message.
 * Not thread-safe: one per publisher.
 */
public final class FlatMessageWriter {

    private static final byte[] DATA = key("{\"data\"");
    private static final byte[] DATABASE = key(",\"database\"");
    private static final byte[] ES = key(",\"es\"");
    private static final byte[] GLOBAL_ID = key(",\"globalId\"");
    private static final byte[] GTID = key(",\"gtid\"");
    private static final byte[] ID = key(",\"id\"");
    private static final byte[] IS_DDL = key(",\"isDdl\"");
    private static final byte[] MYSQL_TYPE = key(",\"mysqlType\"");
    private static final byte[] OLD = key(",\"old\"");
    private static final byte[] PK_NAMES = key(",\"pkNames\"");
    private static final byte[] SQL = key(",\"sql\"");
    private static final byte[] SQL_TYPE = key(",\"sqlType\"");
    private static final byte[] TABLE = key(",\"table\"");
    private static final byte[] TS = key(",\"ts\"");
    private static final byte[] TYPE = key(",\"type\"");

    private final Clock clock;
    private final Utf8JsonBuffer out = new Utf8JsonBuffer(64 * 1024);
    private final Utf8JsonBuffer scratch = new Utf8JsonBuffer(64);
    /** {@code "name":} of each column of the message being written, encoded once. */
    private byte[][] names = new byte[0][];
    private String[] nameStrings = new String[0];

    public FlatMessageWriter(Clock clock) {
        this.clock = clock;
    }

    private static byte[] key(String quoted) {
        return (quoted + ":").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The FlatMessage of {@code entry}.
     *
     * @param batchId the store batch id (Canal's {@code id})
     * @param rows    indexes of the rows to include, in order; null for all of them
     */
    public byte[] write(EntryRows entry, long batchId, int[] rows) {
        out.reset();
        boolean hasRows = !entry.ddl() && entry.rowCount() > 0 && isDml(entry.eventType());
        int[] included = rows != null ? rows : all(hasRows ? entry.rowCount() : 0);
        int[] dataRows = hasRows && included.length > 0 ? included : null;
        out.raw(DATA);
        writeData(entry, dataRows);
        out.raw(DATABASE).string(entry.schema());
        out.raw(ES).number(entry.header().getExecuteTime());
        out.raw(GLOBAL_ID).number(included.length > 0 ? entry.rowGlobalId(included[0]) : entry.event().globalId());
        out.raw(GTID).string(entry.header().getGtid());
        out.raw(ID).number(batchId);
        out.raw(IS_DDL).bool(entry.ddl());
        out.raw(MYSQL_TYPE);
        writeTypes(entry, dataRows, false);
        out.raw(OLD);
        writeOld(entry, entry.eventType() == EventType.UPDATE ? dataRows : null);
        out.raw(PK_NAMES);
        writePkNames(entry, dataRows);
        out.raw(SQL).string(entry.change().getSql());
        out.raw(SQL_TYPE);
        writeTypes(entry, dataRows, true);
        out.raw(TABLE).string(entry.table());
        out.raw(TS).number(clock.millis());
        out.raw(TYPE).string(entry.eventType().name());
        out.raw('}');
        return out.toByteArray();
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

    private void writeData(EntryRows entry, int[] rows) {
        if (rows == null) {
            out.nullValue();
            return;
        }
        encodeNames(entry.image(rows[0]));
        boolean strings = entry.valuesAreStrings();
        out.raw('[');
        for (int r = 0; r < rows.length; r++) {
            comma(r).raw('{');
            List<Column> image = entry.image(rows[r]);
            for (int i = 0; i < image.size(); i++) {
                // every row of a rows event has the same columns in the same order
                comma(i).raw(names[i]);
                writeValue(image.get(i), strings);
            }
            out.raw('}');
        }
        out.raw(']');
    }

    /** The buffer, after a comma unless this is the first element ({@code index} 0). */
    private Utf8JsonBuffer comma(int index) {
        return index == 0 ? out : out.raw(',');
    }

    private void encodeNames(List<Column> image) {
        if (names.length < image.size()) {
            names = new byte[image.size()][];
            nameStrings = new String[image.size()];
        }
        for (int i = 0; i < image.size(); i++) {
            String name = image.get(i).getName();
            if (!name.equals(nameStrings[i])) {
                nameStrings[i] = name;
                names[i] = keyOf(name);
            }
        }
    }

    /** {@code "name":}, escaped. */
    private byte[] keyOf(String name) {
        scratch.reset();
        return scratch.string(name).raw(':').toByteArray();
    }

    /**
     * A row value; a string, or straight from the column's UTF-8 bytes (asking a column for the form it does not
     * hold converts and keeps a copy).
     */
    private void writeValue(Column c, boolean valueIsString) {
        if (c.getIsNull()) {
            out.nullValue();
        } else if (valueIsString) {
            out.string(c.getValue());
        } else {
            out.utf8String(c.getValueBytes());
        }
    }

    /** Each row's before-values of the columns whose after-image says {@code updated}. */
    private void writeOld(EntryRows entry, int[] rows) {
        if (rows == null) {
            out.nullValue();
            return;
        }
        out.raw('[');
        for (int r = 0; r < rows.length; r++) {
            comma(r).raw('{');
            List<Column> after = entry.image(rows[r]);
            int written = 0;
            for (Column before : entry.before(rows[r])) {
                if (changed(after, before)) {
                    comma(written++).string(before.getName()).raw(':');
                    out.string(before.getIsNull() ? null : before.getValue());
                }
            }
            out.raw('}');
        }
        out.raw(']');
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

    private void writeTypes(EntryRows entry, int[] rows, boolean sql) {
        if (rows == null) {
            out.nullValue();
            return;
        }
        out.raw('{');
        // Canal fills these maps row by row, so the last row's types win (unsigned values may differ per row)
        int written = 0;
        for (Column c : entry.image(rows[rows.length - 1])) {
            comma(written++).string(c.getName()).raw(':');
            if (sql) {
                out.number(c.getSqlType());
            } else {
                out.string(c.getMysqlType());
            }
        }
        out.raw('}');
    }

    private void writePkNames(EntryRows entry, int[] rows) {
        List<Column> image = rows == null ? List.of() : entry.image(rows[0]);
        if (image.stream().noneMatch(Column::getIsKey)) {
            out.nullValue();
            return;
        }
        out.raw('[');
        int written = 0;
        for (Column c : image) {
            if (c.getIsKey()) {
                comma(written++).string(c.getName());
            }
        }
        out.raw(']');
    }
}
