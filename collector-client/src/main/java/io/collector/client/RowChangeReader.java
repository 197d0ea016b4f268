package io.collector.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;
import io.collector.protocol.EntryProtocol.EventType;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a serialized {@code RowChange} straight from its bytes instead of building the generated protobuf objects
 * ({@code RowChange}, and per row a {@code RowData} and one {@code Column} per column): only the fields
 * {@link ChangeRows} needs, with the generated parser's semantics (the last occurrence of a field wins, unknown
 * fields and fields of an unexpected wire type are skipped, an enum number this client does not know leaves the
 * field unset, a nested message must end exactly at its length), with a {@link WireReader} over the entry's own
 * array. Rows stay bytes until {@link #images(int, EventType)} reads one. Fields it does not need ({@code props},
 * {@code tableId}, a column's type, index, length) are skipped by their length without checking what they hold.
 *
 * <p>Not thread-safe; one instance per entry.
 */
final class RowChangeReader {

    private static final int EVENT_TYPE = tag(2, WireFormat.WIRETYPE_VARINT);
    private static final int IS_DDL = tag(10, WireFormat.WIRETYPE_VARINT);
    private static final int SQL = tag(11, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int ROW_DATA = tag(12, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int DDL_SCHEMA = tag(14, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int BEFORE_COLUMN = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int AFTER_COLUMN = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private final WireReader in;
    private int[] rowStarts = new int[16];
    private int[] rowLengths = new int[16];
    private int rowCount;
    private final ColumnImage before = new ColumnImage();
    private final ColumnImage after = new ColumnImage();
    private EventType eventType;
    private boolean ddl;
    private String sql = "";
    private String ddlSchemaName = "";

    private RowChangeReader(WireReader in) {
        this.in = in;
    }

    /** A field's tag: its number and wire type, as the encoded stream carries it. */
    static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    /** Reads the row change's own fields; its rows stay bytes until {@link #images}. */
    static RowChangeReader read(ByteString storeValue) throws IOException {
        RowChangeReader reader = new RowChangeReader(WireReader.of(storeValue));
        for (int tag = reader.in.readTag(); tag != 0; tag = reader.in.readTag()) {
            reader.field(tag);
        }
        return reader;
    }

    private void field(int tag) throws IOException {
        if (tag == EVENT_TYPE) {
            EventType type = EventType.forNumber((int) in.readVarint64());
            eventType = type == null ? eventType : type;
        } else if (tag == IS_DDL) {
            ddl = in.readBool();
        } else if (tag == SQL) {
            sql = in.readString();
        } else if (tag == ROW_DATA) {
            addRow(in.readLength());
        } else if (tag == DDL_SCHEMA) {
            ddlSchemaName = in.readString();
        } else {
            in.skipField(tag);
        }
    }

    private void addRow(int length) throws IOException {
        if (rowCount == rowStarts.length) {
            rowStarts = Arrays.copyOf(rowStarts, rowCount * 2);
            rowLengths = Arrays.copyOf(rowLengths, rowCount * 2);
        }
        rowStarts[rowCount] = in.position();
        rowLengths[rowCount] = length;
        rowCount++;
        in.skip(length);
    }

    /** The event type, or {@code null} when the row change has none (the header's applies). */
    EventType eventType() {
        return eventType;
    }

    boolean isDdl() {
        return ddl;
    }

    String sql() {
        return sql;
    }

    String ddlSchemaName() {
        return ddlSchemaName;
    }

    int rowCount() {
        return rowCount;
    }

    /** Reads row {@code index}: its images, key columns and, for an UPDATE, its changed columns. */
    RowImages images(int index, EventType type) throws IOException {
        before.clear();
        after.clear();
        in.seek(rowStarts[index]);
        int outer = in.pushLimit(rowLengths[index]);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == BEFORE_COLUMN) {
                readColumn(before);
            } else if (tag == AFTER_COLUMN) {
                readColumn(after);
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(outer);
        Map<String, String> beforeMap = before.toMap();
        Map<String, String> afterMap = after.toMap();
        List<String> keys = after.size() > 0 ? after.keyNames() : before.keyNames();
        Set<String> updated = type == EventType.UPDATE ? updated(beforeMap, afterMap) : Set.of();
        return new RowImages(beforeMap, afterMap, keys, updated);
    }

    private void readColumn(ColumnImage image) throws IOException {
        int outer = in.pushLimit(in.readLength());
        image.readColumn(in);
        in.popLimit(outer);
    }

    private Set<String> updated(Map<String, String> beforeMap, Map<String, String> afterMap) {
        Set<String> flagged = after.flaggedUpdated();
        if (flagged.isEmpty()) {
            flagged = new LinkedHashSet<>();
            for (Map.Entry<String, String> column : afterMap.entrySet()) {
                String name = column.getKey();
                if (!beforeMap.containsKey(name) || !Objects.equals(beforeMap.get(name), column.getValue())) {
                    flagged.add(name);
                }
            }
        }
        return java.util.Collections.unmodifiableSet(flagged);
    }
}
