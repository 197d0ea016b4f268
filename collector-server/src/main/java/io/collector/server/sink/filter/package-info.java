/**
 * The destination's filters between parser and store: table include/exclude regexes (Canal
 * semantics), column include/exclude and event-type filters ({@link
 * io.collector.server.sink.filter.FilteringEventSink}). It may import {@code sink}, {@code store} (where kept
 * entries go), {@code entry}, {@code error} and the generated entries.
 */
package io.collector.server.sink.filter;
