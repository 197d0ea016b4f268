package io.collector.server.config;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ConfigLoader#load} found: the server's configuration and the destinations to run.
 *
 * @param server       the server's configuration
 * @param destinations the destinations to run: those configured, or else every destination folder found
 */
public record LoadedConfig(ServerConfig server, List<String> destinations) {

    public LoadedConfig {
        Objects.requireNonNull(server, "server");
        destinations = List.copyOf(destinations);
    }
}
