package io.collector.client;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The column names of an image, in order, with their key flags: shared by every row of an entry that has the
 * same columns. Immutable.
 */
final class ColumnLayout {

    private final ByteString[] nameBytes;
    private final boolean[] keys;
    private final String[] names;
    private final Map<String, Integer> index;
    private final List<String> keyNames;

    private ColumnLayout(ByteString[] nameBytes, boolean[] keys) {
        this.nameBytes = nameBytes;
        this.keys = keys;
        this.names = new String[nameBytes.length];
        this.index = new HashMap<>(nameBytes.length * 2);
        List<String> keyList = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = nameBytes[i].toStringUtf8();
            index.putIfAbsent(names[i], i);
            if (keys[i]) {
                keyList.add(names[i]);
            }
        }
        this.keyNames = Collections.unmodifiableList(keyList);
    }

    /** The layout of the first {@code size} columns of these arrays (copied). */
    static ColumnLayout of(ByteString[] nameBytes, boolean[] keys, int size) {
        return new ColumnLayout(Arrays.copyOf(nameBytes, size), Arrays.copyOf(keys, size));
    }

    /** Whether the first {@code size} columns of these arrays have exactly this layout's names and key flags. */
    boolean matches(ByteString[] otherNames, boolean[] otherKeys, int size) {
        if (size != names.length) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (otherKeys[i] != keys[i] || !otherNames[i].equals(nameBytes[i])) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    /** The position of a column, or -1. */
    int indexOf(Object name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** Whether two columns share a name (a map of the image then keeps the last value, as Canal's do). */
    boolean hasDuplicateNames() {
        return index.size() != names.length;
    }

    List<String> keyNames() {
        return keyNames;
    }
}
