package io.collector.client;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The column data of a {@link ChangeRow}: its images, keys and changed columns, all unmodifiable. */
record RowImages(Map<String, String> before, Map<String, String> after, List<String> primaryKeys,
                 Set<String> updatedColumns) {

    static final RowImages NONE = new RowImages(Map.of(), Map.of(), List.of(), Set.of());
}
