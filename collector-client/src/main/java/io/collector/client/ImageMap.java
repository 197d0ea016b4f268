package io.collector.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row image as an unmodifiable map in column order: the entry's shared {@link ColumnLayout} and this row's
 * values, SQL NULL as {@code null}. Equal to (and hashes like) any map with the same entries; immutable.
 */
final class ImageMap extends AbstractMap<String, String> {

    private final ColumnLayout layout;
    private final String[] values;
    private Set<Entry<String, String>> entries;

    ImageMap(ColumnLayout layout, String[] values) {
        this.layout = layout;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return layout.indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int i = layout.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        if (entries == null) {
            entries = new Entries();
        }
        return entries;
    }

    private final class Entries extends AbstractSet<Entry<String, String>> {

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public Iterator<Entry<String, String>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < values.length;
                }

                @Override
                public Entry<String, String> next() {
                    if (next >= values.length) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return new SimpleImmutableEntry<>(layout.name(i), values[i]);
                }
            };
        }
    }
}
