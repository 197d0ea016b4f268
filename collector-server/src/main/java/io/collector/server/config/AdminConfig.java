package io.collector.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The operations endpoints and automatic savepoints. 0 turns an endpoint off.
 *
 * @param adminPort         admin HTTP/JSON endpoint and status page (Canal's {@code canal.admin.port})
 * @param metricsPort       Prometheus endpoint (Canal's {@code canal.metrics.pull.port})
 * @param adminHost         address the admin endpoint binds
 * @param token             bearer token the admin endpoint accepts; empty = none
 * @param user              user of the admin endpoint's basic authentication; empty = none
 * @param passwordHash      {@code hex(SHA1(SHA1(password)))} of {@code user}, lower case; empty without a user
 * @param savepointInterval period of automatic savepoints; zero = none
 * @param savepointRetained automatic savepoints kept per destination
 */
public record AdminConfig(int adminPort, int metricsPort, String adminHost, String token, String user,
                          String passwordHash, Duration savepointInterval, int savepointRetained) {

    public AdminConfig {
        Objects.requireNonNull(adminHost, "adminHost");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(savepointInterval, "savepointInterval");
    }

    /** Endpoints on these ports, the admin one on loopback without authentication, no automatic savepoints. */
    public AdminConfig(int adminPort, int metricsPort) {
        this(adminPort, metricsPort, "127.0.0.1", "", "", "", Duration.ZERO, 3);
    }

    /** Whether requests must authenticate. */
    public boolean authRequired() {
        return !token.isEmpty() || !user.isEmpty();
    }

    /** Never shows the token or the password hash. */
    @Override
    public String toString() {
        return "AdminConfig[adminPort=" + adminPort + ", metricsPort=" + metricsPort + ", adminHost=" + adminHost
                + ", token=" + (token.isEmpty() ? "" : "****") + ", user=" + user + ", passwordHash="
                + (passwordHash.isEmpty() ? "" : "****") + ", savepointInterval=" + savepointInterval
                + ", savepointRetained=" + savepointRetained + "]";
    }
}
