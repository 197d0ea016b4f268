package io.collector.server.net.compat;

import io.collector.protocol.EntryProtocol.Entry;
import java.util.List;

/**
 * What a client's get returned: the batch id (-1 when nothing was available) and the entries, converted to
 * our {@link Entry} through their bytes.
 */
public record CompatBatch(long id, List<Entry> entries) {

    public CompatBatch {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
