/**
 * Delivery of a destination's store to an external system, independent of that system: the {@link
 * io.collector.server.publish.Publisher} contract a destination runs beside its parser, the {@link
 * io.collector.server.publish.PositionSource} a destination asks where to resume, and Canal's FlatMessage JSON
 * ({@link io.collector.server.publish.FlatMessageWriter}). The Kafka publisher is in
 * {@link io.collector.server.publish.kafka}.
 *
 * <p>It may import only the shared {@code entry}, {@code position}, {@code lifecycle} and the
 * generated entries (and Jackson, for the JSON); {@code publish.kafka} builds on it.
 */
package io.collector.server.publish;
