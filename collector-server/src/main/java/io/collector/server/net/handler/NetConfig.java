package io.collector.server.net.handler;

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
 * @param limits         what connections may cost: frames before authentication, handshake deadline,
 *                       connection caps, outgoing buffer, delay after a failed login
 * @param tls            TLS on the client port, or off
 */
public record NetConfig(String host, int port, int maxFrameLength, Duration idleTimeout, String user,
                        String passwordHash, NetLimits limits, NetTls tls) {

    public static final int DEFAULT_PORT = 11111;
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    public NetConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(tls, "tls");
        user = user == null ? "" : user;
        passwordHash = passwordHash == null ? "" : passwordHash;
        if (port < 0 || port > 65535) {
            throw new ConfigException("port " + port + " outside [0, 65535]");
        }
        if (maxFrameLength < 1024) {
            throw new ConfigException("max frame length " + maxFrameLength + " below 1024 bytes");
        }
    }

    /** With the default {@link NetLimits}, without TLS. */
    public NetConfig(String host, int port, int maxFrameLength, Duration idleTimeout, String user,
                     String passwordHash) {
        this(host, port, maxFrameLength, idleTimeout, user, passwordHash, NetLimits.defaults());
    }

    /** Without TLS. */
    public NetConfig(String host, int port, int maxFrameLength, Duration idleTimeout, String user,
                     String passwordHash, NetLimits limits) {
        this(host, port, maxFrameLength, idleTimeout, user, passwordHash, limits, NetTls.off());
    }

    /** Canal's port on the loopback interface, without authentication. */
    public static NetConfig defaults() {
        return new NetConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_IDLE_TIMEOUT, "", "");
    }

    /** The same settings with other limits. */
    public NetConfig withLimits(NetLimits other) {
        return new NetConfig(host, port, maxFrameLength, idleTimeout, user, passwordHash, other, tls);
    }

    /** The same settings with TLS on the client port. */
    public NetConfig withTls(NetTls other) {
        return new NetConfig(host, port, maxFrameLength, idleTimeout, user, passwordHash, limits, other);
    }

    public boolean authenticationRequired() {
        return !user.isEmpty();
    }

    /** Without the password hash, which must not reach a log. */
    @Override
    public String toString() {
        return "NetConfig[host=" + host + ", port=" + port + ", maxFrameLength=" + maxFrameLength + ", idleTimeout="
                + idleTimeout + ", user=" + user + ", password=" + (passwordHash.isEmpty() ? "none" : "(hidden)")
                + ", limits=" + limits + ", tls=" + tls + "]";
    }
}
