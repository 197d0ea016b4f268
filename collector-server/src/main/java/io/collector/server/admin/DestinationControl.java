package io.collector.server.admin;

import io.collector.server.instance.DestinationState;
import io.collector.server.instance.DestinationStats;
import io.collector.server.instance.InstanceConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the admin endpoint may see and do of the server's destinations; implemented by the server. */
public interface DestinationControl {

    /** The destinations this server hosts (leading or standing by). */
    Set<String> names();

    Optional<DestinationState> state(String destination);

    /** The destination's counters. */
    DestinationStats stats(String destination);

    /** The destination's configuration as its files say now. */
    InstanceConfig config(String destination);

    /** Whether the server runs with ZooKeeper high availability. */
    boolean highAvailability();

    /** Whether this server may run {@code destination} now: always standalone, while leading under HA. */
    boolean leads(String destination);

    /** The address ({@code ip:port}) of the server running {@code destination}, from Canal's running znode. */
    Optional<String> runningAddress(String destination);

    /** What each client id's subscription does (attached, detached, catching up), while it runs here; else empty. */
    default Map<String, String> subscriptionStates(String destination) {
        return Map.of();
    }

    /** Stops the destination (its cursors are flushed); it stays stopped until {@link #start}. */
    void stop(String destination);

    /** Starts a stopped or failed destination. */
    void start(String destination);
}
