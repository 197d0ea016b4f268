package io.collector.server.instance;

import io.collector.server.lifecycle.Lifecycle;

/** Something a {@link DestinationSupervisor} can start, watch and restart. */
public interface Supervisable extends Lifecycle {

    /** The error that stopped it, or null while it is healthy. */
    Throwable failure();
}
