package io.collector.server.config;

import java.util.Objects;

/**
 * A network address as configured: {@code host:port}, or {@code [v6-address]:port}.
 *
 * @param host host name or address literal, without brackets
 * @param port port in [1, 65535]
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
