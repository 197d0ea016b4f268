package io.collector.server.net;

import io.collector.server.error.ConfigException;
import java.time.Duration;
import java.util.Objects;

/**
 * The TCP server's settings.
 *
 * @param host           address to bind ("0.0.0.0" for all)
 * @param port           port, Canal's default 11111
 * @param maxFrameLength largest accepted packet in bytes; a longer length header closes that connection
 * @param idleTimeout    a connection with no packet for this long is closed, unless the client asked for a
 *                       shorter or longer one in its authentication packet
 * @param user           user clients must authenticate as; empty = no authentication
 * @param passwordHash   {@code hex(SHA1(SHA1(password)))}, lower case, as Canal's {@code canal.passwd}; empty
 *                       when no password is required
 */
public record NetConfig(String host, int port, int maxFrameLength, Duration idleTimeout, String user,
                        String passwordHash) {

    public static final int DEFAULT_PORT = 11111;
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    public NetConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        user = user == null ? "" : user;
        passwordHash = passwordHash == null ? "" : passwordHash;
        if (port < 0 || port > 65535) {
            throw new ConfigException("port " + port + " outside [0, 65535]");
        }
        if (maxFrameLength < 1024) {
            throw new ConfigException("max frame length " + maxFrameLength + " below 1024 bytes");
        }
    }

    /** Canal's defaults on all interfaces, without authentication. */
    public static NetConfig defaults() {
        return new NetConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_IDLE_TIMEOUT, "", "");
    }

    public boolean authenticationRequired() {
        return !user.isEmpty();
    }
}
