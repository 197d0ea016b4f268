package io.collector.client;

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
 * of an entry have the same columns, so their names are decoded once: a column whose name (compared as bytes) and
 * key flag match the previous row's column at that place takes that column's name, and a row whose columns all
 * match shares the previous row's {@link ColumnLayout}; its map then holds only its values.
 *
 * <p>Not thread-safe; owned by one {@link RowChangeReader}.
 */
final class ColumnImage {

    private static final int NAME = RowChangeReader.tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int IS_KEY = RowChangeReader.tag(4, WireFormat.WIRETYPE_VARINT);
    private static final int UPDATED = RowChangeReader.tag(5, WireFormat.WIRETYPE_VARINT);
    private static final int IS_NULL = RowChangeReader.tag(6, WireFormat.WIRETYPE_VARINT);
    private static final int VALUE = RowChangeReader.tag(8, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private String[] names = new String[16];
    private byte[][] nameBytes = new byte[16][];
    private String[] values = new String[16];
    private boolean[] keys = new boolean[16];
    private boolean[] updated = new boolean[16];
    private int size;
    private boolean matchesLayout;
    private ColumnLayout layout;

    void clear() {
        size = 0;
        matchesLayout = layout != null;
    }

    int size() {
        return size;
    }

    /** Reads one {@code Column} message (within its pushed limit) as the next column of this image. */
    void readColumn(WireReader in) throws IOException {
        grow();
        int nameStart = 0;
        int nameLength = 0;
        String value = "";
        boolean key = false;
        boolean changed = false;
        boolean isNull = false;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == NAME) {
                nameLength = in.readLength();
                nameStart = in.position();
                in.skip(nameLength);
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
        name(in, nameStart, nameLength, key);
        values[size] = isNull ? null : value;
        keys[size] = key;
        updated[size] = changed;
        size++;
    }

    /** Takes the column's name from the layout when it matches there, else decodes it. */
    private void name(WireReader in, int start, int length, boolean key) {
        boolean same = matchesLayout && size < layout.size() && layout.key(size) == key
                && in.bytesEqual(start, length, layout.nameBytes(size));
        if (same) {
            names[size] = layout.name(size);
            nameBytes[size] = layout.nameBytes(size);
        } else {
            matchesLayout = false;
            names[size] = in.string(start, length);
            nameBytes[size] = in.bytes(start, length);
        }
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
                flagged.add(names[i]);
            }
        }
        return flagged;
    }

    private ColumnLayout layout() {
        if (!matchesLayout || size != layout.size()) {
            layout = ColumnLayout.of(names, nameBytes, keys, size);
            matchesLayout = true;
        }
        return layout;
    }

    private void grow() {
        if (size == names.length) {
            int capacity = size * 2;
            names = Arrays.copyOf(names, capacity);
            nameBytes = Arrays.copyOf(nameBytes, capacity);
            values = Arrays.copyOf(values, capacity);
            keys = Arrays.copyOf(keys, capacity);
            updated = Arrays.copyOf(updated, capacity);
        }
    }
}
