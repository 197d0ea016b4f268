/**
 * Micrometer metrics with a Prometheus endpoint: the server's registry and JVM meters ({@link
 * io.collector.server.metrics.CollectorMetrics}), per-destination meters read from a destination's statistics
 * and store, per-client delivery meters, and the HTTP endpoint that serves them. It may import {@code instance},
 * {@code store}, {@code service} (delivery events), {@code entry}, {@code position}, {@code lifecycle} and
 * {@code error}; components do not import it (the composition root binds their statistics).
 */
package io.collector.server.metrics;
