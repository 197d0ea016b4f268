/**
 * The contract between parser and store ({@link io.collector.server.sink.EventSink}, called from the
 * parser thread) and its statistics. It may import only {@code entry}; the filtering sink is in {@code
 * sink.filter}.
 */
package io.collector.server.sink;
