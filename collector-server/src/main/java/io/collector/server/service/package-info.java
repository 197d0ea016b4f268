/**
 * Canal's embedded server API ({@link io.collector.server.service.CollectorService}: subscribe, get,
 * ack, rollback) and its in-process implementation over the running destinations ({@link
 * io.collector.server.service.LocalCollectorService}, {@link io.collector.server.service.DestinationRegistry}),
 * with client filters, identities and delivery listeners. The TCP handlers are its only network-facing caller.
 * It may import {@code store}, {@code meta}, {@code entry}, {@code position}, {@code error} and the generated
 * entries; never {@code net}, {@code instance} or {@code config}.
 */
package io.collector.server.service;
