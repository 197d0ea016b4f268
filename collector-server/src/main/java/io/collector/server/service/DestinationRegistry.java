package io.collector.server.service;

import java.util.Optional;

/** Looks up the destinations this server runs. Thread-safe. */
@FunctionalInterface
public interface DestinationRegistry {

    /** The destination named {@code destination}, if this server runs it now. */
    Optional<DestinationHandle> find(String destination);
}
