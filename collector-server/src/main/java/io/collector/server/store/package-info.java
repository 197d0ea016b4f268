/**
 * The destination's bounded in-memory event store ({@link io.collector.server.store.EventStore}:
 * put/get/ack/rollback; {@link io.collector.server.store.MemoryEventStore}, bounded by entries and bytes, {@code
 * put} blocks when full so back-pressure reaches the binlog reader) and the batches it hands out. It depends only
 * on shared value types and contracts: {@code entry}, {@code position}, {@code lifecycle} and {@code error}.
 */
package io.collector.server.store;
