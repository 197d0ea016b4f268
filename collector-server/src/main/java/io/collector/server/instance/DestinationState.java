package io.collector.server.instance;

import java.time.Instant;

/**
 * What a supervised destination is doing, for logs and the admin interface.
 *
 * @param destination name
 * @param phase       current phase
 * @param attempts    consecutive failed starts (0 while healthy)
 * @param lastError   the last failure's message, or null
 * @param since       when the destination entered this phase
 */
public record DestinationState(String destination, Phase phase, int attempts, String lastError, Instant since) {

    /** Phases of a supervised destination. */
    public enum Phase {
        /** Starting or running. */
        RUNNING,
        /** Failed; a restart is scheduled. */
        RESTARTING,
        /** Failed too often under the restart policy; given up until restarted by hand or reconfigured. */
        FAILED,
        /** Not running on this server because another server holds it (high availability). */
        STANDBY,
        /** Stopped. */
        STOPPED
    }
}
