/**
 * The one component lifecycle contract ({@link io.collector.server.lifecycle.Lifecycle}, {@link
 * io.collector.server.lifecycle.AbstractLifecycle}: start once, stop idempotent), bounded shutdowns of executors
 * and threads ({@link io.collector.server.lifecycle.Shutdowns}), interruptible backoff ({@link
 * io.collector.server.lifecycle.Backoff}) and the server's one thread factory ({@link
 * io.collector.server.lifecycle.NamedThreadFactory}). Used by nearly every package, so it imports no other server
 * package.
 */
package io.collector.server.lifecycle;
