/**
 * The daemon's composition root: {@link io.collector.server.Main} starts a {@link
 * io.collector.server.CollectorServer}, which reads the configuration, builds the meta manager, the destinations
 * ({@link io.collector.server.DestinationSet}), the TCP server or the Kafka warm-up, metrics, the admin endpoint
 * ({@link io.collector.server.AdminWiring}) and, with ZooKeeper, the elections ({@link
 * io.collector.server.HighAvailability}). It is the only package that wires components together, so it may import
 * every component package ({@code config}, {@code instance}, {@code meta}, {@code ha}, {@code net},
 * {@code publish.kafka}, {@code admin}, {@code savepoint}, {@code metrics}, {@code service}, {@code lifecycle},
 * {@code error}); no other package imports it.
 */
package io.collector.server;
