/**
 * Catch-up readers of detached subscriptions: a second binlog reader of a destination, from one subscription's
 * cursor into a private store, resolving table schemas from the destination's schema history without writing it.
 * It may import {@code parser} (the reader, its schema history, {@code parser.source} for the replica's server
 * id), {@code sink}, {@code store}, {@code position}, {@code entry} and {@code error}; only
 * {@code instance} imports it.
 */
package io.collector.server.catchup;
