package io.collector.server.service;

import java.util.Objects;

/** A consumer of one destination, as Canal names it: the destination and the client's id (Java client: "1001"). */
public record ClientIdentity(String destination, String clientId) {

    public ClientIdentity {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String toString() {
        return "destination=" + destination + ", client=" + clientId;
    }
}
