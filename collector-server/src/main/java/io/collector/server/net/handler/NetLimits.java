package io.collector.server.net.handler;

import io.collector.server.error.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * What one client connection, and all of them together, may cost the server.
 *
 * @param unauthenticatedFrameLength largest packet accepted before the client authenticated, in bytes
 * @param handshakeTimeout           a connection that has not authenticated within this is closed
 * @param maxConnections             open connections at most; a further one is closed at once
 * @param maxConnectionsPerAddress   open connections from one remote IP address at most
 * @param writeBufferBytes           queued outgoing bytes above which a connection counts as not writable: no
 *                                   request of it runs (so no reply is built) until the client read it down
 * @param authFailureDelay           how long the answer to a failed authentication is held back
 */
public record NetLimits(int unauthenticatedFrameLength, Duration handshakeTimeout, int maxConnections,
                        int maxConnectionsPerAddress, int writeBufferBytes, Duration authFailureDelay) {

    public static final int DEFAULT_UNAUTHENTICATED_FRAME_LENGTH = 64 * 1024;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 512;
    public static final int DEFAULT_WRITE_BUFFER_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_AUTH_FAILURE_DELAY = Duration.ofSeconds(1);

    public NetLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(authFailureDelay, "authFailureDelay");
        positive("unauthenticated frame length", unauthenticatedFrameLength);
        positive("connection limit", maxConnections);
        positive("per-address connection limit", maxConnectionsPerAddress);
        positive("write buffer", writeBufferBytes);
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || authFailureDelay.isNegative()) {
            throw new ConfigException("handshake timeout must be positive and auth failure delay not negative");
        }
    }

    public static NetLimits defaults() {
        return new NetLimits(DEFAULT_UNAUTHENTICATED_FRAME_LENGTH, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_AUTH_FAILURE_DELAY);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new ConfigException(what + " must be positive, got " + value);
        }
    }
}
