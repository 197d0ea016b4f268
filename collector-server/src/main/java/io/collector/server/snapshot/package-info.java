/**
 * A destination's initial snapshot ({@link io.collector.server.snapshot.SnapshotRunner}, the parser's start stage):
 * a consistent, chunked, resumable read of the included tables as INSERT entries before the binlog, in a read view
 * whose binlog position is known ({@code ReadView}: no lock on MariaDB, a brief global read lock elsewhere), its
 * progress stores (file, ZooKeeper, memory) and the resume gate in front of the destination's sink. It may import
 * {@code parser} (the source connection, value forms, schemas), {@code sink}, {@code entry}, {@code position},
 * {@code files}, {@code error} and the protocol; {@code instance}, {@code admin} and {@code metrics} import it,
 * never the other way round.
 */
package io.collector.server.snapshot;
