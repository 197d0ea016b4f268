/**
 * The admin HTTP/JSON endpoint and status page ({@link io.collector.server.admin.AdminEndpoint}): list
 * destinations with role, position and delay, stop/start/restart them, move a cursor to a file:pos, GTID or
 * timestamp ({@link io.collector.server.admin.TimestampLocator} reads the source's binlogs for that), and take,
 * list and restore savepoints, all through the {@link io.collector.server.admin.DestinationControl} the composition
 * root gives it. It may import {@code config} (its settings), {@code instance} (states and statistics),
 * {@code meta}, {@code savepoint}, {@code position}, {@code parser} and {@code parser.source} (the source
 * connection settings and queries of the timestamp search), {@code lifecycle} and {@code error}; not
 * {@code net}, {@code ha} or {@code publish}.
 */
package io.collector.server.admin;
