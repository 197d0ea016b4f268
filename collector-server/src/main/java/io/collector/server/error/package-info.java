/**
 * The server's small unchecked exception hierarchy: {@link
 * io.collector.server.error.CollectorException} (retriable or not) and its kinds for configuration, positions,
 * poison events, the source and fencing, with {@link io.collector.server.error.ZooKeeperErrors} classifying
 * ZooKeeper failures in one place. Shared by every package, so it imports no other server package (ZooKeeper's
 * exception types only).
 */
package io.collector.server.error;
