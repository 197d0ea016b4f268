/**
 * Named savepoints: copies of a destination's acknowledged cursors taken from the meta manager
 * and put back while the destination is stopped ({@link io.collector.server.savepoint.Savepoints}), stored in
 * local files or ZooKeeper. It may import {@code meta}, {@code position}, {@code config} (the key that names a
 * start savepoint), {@code files} and {@code error}.
 */
package io.collector.server.savepoint;
