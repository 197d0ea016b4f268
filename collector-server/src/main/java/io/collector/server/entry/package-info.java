/**
 * The unit that flows through a destination: {@link io.collector.server.entry.ChangeEvent}, a Canal
 * entry with its globalId, binlog position and restart point, serialized or parsed ({@link
 * io.collector.server.entry.EntryForm}). A shared value type: it may import only {@code position} and the
 * generated {@code io.collector.protocol} entries.
 */
package io.collector.server.entry;
