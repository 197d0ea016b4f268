package io.collector.client.internal;

import io.collector.client.ReconnectPolicy;
import java.time.Duration;

/**
 * What the client's internals need from its configuration, the password included (it never leaves the
 * client unscrambled and is masked in {@link #toString()}).
 *
 * @param destination       the destination to consume
 * @param clientId          the client id sent with every request
 * @param user              the user name, empty for none
 * @param password          the clear-text password, empty for none
 * @param netReadTimeoutMs  read timeout sent at authentication, milliseconds
 * @param netWriteTimeoutMs write timeout sent at authentication, milliseconds
 * @param connectTimeout    TCP connect timeout
 * @param requestTimeout    deadline of a reply, beyond any server-side wait
 * @param maxFrameLength    largest accepted frame body, bytes
 * @param reconnectPolicy   how to reconnect after a connection loss
 * @param tls               TLS to the server, or null for Canal's plain protocol
 */
public record SessionSettings(String destination, String clientId, String user, String password,
                              int netReadTimeoutMs, int netWriteTimeoutMs, Duration connectTimeout,
                              Duration requestTimeout, int maxFrameLength, ReconnectPolicy reconnectPolicy,
                              ClientTls tls) {

    /**
     * Returns the connect timeout in milliseconds, capped to what Netty accepts.
     *
     * @return the connect timeout, at most {@link Integer#MAX_VALUE} ms
     */
    public int connectTimeoutMillis() {
        return (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "SessionSettings[destination=" + destination + ", clientId=" + clientId + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "****") + "]";
    }
}
