package io.collector.client;

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

    private final String[] names;
    private final byte[][] nameBytes;
    private final boolean[] keys;
    private final Map<String, Integer> index;
    private final List<String> keyNames;

    private ColumnLayout(String[] names, byte[][] nameBytes, boolean[] keys) {
        this.names = names;
        this.nameBytes = nameBytes;
        this.keys = keys;
        this.index = new HashMap<>(names.length * 2);
        List<String> keyList = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            index.putIfAbsent(names[i], i);
            if (keys[i]) {
                keyList.add(names[i]);
            }
        }
        this.keyNames = Collections.unmodifiableList(keyList);
    }

    /** The layout of the first {@code size} columns of these arrays (copied). */
    static ColumnLayout of(String[] names, byte[][] nameBytes, boolean[] keys, int size) {
        return new ColumnLayout(Arrays.copyOf(names, size), Arrays.copyOf(nameBytes, size), Arrays.copyOf(keys, size));
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    /** The UTF-8 bytes of column {@code i}'s name, as received; not to be modified. */
    byte[] nameBytes(int i) {
        return nameBytes[i];
    }

    boolean key(int i) {
        return keys[i];
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
