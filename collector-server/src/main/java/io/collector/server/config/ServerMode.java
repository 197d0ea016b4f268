package io.collector.server.config;

/** How the server delivers changes ({@code collector.mode}, Canal's {@code canal.serverMode}). */
public enum ServerMode {
    /** Pull clients over Canal's TCP protocol. */
    TCP,
    /** A publisher per destination into Kafka. */
    KAFKA
}
