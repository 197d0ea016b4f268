package io.collector.client;

import java.time.Duration;

/** The checks of {@link CollectorClientBuilder#build()}, one small method per group of settings. */
final class BuilderChecks {

    private BuilderChecks() {
    }

    static void checkTarget(CollectorClientBuilder b) {
        boolean single = b.host != null;
        boolean cluster = b.zookeeper != null;
        require(single || cluster, "address or zookeeper is required: call address(host, port) to use one server, "
                + "or zookeeper(connectString) to use the server of a cluster that runs the destination");
        require(!single || !cluster, "address and zookeeper are mutually exclusive: address " + b.host + ":" + b.port
                + " names one server, zookeeper \"" + b.zookeeper + "\" finds the server running the destination; "
                + "call only one of them");
        if (single) {
            checkAddress(b);
        } else {
            ZooKeeperChecks.check(b);
        }
        require(b.destination != null, "destination is required: call destination(name)");
        require(!b.destination.isBlank(), "destination must not be blank, got \"" + b.destination + "\"");
        require(b.clientId != null && !b.clientId.isBlank(),
                "clientId must not be blank, got " + quoted(b.clientId) + " (Canal's Java client uses \"1001\")");
    }

    private static void checkAddress(CollectorClientBuilder b) {
        require(!b.host.isBlank(), "address host must not be blank, got \"" + b.host + "\"");
        require(b.port >= 1 && b.port <= 65535, "address port must be in [1, 65535], got " + b.port);
        require(b.zookeeperSessionTimeout == null && b.zookeeperConnectionTimeout == null,
                "zookeeperSessionTimeout and zookeeperConnectionTimeout apply only to a cluster client, "
                + "configured with zookeeper(connectString), not to one with address(host, port)");
    }

    static void checkCredentials(CollectorClientBuilder b) {
        boolean hasUser = b.user != null && !b.user.isEmpty();
        boolean hasPassword = b.password != null && !b.password.isEmpty();
        require(!hasPassword || hasUser,
                "password is set but user is not: the server checks the password of a named user; call user(name)");
    }

    static void checkTimeouts(CollectorClientBuilder b) {
        int32Millis("connectTimeout", b.connectTimeout);
        int32Millis("requestTimeout", b.requestTimeout);
        int32Millis("netReadTimeout", b.netReadTimeout);
        int32Millis("netWriteTimeout", b.netWriteTimeout);
        require(b.reconnectAttempts >= 0,
                "reconnectPolicy maxAttempts must be >= 0 (0 disables reconnecting), got " + b.reconnectAttempts);
        positive("reconnectPolicy initialBackoff", b.initialBackoff);
        positive("reconnectPolicy maxBackoff", b.maxBackoff);
        require(b.maxBackoff.compareTo(b.initialBackoff) >= 0, "reconnectPolicy maxBackoff " + b.maxBackoff
                + " is shorter than initialBackoff " + b.initialBackoff);
    }

    static void checkResources(CollectorClientBuilder b) {
        require(b.maxFrameLength >= CollectorClientBuilder.MIN_MAX_FRAME_LENGTH, "maxFrameLength must be at least "
                + CollectorClientBuilder.MIN_MAX_FRAME_LENGTH + " bytes, got " + b.maxFrameLength);
        require(b.eventLoopThreads == null || b.eventLoopGroup == null,
                "eventLoopThreads and eventLoopGroup are mutually exclusive: with a group the client creates no threads");
        require(b.eventLoopThreads == null || b.eventLoopThreads >= 1,
                "eventLoopThreads must be >= 1, got " + b.eventLoopThreads);
        require(b.errorListener != null, "errorListener must not be null");
    }

    static void positive(String name, Duration value) {
        require(value != null, name + " is required");
        require(!value.isNegative() && !value.isZero(), name + " must be positive, got " + value);
    }

    static void int32Millis(String name, Duration value) {
        positive(name, value);
        require(value.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) <= 0 && value.toMillis() >= 1,
                name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, got " + value);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static void checkTls(CollectorClientBuilder b) {
        require(b.trustPem == null || b.trustStore == null, "tlsTrustedCertificates and tlsTrustStore are mutually "
                + "exclusive: got " + b.trustPem + " and " + b.trustStore);
        require((b.clientCertificate == null) == (b.clientKey == null),
                "tlsClientCertificate needs both a certificate and a key");
        require(b.clientCertificate == null || b.tls, "tlsClientCertificate needs TLS: call tls(), "
                + "tlsTrustedCertificates(file) or tlsTrustStore(file, password) too");
    }
}
