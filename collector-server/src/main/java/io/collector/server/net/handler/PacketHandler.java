package io.collector.server.net.handler;

import com.google.protobuf.InvalidProtocolBufferException;
import io.collector.protocol.PacketProtocol.Packet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Handles one packet type. Runs on the session's request lane, one request at a time, never on an event
 * loop. It replies through the session, or not at all where Canal does not (a successful ack or rollback,
 * unless the connection negotiated ack replies: {@link Session#accepted()}).
 *
 * <p>A {@link io.collector.server.service.CollectorServiceException} it throws becomes an error ACK with that
 * code; an unparseable body closes the connection after an error ACK.
 */
@FunctionalInterface
public interface PacketHandler {

    void handle(Session session, Packet packet) throws InvalidProtocolBufferException;

    /**
     * Handles the packet and returns when the request is complete; the session's next request waits for it.
     * A handler that waits (a GET waiting for entries) returns a pending stage instead of holding the thread.
     */
    default CompletionStage<?> handleAsync(Session session, Packet packet) throws InvalidProtocolBufferException {
        handle(session, packet);
        return CompletableFuture.completedFuture(null);
    }
}
