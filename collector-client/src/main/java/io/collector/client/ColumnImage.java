package io.collector.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of one image (before or after) of the row being read, reused from row to row of an entry. The rows
 * of an entry have the same columns, so their names are decoded once: a row whose column names and key flags
 * match the previous row's shares its {@link ColumnLayout}, and its map holds only the values.
 *
 * <p>Not thread-safe; owned by one {@link RowChangeReader}.
 */
final class ColumnImage {

    private static final int NAME = RowChangeReader.tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int IS_KEY = RowChangeReader.tag(4, WireFormat.WIRETYPE_VARINT);
    private static final int UPDATED = RowChangeReader.tag(5, WireFormat.WIRETYPE_VARINT);
    private static final int IS_NULL = RowChangeReader.tag(6, WireFormat.WIRETYPE_VARINT);
    private static final int VALUE = RowChangeReader.tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private ByteString[] names = new ByteString[16];
    private String[] values = new String[16];
    private boolean[] keys = new boolean[16];
    private boolean[] updated = new boolean[16];
    private int size;
    private ColumnLayout layout;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Reads one {@code Column} message (within its pushed limit) as the next column of this image. */
    void readColumn(CodedInputStream in) throws IOException {
        grow();
        ByteString name = ByteString.EMPTY;
        String value = "";
        boolean key = false;
        boolean changed = false;
        boolean isNull = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == NAME) {
                name = in.readBytes();
            } else if (tag == VALUE) {
                value = in.readString();
            } else if (tag == IS_KEY) {
                key = in.readBool();
            } else if (tag == UPDATED) {
                changed = in.readBool();
            } else if (tag == IS_NULL) {
                isNull = in.readBool();
            } else {
                in.skipField(tag);
            }
        }
        names[size] = name;
        values[size] = isNull ? null : value;
        keys[size] = key;
        updated[size] = changed;
        size++;
    }

    /** The image as an unmodifiable map in column order, SQL NULL as {@code null}; empty without columns. */
    Map<String, String> toMap() {
        if (size == 0) {
            return Map.of();
        }
        ColumnLayout current = layout();
        String[] row = Arrays.copyOf(values, size);
        if (current.hasDuplicateNames()) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(current.name(i), row[i]);
            }
            return java.util.Collections.unmodifiableMap(map);
        }
        return new ImageMap(current, row);
    }

    /** The key columns of the image just read, in column order. */
    List<String> keyNames() {
        return size == 0 ? List.of() : layout().keyNames();
    }

    /** The columns flagged as updated, in column order; a new, modifiable set. */
    Set<String> flaggedUpdated() {
        Set<String> flagged = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            if (updated[i]) {
                flagged.add(layout().name(i));
            }
        }
        return flagged;
    }

    private ColumnLayout layout() {
        if (layout == null || !layout.matches(names, keys, size)) {
            layout = ColumnLayout.of(names, keys, size);
        }
        return layout;
    }

    private void grow() {
        if (size == names.length) {
            int capacity = size * 2;
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
            keys = Arrays.copyOf(keys, capacity);
            updated = Arrays.copyOf(updated, capacity);
        }
    }
}
