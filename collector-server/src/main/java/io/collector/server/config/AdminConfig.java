package io.collector.server.config;

/**
 * Ports of the operations endpoints, read now for later use; 0 turns an endpoint off.
 *
 * @param adminPort   admin HTTP/JSON endpoint (Canal's {@code canal.admin.port})
 * @param metricsPort Prometheus endpoint (Canal's {@code canal.metrics.pull.port})
 */
public record AdminConfig(int adminPort, int metricsPort) {
}
