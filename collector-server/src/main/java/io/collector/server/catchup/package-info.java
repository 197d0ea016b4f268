/**
 * Catch-up readers of detached subscriptions: a second binlog reader of a destination, from one subscription's
 * cursor into a private store, resolving table schemas from the destination's schema history without writing it.
 */
package io.collector.server.catchup;
