package io.collector.server.service;

import io.collector.server.meta.MetaManager;
import io.collector.server.store.EventStore;

/** What the service needs of a running destination: its store and the meta manager holding its cursors. */
public interface DestinationHandle {

    /** The destination's store; each client id reads it through its own {@link EventStore#subscription}. */
    EventStore store();

    /** The meta manager holding this destination's subscriptions and cursors. */
    MetaManager meta();

    /**
     * Whether this server may deliver the destination right now: under high availability, whether it leads it
     * (false at once when the ZooKeeper connection is suspended); always true standalone.
     */
    default boolean delivering() {
        return true;
    }
}
