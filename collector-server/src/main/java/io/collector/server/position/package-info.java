/**
 * Where things are in a binlog and how far a consumer got: {@link
 * io.collector.server.position.LogPosition} (file, offset, server id, time, GTID set), the deterministic {@link
 * io.collector.server.position.GlobalId} of an entry, and a consumer's {@link io.collector.server.position.Cursor}.
 * Shared value types: it imports no other package.
 */
package io.collector.server.position;
